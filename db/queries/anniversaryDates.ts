import { isMilestone, ruleKeysOn } from '../../shared/domain/anniversaryDates';
import { addDays, epochDay, lunarOfSolar } from '../../shared/domain/lunarCalendar';
import type {
  AccountKind,
  AccountStatus,
  AnniversaryOnDate,
  AnniversaryWindow,
  Tier,
} from '../../shared/types';
import { ownersCondition } from '../access/scope';
import type { Db } from '../connection';
import type { Row } from '../tables';
import { toAnniversaryRecord } from './records';

/**
 * Which anniversaries fall in a window of days. Each day is turned into the rule keys that fall
 * on it (calendar, month, day, leap — see `ruleKeysOn`), looked up in a covering index: no rule
 * is ever computed forward, so the cost follows the size of the answer, not the number of
 * rules.
 */
export interface WindowFilters {
  /** Accounts of these owners only (the filter asked for, or the user's scope); absent: all. */
  readonly owners?: readonly string[] | undefined;
  readonly tiers?: readonly Tier[] | undefined;
  readonly limit: number;
}

interface Keys {
  readonly tuples: string[];
  readonly values: (string | number)[];
}

/** The VALUES rows (date, calendar, month, day, leap, year in the rule's calendar) of some days. */
function keysOf(from: string, to: string): Keys {
  const keys: Keys = { tuples: [], values: [] };
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const lunarYear = lunarOfSolar(date).year;
    for (const key of ruleKeysOn(date)) {
      keys.tuples.push('(?, ?, ?, ?, ?, ?)');
      const year = key.calendar === 'lunar' ? lunarYear : Number(date.slice(0, 4));
      keys.values.push(date, key.calendar, key.month, key.day, key.leapMonth ? 1 : 0, year);
    }
  }
  return keys;
}

/** The matches of some rule keys, as a statement whose `%COLUMNS%` the caller fills in. */
function matches(keys: Keys, filters: WindowFilters): { sql: string; values: (string | number)[] } {
  const values = [...keys.values];
  const conditions: string[] = [];
  if (filters.owners !== undefined) {
    const owners = ownersCondition('a.owner', filters.owners);
    conditions.push(owners.sql);
    values.push(...owners.values);
  }
  if (filters.tiers && filters.tiers.length > 0) {
    conditions.push(`a.tier IN (${filters.tiers.map(() => '?').join(', ')})`);
    values.push(...filters.tiers);
  }
  const sql = `
    WITH wanted(on_date, calendar, month, day, leap_month, calendar_year) AS (VALUES ${keys.tuples.join(', ')})
    SELECT %COLUMNS% FROM wanted w
    JOIN anniversaries n ON n.calendar = w.calendar AND n.month = w.month AND n.day = w.day
      AND n.leap_month = w.leap_month AND n.deleted = 0 AND (n.year IS NULL OR n.year <= w.calendar_year)
    JOIN accounts a ON a.id = n.account_id AND a.deleted = 0 AND a.status = 'active'
    ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}`;
  return { sql, values };
}

/**
 * The unfiltered window's total from the kept per-key counts (anniversaryCounts.ts), less the
 * rules dated after the year they would fall in (a founding day typed ahead of time), which the
 * counts include: those few are looked up, each probing `accounts_live`.
 */
function keptTotal(db: Db, keys: Keys): number {
  const joinKey =
    'ON k.calendar = w.calendar AND k.month = w.month AND k.day = w.day AND k.leap_month = w.leap_month';
  const sql = `
    WITH wanted(on_date, calendar, month, day, leap_month, calendar_year) AS (VALUES ${keys.tuples.join(', ')})
    SELECT (SELECT coalesce(SUM(k.n), 0) FROM wanted w JOIN anniversary_key_counts k ${joinKey})
      - (SELECT count(*) FROM wanted w
         JOIN anniversaries n ON n.calendar = w.calendar AND n.month = w.month AND n.day = w.day
           AND n.leap_month = w.leap_month AND n.deleted = 0 AND n.year > w.calendar_year
         JOIN accounts a INDEXED BY accounts_live ON a.id = n.account_id AND a.deleted = 0 AND a.status = 'active')`;
  return Number(
    db
      .statement(sql)
      .pluck(true)
      .get(...keys.values),
  );
}

const tierRank: Record<string, number> = { strategic: 0, partner: 1, commercial: 2, general: 3 };

/** One match, as the scan reads it: just enough to rank it. */
type Match = [onDate: string, calendarYear: number, anniversaryRowid: number, tier: string, pinyin: string];

type DetailRow = Row<'anniversaries'> & {
  rowid: number;
  account_kind: string;
  customer_no: string;
  name: string;
  tier: string;
  status: string;
  owner: string;
  region: string;
};

function toOnDate(match: Match, row: DetailRow, start: number): AnniversaryOnDate {
  const years = row.year === null ? null : match[1] - row.year;
  return {
    anniversary: toAnniversaryRecord(row),
    account: {
      id: row.account_id,
      kind: row.account_kind as AccountKind,
      customerNo: row.customer_no,
      name: row.name,
      tier: row.tier as Tier,
      status: row.status as AccountStatus,
      owner: row.owner,
      region: row.region,
    },
    date: match[0],
    daysLeft: epochDay(match[0]) - start,
    years,
    milestone: isMilestone(years),
  };
}

