import type { z } from 'zod';
import { parseLookupQuery, prefixUpperBound } from '../../shared/domain/lookupQuery';
import { normalizeName, searchKeyLength } from '../../shared/domain/nameSearch';
import { addMonths } from '../../shared/domain/period';
import type { accountListInput } from '../../shared/schemas';
import type { AccountListRow } from '../../shared/types';
import type { Db } from '../connection';
import { toAccountSummary, type AccountRow } from './accounts';
import { windowSum } from './consumptionRollup';
import { searchFields } from './searchKeys';

/**
 * The accounts list in two steps: the order of every account the filters keep (their `rid`s),
 * then the rows of one page with what the list shows besides the summary — the last contact and
 * the 12-month revenue. Sorting by those two computes them for every account (about 0.1–0.3 s
 * for 100,000), so the handler keeps the order and pages through it.
 */
export type ListInput = z.output<typeof accountListInput>;
export type ListFilters = Omit<ListInput, 'offset' | 'limit' | 'owner'> & {
  /** Accounts of these owners only (the filter asked for, or the user's scope); absent: all. */
  readonly owners?: readonly string[] | undefined;
};

/** The 12 billing months the revenue sums, both ends included. */
export interface RevenueWindow {
  readonly from: string;
  readonly to: string;
}

/** What the computed columns depend on besides the rows: the time and the billing window. */
export interface ListContext {
  /** Visits after this instant (ISO) are plans, not contacts. */
  readonly now: string;
  readonly window: RevenueWindow | null;
}

/** This device's change counter: every write to the book, local or imported, moves it. */
export function dataVersion(db: Db): number {
  return db.statement('SELECT seq FROM sync_clock WHERE id = 1').pluck(true).get() as number;
}

export function revenueWindowEnding(to: string | null): RevenueWindow | null {
  return to === null ? null : { from: addMonths(to, -11), to };
}

/** The latest visit up to now: one search of the `(account_id, deleted, occurred_at)` index. */
const lastContactSql =
  '(SELECT max(v.occurred_at) FROM visits v WHERE v.account_id = a.id AND v.deleted = 0 AND v.occurred_at <= :now)';

function revenueSql(window: RevenueWindow | null): string {
  if (window === null) return '0';
  const { sum, years } = windowSum(window.from, window.to);
  return `(SELECT coalesce(sum(${sum}), 0) FROM consumption_rollup_total WHERE account_id = a.id AND ${years})`;
}

const tierOrder = `CASE a.tier WHEN 'strategic' THEN 0 WHEN 'partner' THEN 1 WHEN 'commercial' THEN 2 ELSE 3 END`;

/**
 * The name filter as a set of account `rid`s: the lookup's name keys (every suffix of the
 * name's characters, of its pinyin and of its initials), so `王芳`, `fang`, `wf` and `芳` all
 * find 王芳. Each (field, archived, start) is one range of the key index.
 */
function nameFilter(query: string, parameters: Record<string, string | number>): string | null {
  const parsed = parseLookupQuery(query);
  const fields: number[] = [searchFields.text];
  let key = normalizeName(query).replace(/\s+/g, '');
  if (parsed.kind === 'latin') {
    key = parsed.letters;
    fields.push(searchFields.pinyin, searchFields.initials);
  }
  if (key === '') return null;
  key = key.slice(0, searchKeyLength);
  parameters['nameLo'] = key;
  parameters['nameHi'] = prefixUpperBound(key);
  const ranges = fields.flatMap((field) =>
    [0, 1].flatMap((archived) =>
      [0, 1].map(
        (start) =>
          `SELECT account_rid FROM search_keys WHERE field = ${field} AND archived = ${archived} ` +
          `AND start = ${start} AND key >= :nameLo AND key < :nameHi`,
      ),
    ),
  );
  return `a.rid IN (${ranges.join(' UNION ALL ')})`;
}

