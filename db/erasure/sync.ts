import type { Db } from '../connection';
import { entities } from '../entities';
import { isRowOp, type DataOp } from '../sync/ops';
import { erasedAmong } from './erase';

/**
 * An erasure wins over any clock: a sync file written before it (or by a book that has not
 * heard of it) still carries the account's rows, and they must not bring it back. Such ops are
 * dropped before the merge plans anything, whatever their clocks.
 */

/** The accounts an op's row belongs to (what a field op says of its own row only). */
function accountsOf(op: DataOp): string[] {
  if (op.t === 'accounts') return [op.id];
  if (!isRowOp(op)) return [];
  const ids: string[] = [];
  for (const column of entities[op.t].accounts) {
    const value = op.row[column];
    if (typeof value === 'string') ids.push(value);
  }
  return ids;
}

/** `ops` without those of erased accounts, and how many were dropped per entity. */
export function withoutErased(
  db: Db,
  ops: readonly DataOp[],
): { kept: DataOp[]; dropped: Map<string, number> } {
  const dropped = new Map<string, number>();
  const anyErased = db.statement('SELECT 1 FROM erased_accounts LIMIT 1').get() !== undefined;
  if (!anyErased) return { kept: [...ops], dropped };
  const erased = erasedAmong(db, [...new Set(ops.flatMap(accountsOf))]);
  if (erased.size === 0) return { kept: [...ops], dropped };
  const kept = ops.filter((op) => {
    if (!accountsOf(op).some((id) => erased.has(id))) return true;
    const entity = entities[op.t].entity;
    dropped.set(entity, (dropped.get(entity) ?? 0) + 1);
    return false;
  });
  return { kept, dropped };
}

/** The ops an export carries for the erasures this book learned of after `since`. */
export function* erasureOpsSince(db: Db, since: number): Generator<{ e: string }> {
  const rows = db
    .statement('SELECT account_id FROM erased_accounts WHERE seq > ? ORDER BY seq')
    .pluck()
    .iterate(since) as IterableIterator<string>;
  for (const id of rows) yield { e: id };
}
