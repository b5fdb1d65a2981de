import type { AccountSummary } from '../../shared/types';
import type { Db } from '../connection';
import { toAccountSummary, type AccountRow } from './accounts';

/**
 * The summaries of a few accounts (a ranking's top rows), in one statement whatever their
 * number: statistics rank ids in SQL and dress only what they return.
 */
export function summariesOf(db: Db, ids: readonly string[]): Map<string, AccountSummary> {
  if (ids.length === 0) return new Map();
  const rows = db
    .statement('SELECT * FROM accounts WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as AccountRow[];
  return new Map(rows.map((row) => [row.id, toAccountSummary(row)]));
}
