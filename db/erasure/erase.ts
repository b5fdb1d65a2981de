import type { Db } from '../connection';
import { entities } from '../entities';
import { refreshGroupRoots } from '../queries/accountStats';
import { rebuildAnniversaryCounts } from '../queries/anniversaryCounts';
import { rebuildConsumptionWindow, rebuildMonthTotals } from '../queries/consumptionWindow';
import type { SyncedTable } from '../schema';
import type { Writer } from '../write';
import { eraseAuditValues, eraseImportRecords } from './records';

/**
 * Erasure: an account (a person, a company) and every record that names it leave the book for
 * good — not flagged as deleted, removed — with every copy of their data the book keeps
 * elsewhere: the sync bookkeeping (field clocks, the op journal), the conflict inbox, search
 * keys, roll-ups, reminder logs, import records, and the audit log's before/after values (the
 * entries stay, their values blanked, `erased` saying by whom, when and why). The account's id
 * is kept in `erased_accounts`, so its rows never come back from a sync file, and the erasure
 * travels to other books as an op with the id alone (db/sync/ops.ts).
 *
 * Runs inside the caller's write (`writer`), with `secure_delete` on, so SQLite overwrites what
 * it removes instead of leaving it in free space.
 */

/** Who erased, when and why: stored on every audit entry whose values were blanked. */
export interface ErasureMark {
  readonly by: string;
  readonly at: string;
  readonly why: string;
}

export interface ErasureCounts {
  /** The accounts erased now (those erased before are left as they are). */
  readonly accounts: readonly string[];
  /** Rows removed per table. */
  readonly rows: Record<string, number>;
  /** Audit entries whose values were blanked. */
  readonly auditEntries: number;
}

const json = (values: readonly unknown[]) => JSON.stringify(values);
const inList = 'IN (SELECT value FROM json_each(?))';

export function isErased(db: Db, accountId: string): boolean {
  return db.statement('SELECT 1 FROM erased_accounts WHERE account_id = ?').get(accountId) !== undefined;
}

/** The erased accounts among `ids`. */
export function erasedAmong(db: Db, ids: readonly string[]): Set<string> {
  const found = db
    .statement(`SELECT account_id FROM erased_accounts WHERE account_id ${inList}`)
    .pluck()
    .all(json(ids)) as string[];
  return new Set(found);
}

/** The ids of every row of every synced table that belongs to one of `accountIds`. */
function rowsOf(db: Db, accountIds: readonly string[]): Map<SyncedTable, string[]> {
  const found = new Map<SyncedTable, string[]>();
  for (const entity of Object.values(entities)) {
    const clause = entity.accounts.map((column) => `${column} ${inList}`).join(' OR ');
    const ids = db
      .statement(`SELECT id FROM ${entity.table} WHERE ${clause}`)
      .pluck()
      .all(...entity.accounts.map(() => json(accountIds))) as string[];
    if (ids.length > 0) found.set(entity.table, ids);
  }
  return found;
}

/**
 * The personal values of those rows (names, numbers, notes), so copies held as text elsewhere
 * (audit values, import records) are found too. Short values are left out: two characters of a
 * note would match unrelated text.
 */
function personalValuesOf(db: Db, rows: Map<SyncedTable, string[]>): string[] {
  const values = new Set<string>();
  for (const [table, ids] of rows) {
    const columns = entities[table].personal.filter((column) => entities[table].synced.includes(column));
    const nameLike = table === 'accounts' ? ['name', 'customer_no', 'credit_code'] : [];
    for (const column of [...columns, ...nameLike]) {
      const found = db
        .statement(`SELECT ${column} FROM ${table} WHERE id ${inList}`)
        .pluck()
        .all(json(ids)) as unknown[];
      for (const value of found) if (typeof value === 'string' && [...value].length >= 2) values.add(value);
    }
  }
  return [...values];
}

