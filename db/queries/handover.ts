import { nextOccurrence } from '../../shared/domain/anniversaryDates';
import { addDays } from '../../shared/domain/lunarCalendar';
import type {
  AccountStatus,
  AnniversaryKind,
  CalendarKind,
  HandoverManager,
  HandoverReport,
  HandoverRow,
  Tier,
} from '../../shared/types';
import type { Db } from '../connection';

/** The windows of a handover report: what the successor must act on soon. */
export const handoverAnniversaryDays = 30;
export const handoverRenewalDays = 90;

export interface HandoverSelection {
  readonly from: string;
  readonly tiers?: readonly Tier[] | undefined;
  readonly region?: string | undefined;
  readonly accountIds?: readonly string[] | undefined;
}

/** The ids of `from`'s live (not deleted) accounts that match every filter given, by name. */
export function handoverAccountIds(db: Db, selection: HandoverSelection): string[] {
  const conditions = ['owner = ?', 'deleted = 0'];
  const parameters: unknown[] = [selection.from];
  if (selection.tiers) {
    conditions.push(`tier IN (${selection.tiers.map(() => '?').join(', ')})`);
    parameters.push(...selection.tiers);
  }
  if (selection.region !== undefined) {
    conditions.push('region = ?');
    parameters.push(selection.region);
  }
  if (selection.accountIds) {
    // A JSON array keeps the statement one shape whatever the list's length.
    conditions.push('id IN (SELECT value FROM json_each(?))');
    parameters.push(JSON.stringify(selection.accountIds));
  }
  const rows = db
    .statement(`SELECT id FROM accounts WHERE ${conditions.join(' AND ')} ORDER BY name, customer_no`)
    .all(...parameters) as { id: string }[];
  return rows.map((row) => row.id);
}

/** Every manager code owning live accounts in this book, with how many. */
export function handoverManagers(db: Db): HandoverManager[] {
  return db
    .statement(
      `SELECT owner AS code, count(*) AS accounts FROM accounts
       WHERE deleted = 0 AND owner <> '' GROUP BY owner ORDER BY owner`,
    )
    .all() as HandoverManager[];
}

interface AccountRow {
  id: string;
  customer_no: string;
  name: string;
  tier: Tier;
  region: string;
  status: AccountStatus;
}

interface AnniversaryRow {
  kind: AnniversaryKind;
  label: string;
  calendar: CalendarKind;
  month: number;
  day: number;
  leap_month: number;
  year: number | null;
}

/**
 * The report of the given accounts (in the order given) from `today`: each account's last
 * visit, open follow-ups (whoever logged them), anniversaries in the next 30 days and
 * contracts ending in the next 90. A few indexed reads per account: a manager's book is
 * thousands of accounts at most.
 */
export function handoverReport(
  db: Db,
  ids: readonly string[],
  names: { from: string; to: string },
  today: string,
  now: string,
): HandoverReport {
  const account = db.statement(
    'SELECT id, customer_no, name, tier, region, status FROM accounts WHERE id = ?',
  );
  const lastVisit = db.statement(
    `SELECT max(occurred_at) AS at FROM visits WHERE account_id = ? AND deleted = 0 AND occurred_at <= ?`,
  );
  const followUps = db.statement(
    `SELECT count(*) AS count FROM visits WHERE account_id = ? AND deleted = 0
       AND follow_up_due IS NOT NULL AND follow_up_done_at IS NULL`,
  );
  const anniversaries = db.statement(
    `SELECT kind, label, calendar, month, day, leap_month, year FROM anniversaries
     WHERE account_id = ? AND deleted = 0`,
  );
  const contracts = db.statement(
    `SELECT number, end_date AS endDate FROM contracts
     WHERE account_id = ? AND deleted = 0 AND end_date BETWEEN ? AND ? ORDER BY end_date, number`,
  );
  const lastAnniversaryDay = addDays(today, handoverAnniversaryDays);
  const lastRenewalDay = addDays(today, handoverRenewalDays);
  const rows: HandoverRow[] = [];
  for (const id of ids) {
    const a = account.get(id) as AccountRow | undefined;
    if (!a) continue;
    const soon = (anniversaries.all(id) as AnniversaryRow[])
      .map((row) => ({
        date: nextOccurrence(
          {
            calendar: row.calendar,
            month: row.month,
            day: row.day,
            leapMonth: row.leap_month === 1,
            year: row.year,
          },
          today,
        ).date,
        kind: row.kind,
        label: row.label,
      }))
      .filter((occurrence) => occurrence.date <= lastAnniversaryDay)
      .sort((x, y) => x.date.localeCompare(y.date));
    rows.push({
      accountId: a.id,
      customerNo: a.customer_no,
      name: a.name,
      tier: a.tier,
      region: a.region,
      status: a.status,
      lastVisitAt: (lastVisit.get(id, now) as { at: string | null }).at,
      openFollowUps: (followUps.get(id) as { count: number }).count,
      anniversaries: soon,
      renewals: contracts.all(id, today, lastRenewalDay) as { number: string; endDate: string }[],
    });
  }
  const sum = (of: (row: HandoverRow) => number) => rows.reduce((total, row) => total + of(row), 0);
  return {
    ...names,
    today,
    accounts: rows.length,
    openFollowUps: sum((row) => row.openFollowUps),
    anniversaries: sum((row) => row.anniversaries.length),
    renewals: sum((row) => row.renewals.length),
    rows,
  };
}