function whereClause(filters: ListFilters, parameters: Record<string, string | number>): string {
  const conditions = ['a.deleted = 0'];
  if (filters.status !== 'all') {
    conditions.push('a.status = :status');
    parameters['status'] = filters.status;
  }
  if (filters.kind) {
    conditions.push('a.kind = :kind');
    parameters['kind'] = filters.kind;
  }
  if (filters.tiers && filters.tiers.length > 0) {
    const names = filters.tiers.map((tier, index) => {
      parameters[`tier${index}`] = tier;
      return `:tier${index}`;
    });
    conditions.push(`a.tier IN (${names.join(', ')})`);
  }
  if (filters.owners !== undefined) {
    const names = filters.owners.map((owner, index) => {
      parameters[`owner${index}`] = owner;
      return `:owner${index}`;
    });
    conditions.push(names.length === 0 ? '0' : `a.owner IN (${names.join(', ')})`);
  }
  if (filters.region !== undefined) {
    conditions.push('a.region = :region');
    parameters['region'] = filters.region;
  }
  if (filters.name !== undefined && filters.name !== '') {
    const names = nameFilter(filters.name, parameters);
    if (names !== null) conditions.push(names);
  }
  return conditions.join(' AND ');
}

function orderClause(filters: ListFilters, context: ListContext): string {
  const direction = filters.direction === 'desc' ? 'DESC' : 'ASC';
  switch (filters.sort) {
    case 'name':
      return `a.name_pinyin ${direction}, a.rid ${direction}`;
    case 'customerNo':
      return `a.customer_no ${direction}, a.rid ${direction}`;
    case 'createdAt':
      // A UUIDv7 id starts with its creation time.
      return `a.id ${direction}`;
    case 'updatedAt':
      return `a.updated_at ${direction}, a.rid ${direction}`;
    case 'tier':
      return `${tierOrder} ${direction}, a.name_pinyin, a.rid`;
    case 'revenue12m':
      return `${revenueSql(context.window)} ${direction}, a.name_pinyin, a.rid`;
    case 'lastContact':
      // Never visited is null, the oldest: first going up, last going down.
      return `${lastContactSql} ${direction}, a.name_pinyin, a.rid`;
  }
}

/** The `rid` of every account the filters keep, in the list's order. */
export function orderedAccountRids(db: Db, filters: ListFilters, context: ListContext): number[] {
  const parameters: Record<string, string | number> = {};
  const where = whereClause(filters, parameters);
  if (filters.sort === 'lastContact') parameters['now'] = context.now;
  const sql = `SELECT a.rid FROM accounts a WHERE ${where} ORDER BY ${orderClause(filters, context)}`;
  return db.statement(sql).pluck(true).all(parameters) as number[];
}

/** The rows of one page, in the order of `rids`, with their last contact and revenue. */
export function accountListRows(db: Db, rids: readonly number[], context: ListContext): AccountListRow[] {
  if (rids.length === 0) return [];
  const rows = db
    .statement(
      `SELECT a.*, ${lastContactSql} AS last_contact_at, ${revenueSql(context.window)} AS revenue_fen
       FROM accounts a WHERE a.rid IN (SELECT value FROM json_each(:rids))`,
    )
    .all({ rids: JSON.stringify(rids), now: context.now }) as (AccountRow & {
    last_contact_at: string | null;
    revenue_fen: number;
  })[];
  const byRid = new Map(rows.map((row) => [row.rid, row]));
  return rids.flatMap((rid) => {
    const row = byRid.get(rid);
    if (row === undefined) return [];
    return [{ ...toAccountSummary(row), lastContactAt: row.last_contact_at, revenue12mFen: row.revenue_fen }];
  });
}

/** The latest visit of one account up to `now`, for its 360° view. */
export function lastContactOf(db: Db, accountId: string, now: string): string | null {
  return (
    (db
      .statement(
        'SELECT max(occurred_at) FROM visits WHERE account_id = ? AND deleted = 0 AND occurred_at <= ?',
      )
      .pluck(true)
      .get(accountId, now) as string | null) ?? null
  );
}
