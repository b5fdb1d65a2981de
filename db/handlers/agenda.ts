import type { ApiHandlers, OperationName } from '../../shared/api';
import {
  agendaBucketOf,
  agendaBuckets,
  agendaThrough,
  sameTimeOnDay,
  snoozedDay,
  startOfLocalDay,
} from '../../shared/domain/agenda';
import { addDays, epochDay } from '../../shared/domain/lunarCalendar';
import { localDayOf } from '../../shared/domain/visitRules';
import type { Agenda, AgendaBucket, AgendaBucketList, AgendaItem } from '../../shared/types';
import type { Db } from '../connection';
import { newId } from '../ids';
import {
  countFollowUps,
  followUpIdsBetween,
  followUpsBetween,
  plannedVisitsBetween,
  type AgendaScope,
} from '../queries/agenda';
import { localToday, toVisit } from '../queries/records';
import { openReminders } from '../reminders';
import { openRenewals } from '../renewals';
import type { Row } from '../tables';
import { write, writeBatch } from '../write';
import { invalidField, requireLiveAccount, requireLiveRow } from './guards';

type AgendaOps = Extract<
  OperationName,
  `agenda.${string}` | `followUps.${string}` | `plannedVisits.${string}`
>;

/** Within a day: planned visits (they have a time), then follow-ups, then anniversaries. */
const typeRank: Record<AgendaItem['type'], number> = { plannedVisit: 0, followUp: 1, anniversary: 2 };

/**
 * The acting manager's agenda on `today`. Each bucket lists its first `limit` items and says how
 * many it holds: follow-ups are counted in SQL (a backlog can run to thousands), planned visits
 * and anniversary reminders are few and counted as read.
 */
export function readAgenda(db: Db, manager: string, today: string, limit: number, now: Date): Agenda {
  const scope: AgendaScope = { manager, today };
  const through = agendaThrough(today);
  const counts = countFollowUps(db, scope, through);
  const planned = plannedVisitsBetween(db, scope, {
    now: now.toISOString(),
    before: startOfLocalDay(addDays(through, 1)),
  }).filter((item) => item.day >= today);
  const anniversaries: AgendaItem[] = openReminders(db, today, manager, through)
    .filter((reminder) => reminder.occurrence.date <= through)
    .map((reminder) => ({
      type: 'anniversary',
      day: reminder.occurrence.date,
      daysLeft: reminder.occurrence.daysLeft,
      account: reminder.occurrence.account,
      reminder,
    }));
  const ranges: Record<AgendaBucket, { from: string; to: string }> = {
    overdue: { from: '', to: addDays(today, -1) },
    today: { from: today, to: today },
    week: { from: addDays(today, 1), to: through },
  };
  const bucket = (name: AgendaBucket): AgendaBucketList => {
    const inBucket = (item: AgendaItem) => agendaBucketOf(item.day, today) === name;
    const others = [...planned.filter(inBucket), ...anniversaries.filter(inBucket)];
    const followUps = followUpsBetween(db, scope, { ...ranges[name], limit });
    // Each list is in (day, its own order): the first `limit` of the merge come from their heads.
    const ordered = [...followUps, ...others]
      .map((item, index) => ({ item, index }))
      .sort(
        (a, b) =>
          epochDay(a.item.day) - epochDay(b.item.day) ||
          typeRank[a.item.type] - typeRank[b.item.type] ||
          a.index - b.index,
      );
    return { items: ordered.slice(0, limit).map(({ item }) => item), total: counts[name] + others.length };
  };
  const buckets = Object.fromEntries(agendaBuckets.map((name) => [name, bucket(name)])) as Record<
    AgendaBucket,
    AgendaBucketList
  >;
  return {
    today,
    through,
    manager,
    buckets,
    due: buckets.overdue.total + buckets.today.total,
    overdueFollowUps: counts.overdue,
    renewals: openRenewals(db, today, manager),
  };
}

/** A live visit on a live account that carries a follow-up (a text, a due day or both). */
function requireFollowUp(db: Db, visitId: string): Row<'visits'> {
  const visit = requireLiveRow(db, 'visits', visitId, 'visit');
  requireLiveAccount(db, visit.account_id);
  if (visit.follow_up === '' && visit.follow_up_due === null) throw invalidField('visitId', 'no_follow_up');
  return visit;
}

