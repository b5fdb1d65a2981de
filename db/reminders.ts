import { dueLead } from '../shared/domain/reminders';
import { addDays, epochDay } from '../shared/domain/lunarCalendar';
import type { AnniversaryOnDate, FollowUpItem, Reminder } from '../shared/types';
import type { Db } from './connection';
import { readSettings } from './handlers/settings';
import { followUpsBetween } from './queries/agenda';
import { anniversariesBetween, occurrencesOf } from './queries/anniversaryDates';
import type { ReminderLogTable } from './schema';

/**
 * Anniversary reminders, computed from the rules every time (never "last fired + 1 year"),
 * against this device's reminder log. A reminder is open from its lead time until it is
 * acknowledged; it is notified once per lead time; a snooze hides it until a date; one missed
 * while the laptop was off stays open (as missed) until someone acts on it.
 */
const checkedKey = 'reminders.checkedThrough';
/** How far back a first check after a long absence looks for missed anniversaries. */
const maxLookbackDays = 366;

type LogRow = ReminderLogTable;

/** The day the reminders were last checked through (settings), or null before the first check. */
function checkedThrough(db: Db): string | null {
  const row = db.first(db.query.selectFrom('settings').select('value').where('key', '=', checkedKey));
  return row ? (JSON.parse(row.value) as string) : null;
}

export function markChecked(db: Db, today: string): void {
  const value = JSON.stringify(today);
  db.run(
    db.query
      .insertInto('settings')
      .values({ key: checkedKey, value })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value })),
  );
}

/**
 * The longest lead time in use: the window of anniversaries that may already be due. At least
 * `atLeast` days is all the caller needs: when the settings reach that far, the anniversaries'
 * own lead times (a scan of them all) are not read.
 */
function longestLead(db: Db, atLeast = Infinity): number {
  const settings = readSettings(db);
  const fromSettings = Math.max(0, ...Object.values(settings.leadDays).flat());
  if (fromSettings >= atLeast) return fromSettings;
  const override = db
    .statement(
      `SELECT max(j.value) FROM anniversaries n, json_each(n.lead_days) j WHERE n.lead_days IS NOT NULL AND n.deleted = 0`,
    )
    .pluck(true)
    .get() as number | null;
  return Math.max(fromSettings, override ?? 0);
}

function logsByOccurrence(rows: readonly LogRow[]): Map<string, LogRow[]> {
  const map = new Map<string, LogRow[]>();
  for (const row of rows) {
    const key = `${row.anniversary_id}|${row.occurs_on}`;
    map.set(key, [...(map.get(key) ?? []), row]);
  }
  return map;
}

/**
 * The first day a check on `today` looks at: the day of the last check (what fell due since was
 * missed while Fieldbook was closed), at most a year back; today before the first check.
 */
function windowStart(db: Db, today: string): string {
  const lastChecked = checkedThrough(db) ?? today;
  if (lastChecked >= today) return today;
  return epochDay(today) - epochDay(lastChecked) > maxLookbackDays
    ? addDays(today, -maxLookbackDays)
    : lastChecked;
}

/**
 * Every reminder of `owner`'s accounts that wants attention on `today`, soonest first; with
 * `through`, only those falling on or before that day (the agenda's week: a shorter window to
 * read than the longest lead time).
 */
export function openReminders(db: Db, today: string, owner: string, through?: string): Reminder[] {
  const settings = readSettings(db);
  const from = windowStart(db, today);
  const reach = through === undefined ? Infinity : epochDay(through) - epochDay(today);
  const leadEnd = addDays(today, longestLead(db, reach));
  const to = through !== undefined && through < leadEnd ? through : leadEnd;
  const window = anniversariesBetween(db, from, to, { owners: [owner], limit: 100_000 });
  const logs = db.all(db.query.selectFrom('reminder_log').selectAll().where('acknowledged_at', 'is', null));
  const open = logsByOccurrence(logs);
  const acknowledged = new Set(
    db
      .all(
        db.query
          .selectFrom('reminder_log')
          .select(['anniversary_id', 'occurs_on'])
          .where('acknowledged_at', 'is not', null)
          .where('occurs_on', '>=', from),
      )
      .map((row) => `${row.anniversary_id}|${row.occurs_on}`),
  );
  const reminders: Reminder[] = [];
  const seen = new Set<string>();
  const consider = (occurrence: AnniversaryOnDate) => {
    const key = `${occurrence.anniversary.id}|${occurrence.date}`;
    if (seen.has(key) || acknowledged.has(key)) return;
    seen.add(key);
    const daysLeft = epochDay(occurrence.date) - epochDay(today);
    const leads = occurrence.anniversary.leadDays ?? settings.leadDays[occurrence.account.tier];
    const lead = dueLead(leads, daysLeft);
    if (lead === null) return;
    const rows = open.get(key) ?? [];
    if (rows.some((row) => row.snoozed_until !== null && row.snoozed_until > today)) return;
    reminders.push({
      occurrence: { ...occurrence, daysLeft },
      leadDays: lead,
      dueOn: addDays(occurrence.date, -lead),
      missed: daysLeft < 0,
      notified: rows.some((row) => row.lead_days <= lead && row.snoozed_until === null),
    });
  };
  for (const occurrence of window.rows) consider(occurrence);
  // Notified before the window and never acted on: still open, never dropped.
  const older = logs
    .filter((row) => row.occurs_on < from)
    .map((row) => ({ anniversaryId: row.anniversary_id, date: row.occurs_on }));
  for (const occurrence of occurrencesOf(db, older, today)) {
    if (occurrence.account.owner === owner) consider(occurrence);
  }
  return reminders.sort((a, b) =>
    a.occurrence.date < b.occurrence.date ? -1 : a.occurrence.date > b.occurrence.date ? 1 : 0,
  );
}

