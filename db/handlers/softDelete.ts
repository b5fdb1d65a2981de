import type { Db } from '../connection';
import type { SyncedTable } from '../schema';
import type { Row, RowPatch } from '../tables';
import { write } from '../write';
import { requireLiveAccount, requireRow } from './guards';

/**
 * Delete and undelete of a record that belongs to an account. Deleting only flags the row
 * (it syncs like any field and can be undone); undeleting re-checks what creating checked,
 * since the world may have changed meanwhile (`recheck`). `accountIdsOf` names the accounts
 * that must be live for the record to come back; a relationship names none and waits for
 * deleted ends instead (`recheckWhenLive`), so two deleted ends never block each other.
 */
export function setDeleted<T extends Exclude<SyncedTable, 'accounts'>>(
  db: Db,
  actor: string,
  table: T,
  entity: string,
  id: string,
  deleted: boolean,
  accountIdsOf: (row: Row<T>) => readonly string[],
  recheck?: (row: Row<T>) => void,
): Row<T> {
  const row = requireRow(db, table, id, entity);
  if (!deleted) {
    for (const accountId of accountIdsOf(row)) requireLiveAccount(db, accountId);
    if (row.deleted === 1) recheck?.(row);
  }
  const patch = { deleted: deleted ? 1 : 0 } as RowPatch<T>;
  return write(db, actor, (writer) => writer.update(table, id, patch, deleted ? 'delete' : 'undelete')).row;
}