/** A live visit on a live account dated after now. */
function requirePlannedVisit(db: Db, visitId: string, now: Date): Row<'visits'> {
  const visit = requireLiveRow(db, 'visits', visitId, 'visit');
  requireLiveAccount(db, visit.account_id);
  if (Date.parse(visit.occurred_at) <= now.getTime()) throw invalidField('visitId', 'not_planned_visit');
  return visit;
}

/**
 * A planned visit moved to `day` at the same time of day. Its follow-up (if open and dated)
 * moves by as many days, so it stays as far after the visit as it was planned.
 */
function movePlannedVisit(db: Db, actor: string, visit: Row<'visits'>, day: string) {
  const from = localDayOf(visit.occurred_at);
  const shift = epochDay(day) - epochDay(from);
  const followUpDue =
    visit.follow_up_due !== null && visit.follow_up_done_at === null
      ? addDays(visit.follow_up_due, shift)
      : undefined;
  const patch = { occurred_at: sameTimeOnDay(visit.occurred_at, day), follow_up_due: followUpDue };
  return toVisit(write(db, actor, (writer) => writer.update('visits', visit.id, patch)).row);
}

/** The agenda and what its one-click actions do; every change goes through the write path. */
export function agendaHandlers(db: Db): Pick<ApiHandlers, AgendaOps> {
  return {
    'agenda.list': (input, { actor }) =>
      readAgenda(db, actor, input?.today ?? localToday(), input?.limit ?? 200, new Date()),

    'followUps.complete': ({ visitId, record }, { actor }) => {
      const visit = requireFollowUp(db, visitId);
      return write(db, actor, (writer) => {
        const now = new Date().toISOString();
        const done =
          visit.follow_up_done_at === null
            ? writer.update('visits', visit.id, { follow_up_done_at: now }).row
            : visit;
        const logged = record
          ? writer.insert('visits', {
              id: newId(),
              account_id: visit.account_id,
              occurred_at: now,
              kind: record.kind,
              participants: '',
              content: record.content,
              feedback: '',
              follow_up: '',
              follow_up_due: null,
              follow_up_done_at: null,
              manager: actor,
            })
          : null;
        return { visit: toVisit(done), record: logged ? toVisit(logged) : null };
      });
    },

    'followUps.reopen': ({ visitId }, { actor }) => {
      const visit = requireFollowUp(db, visitId);
      return toVisit(
        write(db, actor, (writer) => writer.update('visits', visit.id, { follow_up_done_at: null })).row,
      );
    },

    'followUps.snooze': ({ visitId }, { actor }) => {
      const visit = requireFollowUp(db, visitId);
      const today = localToday();
      const due = snoozedDay(visit.follow_up_due ?? today, today);
      return toVisit(
        write(db, actor, (writer) => writer.update('visits', visit.id, { follow_up_due: due })).row,
      );
    },

    'followUps.reschedule': ({ visitId, due }, { actor }) => {
      const visit = requireFollowUp(db, visitId);
      const visitDay = localDayOf(visit.occurred_at);
      const today = localToday();
      if (due < today || due < visitDay) throw invalidField('due', 'follow_up_due_too_early');
      return toVisit(
        write(db, actor, (writer) => writer.update('visits', visit.id, { follow_up_due: due })).row,
      );
    },

    'followUps.completeOverdue': ({ before }, { actor }) => {
      const today = localToday();
      const last = addDays(before < today ? before : today, -1);
      const ids = followUpIdsBetween(db, { manager: actor, today }, { from: '', to: last });
      if (ids.length === 0) return { completed: 0 };
      const now = new Date().toISOString();
      // One batch: every row synced and counted in one audit entry, all or nothing.
      writeBatch(db, actor, 'followUps.completeOverdue', (writer) => {
        for (const id of ids) writer.update('visits', id, { follow_up_done_at: now });
      });
      return { completed: ids.length };
    },

    'plannedVisits.snooze': ({ visitId }, { actor }) => {
      const visit = requirePlannedVisit(db, visitId, new Date());
      const day = snoozedDay(localDayOf(visit.occurred_at), localToday());
      return movePlannedVisit(db, actor, visit, day);
    },

    'plannedVisits.reschedule': ({ visitId, day }, { actor }) => {
      const now = new Date();
      const visit = requirePlannedVisit(db, visitId, now);
      if (Date.parse(sameTimeOnDay(visit.occurred_at, day)) <= now.getTime())
        throw invalidField('day', 'plan_not_future');
      return movePlannedVisit(db, actor, visit, day);
    },
  };
}
