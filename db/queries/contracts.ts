import { epochDay } from '../../shared/domain/lunarCalendar';
import { uuidV7Time } from '../../shared/domain/uuid7';
import type { Contract, ContractOfAccount } from '../../shared/types';
import { ownersCondition } from '../access/scope';
import type { Db } from '../connection';
import type { Row } from '../tables';
import { summariesOf } from './statsAccounts';

/** SQL of contracts: an account's, by number, and those ending in a window of days. */

export function toContract(row: Row<'contracts'>): Contract {
  return {
    id: row.id,
    accountId: row.account_id,
    number: row.number,
    service: row.service,
    startDate: row.start_date,
    endDate: row.end_date,
    monthlyFen: row.monthly_fen,
    autoRenew: row.auto_renew === 1,
    notes: row.notes,
    createdAt: uuidV7Time(row.id),
  };
}

/** An account's live contracts, the one ending first first. */
export function contractsOf(db: Db, accountId: string): Row<'contracts'>[] {
  return db
    .statement('SELECT * FROM contracts WHERE account_id = ? AND deleted = 0 ORDER BY end_date, number')
    .all(accountId) as Row<'contracts'>[];
}

/** Rows dressed with their accounts and the days left from `today`. */
function withAccounts(db: Db, rows: readonly Row<'contracts'>[], today: string): ContractOfAccount[] {
  const accounts = summariesOf(db, [...new Set(rows.map((row) => row.account_id))]);
  return rows.flatMap((row) => {
    const account = accounts.get(row.account_id);
    if (!account) return [];
    return [{ contract: toContract(row), account, daysLeft: epochDay(row.end_date) - epochDay(today) }];
  });
}

/**
 * Live contracts of live accounts whose number is `number` or starts with it (upper case, as
 * stored): the exact one first. A range of the number index, not a scan.
 */
export function contractsByNumber(
  db: Db,
  number: string,
  limit: number,
  today: string,
  owners?: readonly string[],
): ContractOfAccount[] {
  const key = number.trim().toUpperCase();
  const scope = owners === undefined ? null : ownersCondition('a.owner', owners);
  const rows = db
    .statement(
      `SELECT c.* FROM contracts c JOIN accounts a ON a.id = c.account_id
       WHERE c.number >= ? AND c.number < ? || char(1114111) AND c.deleted = 0 AND a.deleted = 0
       ${scope ? `AND ${scope.sql}` : ''}
       ORDER BY c.number <> ?, c.number LIMIT ?`,
    )
    .all(key, key, ...(scope?.values ?? []), key, limit) as Row<'contracts'>[];
  return withAccounts(db, rows, today);
}

export interface EndingScope {
  /** Only the accounts of these owners (the filter asked for, or the user's scope); absent: all. */
  readonly owners?: readonly string[] | undefined;
  readonly limit: number;
}

/** Live contracts of live accounts ending from `from` to `to` (inclusive), soonest first. */
export function contractsEnding(
  db: Db,
  today: string,
  from: string,
  to: string,
  scope: EndingScope,
): { items: ContractOfAccount[]; count: number; monthlyFen: number } {
  const owners = scope.owners === undefined ? null : ownersCondition('a.owner', scope.owners);
  const where = `FROM contracts c JOIN accounts a ON a.id = c.account_id
     WHERE c.end_date BETWEEN ? AND ? AND c.deleted = 0 AND a.deleted = 0 ${owners ? `AND ${owners.sql}` : ''}`;
  const parameters = [from, to, ...(owners?.values ?? [])];
  const totals = db
    .statement(`SELECT count(*) AS count, coalesce(sum(c.monthly_fen), 0) AS fen ${where}`)
    .get(...parameters) as { count: number; fen: number };
  const rows = db
    .statement(`SELECT c.* ${where} ORDER BY c.end_date, c.number LIMIT ?`)
    .all(...parameters, scope.limit) as Row<'contracts'>[];
  return { items: withAccounts(db, rows, today), count: totals.count, monthlyFen: totals.fen };
}
