import { newId } from '../../db/ids';
import { latestMigration } from '../../db/migrations/index';
import { encodeBundle } from '../../db/sync/bundleFile';
import { exportBundle } from '../../db/sync/export';
import { importBundle, type ImportOutcome } from '../../db/sync/apply';
import type { SyncOp } from '../../db/sync/ops';
import { entities } from '../../db/entities';
import type { SyncedTable } from '../../db/schema';
import { manager, type Book } from './operations/helpers';

/** Helpers for the sync tests: cheap scrypt, content that must converge, the inbox. */
export const passphrase = 'team passphrase 青山';
export const kdf = { log2N: 10, r: 8, p: 1 };

export function exportFrom(book: Book, full = false): Buffer {
  return exportBundle(book.fieldbook.db, { full, passphrase, actor: manager.actor, kdf }).bytes;
}

export function importInto(book: Book, file: Uint8Array): ImportOutcome {
  return importBundle(book.fieldbook.db, file, { passphrase, actor: manager.actor });
}

/** A file made by hand, as another device (or a faulty one) could have written it. */
export function bundle(ops: SyncOp[]): Buffer {
  return encodeBundle({
    manifest: {
      bundleId: newId(),
      sourceNode: 'fedcba9876543210',
      schemaVersion: latestMigration,
      versionVector: {},
      createdAt: new Date().toISOString(),
    },
    ops,
    passphrase,
    kdf,
  });
}

const syncedTables = Object.keys(entities) as SyncedTable[];

/**
 * Everything that must be the same on every device once they have seen the same files: the
 * synced columns and clocks of every row, the field clocks, and what is derived from them
 * (roll-ups; search keys by account id, since `rid` is local). Local columns are left out.
 */
export function content(book: Book): Record<string, unknown[]> {
  const result: Record<string, unknown[]> = {};
  for (const table of syncedTables) {
    const columns = ['id', 'hlc', ...entities[table].synced].join(', ');
    result[table] = book.rows(`SELECT ${columns} FROM ${table} ORDER BY id`);
  }
  result['field_clock'] = book.rows('SELECT * FROM field_clock ORDER BY tbl, row_id, col');
  result['consumption_rollup'] = book.rows(
    'SELECT * FROM consumption_rollup ORDER BY account_id, year, category',
  );
  result['consumption_rollup_total'] = book.rows(
    'SELECT * FROM consumption_rollup_total ORDER BY account_id, year',
  );
  result['search_keys'] = book.rows(
    `SELECT s.field, s.archived, s.start, s.key, a.id FROM search_keys s JOIN accounts a ON a.rid = s.account_rid
     ORDER BY a.id, s.field, s.start, s.key, s.archived`,
  );
  return result;
}

/** The clock a field has on a device: its field clock, else the row's insert clock. */
export function fieldClock(book: Book, table: SyncedTable, id: string, column: string): string | null {
  const [edited] = book.rows(
    'SELECT hlc FROM field_clock WHERE tbl = ? AND row_id = ? AND col = ?',
    table,
    id,
    column,
  );
  if (edited) return String(edited['hlc']);
  const [row] = book.rows(`SELECT hlc FROM ${table} WHERE id = ?`, id);
  return row ? String(row['hlc']) : null;
}

export function inbox(
  book: Book,
): { tbl: string; row_id: string; col: string; losing_hlc: string; losing_value: string }[] {
  return book.rows('SELECT tbl, row_id, col, losing_hlc, losing_value FROM sync_conflicts') as never;
}