function compareMatches(a: Match, b: Match): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  const tiers = (tierRank[a[3]] ?? 3) - (tierRank[b[3]] ?? 3);
  if (tiers !== 0) return tiers;
  return a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : a[2] - b[2];
}

const leanColumns = 'w.on_date, w.calendar_year, n.rowid, a.tier, a.name_pinyin';

/**
 * The matches to show, as small tuples. A filtered window (one manager's accounts, a tier) is a
 * small part of what the indexes hold: one pass reads every match and they are ranked in
 * memory. An unfiltered window at head office can hold thousands: the kept counts give the total
 * and the days are read in date order, each ranked in SQL, until the limit is reached.
 */
function rankedMatches(
  db: Db,
  from: string,
  to: string,
  filters: WindowFilters,
): { total: number; shown: Match[] } {
  const keys = keysOf(from, to);
  const window = matches(keys, filters);
  if (filters.owners !== undefined || (filters.tiers?.length ?? 0) > 0) {
    const found = db
      .statement(window.sql.replace('%COLUMNS%', leanColumns))
      .raw(true)
      .all(...window.values) as Match[];
    return { total: found.length, shown: found.sort(compareMatches).slice(0, filters.limit) };
  }
  const total = keptTotal(db, keys);
  const shown: Match[] = [];
  for (
    let date = from;
    date <= to && shown.length < Math.min(total, filters.limit);
    date = addDays(date, 1)
  ) {
    const day = matches(keysOf(date, date), filters);
    const sql = `${day.sql.replace('%COLUMNS%', leanColumns)}
      ORDER BY CASE a.tier WHEN 'strategic' THEN 0 WHEN 'partner' THEN 1 WHEN 'commercial' THEN 2 ELSE 3 END,
        a.name_pinyin, n.rowid LIMIT ?`;
    shown.push(
      ...(db
        .statement(sql)
        .raw(true)
        .all(...day.values, filters.limit - shown.length) as Match[]),
    );
  }
  return { total, shown };
}

/** The anniversaries falling from `from` to `to`, by date, then tier, then name. */
export function anniversariesBetween(
  db: Db,
  from: string,
  to: string,
  filters: WindowFilters,
): AnniversaryWindow {
  const { total, shown } = rankedMatches(db, from, to, filters);
  const rowids = [...new Set(shown.map((match) => match[2]))];
  const details = new Map<number, DetailRow>();
  for (let i = 0; i < rowids.length; i += 500) {
    const chunk = rowids.slice(i, i + 500);
    const rows = db
      .statement(
        `SELECT n.rowid, n.*, a.kind AS account_kind, a.customer_no, a.name, a.tier, a.status, a.owner, a.region
         FROM anniversaries n JOIN accounts a ON a.id = n.account_id
         WHERE n.rowid IN (${chunk.map(() => '?').join(', ')})`,
      )
      .all(...chunk) as DetailRow[];
    for (const row of rows) details.set(row.rowid, row);
  }
  const start = epochDay(from);
  const rows = shown.flatMap((match) => {
    const row = details.get(match[2]);
    return row ? [toOnDate(match, row, start)] : [];
  });
  return { from, to, total, rows };
}

/**
 * Given occurrences (an anniversary and the date it fell on), as rows like the window's; those
 * whose anniversary or account has since been deleted or archived are left out.
 */
export function occurrencesOf(
  db: Db,
  wanted: readonly { anniversaryId: string; date: string }[],
  from: string,
): AnniversaryOnDate[] {
  const ids = [...new Set(wanted.map((item) => item.anniversaryId))];
  const details = new Map<string, DetailRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db
      .statement(
        `SELECT n.rowid, n.*, a.kind AS account_kind, a.customer_no, a.name, a.tier, a.status, a.owner, a.region
         FROM anniversaries n JOIN accounts a ON a.id = n.account_id
         WHERE n.id IN (${chunk.map(() => '?').join(', ')})
           AND n.deleted = 0 AND a.deleted = 0 AND a.status = 'active'`,
      )
      .all(...chunk) as DetailRow[];
    for (const row of rows) details.set(row.id, row);
  }
  const start = epochDay(from);
  return wanted.flatMap(({ anniversaryId, date }) => {
    const row = details.get(anniversaryId);
    if (!row) return [];
    const calendarYear = row.calendar === 'lunar' ? lunarOfSolar(date).year : Number(date.slice(0, 4));
    return [toOnDate([date, calendarYear, row.rowid, row.tier, ''], row, start)];
  });
}

/** How many anniversaries fall on each day from `from` to `to` (days without any are left out). */
export function countByDay(
  db: Db,
  from: string,
  to: string,
  filters: Omit<WindowFilters, 'limit'>,
): { date: string; count: number }[] {
  const window = matches(keysOf(from, to), { ...filters, limit: 0 });
  const sql = `${window.sql.replace('%COLUMNS%', 'w.on_date AS date, count(*) AS count')} GROUP BY w.on_date ORDER BY w.on_date`;
  return db.statement(sql).all(...window.values) as { date: string; count: number }[];
}