/** Records that these reminders were shown (one row per lead time; a snooze is over once shown again). */
export function markNotified(db: Db, reminders: readonly Reminder[], now: Date = new Date()): void {
  const upsert = db.statement(
    `INSERT INTO reminder_log (anniversary_id, occurs_on, lead_days, due_on, fired_at, snoozed_until)
     VALUES (?, ?, ?, ?, ?, NULL)
     ON CONFLICT DO UPDATE SET fired_at = excluded.fired_at, snoozed_until = NULL`,
  );
  const clearSnooze = db.statement(
    'UPDATE reminder_log SET snoozed_until = NULL WHERE anniversary_id = ? AND occurs_on = ?',
  );
  db.transaction(() => {
    for (const reminder of reminders) {
      const { anniversary, date } = reminder.occurrence;
      upsert.run(anniversary.id, date, reminder.leadDays, reminder.dueOn, now.toISOString());
      clearSnooze.run(anniversary.id, date);
    }
  });
}

/** Marks every log row of an occurrence (creating one when it was never notified). */
export function updateOccurrence(
  db: Db,
  reference: { anniversaryId: string; occursOn: string },
  change: { acknowledgedAs?: string; visitId?: string | null; snoozedUntil?: string },
  now: Date = new Date(),
): void {
  db.statement(
    `INSERT OR IGNORE INTO reminder_log (anniversary_id, occurs_on, lead_days, due_on, fired_at)
     SELECT ?, ?, 0, ?, ? WHERE NOT EXISTS (SELECT 1 FROM reminder_log WHERE anniversary_id = ? AND occurs_on = ?)`,
  ).run(
    reference.anniversaryId,
    reference.occursOn,
    reference.occursOn,
    now.toISOString(),
    reference.anniversaryId,
    reference.occursOn,
  );
  if (change.acknowledgedAs !== undefined) {
    db.statement(
      `UPDATE reminder_log SET acknowledged_at = ?, acknowledged_as = ?, visit_id = ? WHERE anniversary_id = ? AND occurs_on = ?`,
    ).run(
      now.toISOString(),
      change.acknowledgedAs,
      change.visitId ?? null,
      reference.anniversaryId,
      reference.occursOn,
    );
  }
  if (change.snoozedUntil !== undefined) {
    db.statement('UPDATE reminder_log SET snoozed_until = ? WHERE anniversary_id = ? AND occurs_on = ?').run(
      change.snoozedUntil,
      reference.anniversaryId,
      reference.occursOn,
    );
  }
}

/** At most this many follow-ups are notified by one check (in a summary); any more, at the next. */
const maxFollowUpNotices = 5_000;

/**
 * Follow-ups on `manager`'s agenda (db/queries/agenda.ts) due today, or due since the last
 * check (missed while Fieldbook was closed), that this device has not shown for that due day.
 * A follow-up snoozed or rescheduled is shown again on its new day; one done is not shown.
 */
export function dueFollowUps(db: Db, today: string, manager: string): FollowUpItem[] {
  const from = windowStart(db, today);
  const due = followUpsBetween(db, { manager, today }, { from, to: today, limit: maxFollowUpNotices });
  const shown = new Set(
    db
      .all(db.query.selectFrom('follow_up_log').select(['visit_id', 'due_on']).where('due_on', '>=', from))
      .map((row) => `${row.visit_id}|${row.due_on}`),
  );
  return due.filter((item) => !shown.has(`${item.visit.id}|${item.day}`));
}

/** Records that these follow-ups were shown on their due day. */
export function markFollowUpsNotified(db: Db, items: readonly FollowUpItem[], now: Date = new Date()): void {
  const insert = db.statement(
    'INSERT INTO follow_up_log (visit_id, due_on, notified_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  db.transaction(() => {
    for (const item of items) insert.run(item.visit.id, item.day, now.toISOString());
  });
}