/**
 * Erases `accountIds` (those not erased already) inside `writer`'s transaction. Returns what
 * it removed; an id this book never held is still recorded, so the erasure is kept and relayed.
 */
export function eraseAccounts(
  db: Db,
  writer: Writer,
  accountIds: readonly string[],
  mark: ErasureMark,
): ErasureCounts {
  const already = erasedAmong(db, accountIds);
  const ids = [...new Set(accountIds)].filter((id) => !already.has(id));
  if (ids.length === 0) return { accounts: [], rows: {}, auditEntries: 0 };
  const secure = db.sqlite.pragma('secure_delete', { simple: true }) as number;
  db.sqlite.pragma('secure_delete = ON');
  try {
    const rows = rowsOf(db, ids);
    const allIds = [...ids, ...[...rows.values()].flat()];
    const needles = [...new Set([...allIds, ...personalValuesOf(db, rows)])];
    const auditEntries = eraseAuditValues(db, needles, mark);
    eraseImportRecords(db, rows, needles);
    const counts = removeAccountRows(db, ids, rows);
    const record = db.statement('INSERT INTO erased_accounts (account_id, at, seq) VALUES (?, ?, ?)');
    for (const id of ids) record.run(id, mark.at, writer.takeSeq());
    return { accounts: ids, rows: counts, auditEntries };
  } finally {
    db.sqlite.pragma(`secure_delete = ${secure}`);
  }
}

/**
 * The accounts' rows in every synced table and what the book keeps of them beside (field
 * clocks, the op journal, the conflict inbox, search keys, reminder logs, roll-ups): an erasure,
 * and an account handed to someone outside this book's user (db/sync/leaving.ts). Rows removed
 * per entity.
 */
export function removeAccountRows(
  db: Db,
  ids: readonly string[],
  rows: Map<SyncedTable, string[]> = rowsOf(db, ids),
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, tableIds] of rows) {
    const list = json(tableIds);
    db.statement(`DELETE FROM field_clock WHERE tbl = ? AND row_id ${inList}`).run(table, list);
    db.statement(`DELETE FROM sync_ops WHERE tbl = ? AND row_id ${inList}`).run(table, list);
    db.statement(`DELETE FROM sync_conflicts WHERE tbl = ? AND row_id ${inList}`).run(table, list);
    if (table === 'accounts')
      db.statement(
        `DELETE FROM search_keys WHERE account_rid IN (SELECT rid FROM accounts WHERE id ${inList})`,
      ).run(list);
    if (table === 'anniversaries')
      db.statement(`DELETE FROM reminder_log WHERE anniversary_id ${inList}`).run(list);
    if (table === 'visits') db.statement(`DELETE FROM follow_up_log WHERE visit_id ${inList}`).run(list);
    if (table === 'contracts') db.statement(`DELETE FROM renewal_log WHERE contract_id ${inList}`).run(list);
    counts[entities[table].entity] = db
      .statement(`DELETE FROM ${table} WHERE id ${inList}`)
      .run(list).changes;
  }
  removeRollups(db, ids, rows.has('consumption'));
  return counts;
}

/**
 * The roll-ups the accounts' bills were summed into. Their own rows go; the book's month
 * totals and the held window are recomputed from what remains (the window may end earlier if
 * the erased bills were the latest), as `fieldbook stats rebuild` would.
 */
function removeRollups(db: Db, ids: readonly string[], hadBills: boolean): void {
  const list = json(ids);
  for (const table of [
    'consumption_rollup',
    'consumption_rollup_total',
    'consumption_window_total',
    'consumption_window',
    'account_stats',
  ])
    db.statement(`DELETE FROM ${table} WHERE account_id ${inList}`).run(list);
  // Their parent-company links and anniversaries went with them: what statistics keep of both is redone.
  refreshGroupRoots(db);
  rebuildAnniversaryCounts(db);
  if (!hadBills) return;
  rebuildConsumptionWindow(db);
  rebuildMonthTotals(db);
}
