import { expect } from 'vitest';
import { newId } from '../../db/ids';
import { ApiError } from '../../shared/errors';
import { latestMigration } from '../../db/migrations/index';
import { encodeBundle } from '../../db/sync/bundleFile';
import { exportBundle } from '../../db/sync/export';
import { fileRights, importBundle, mergeBundle, open, type ImportOutcome } from '../../db/sync/apply';
import { previewBundle } from '../../db/sync/preview';
import { planAlone } from '../../db/sync/previewPlan';
import { trialBatch } from '../../db/write';
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

/**
 * The import, after checking that its preview says what it does: the preview's counts are the
 * import's (or both refuse the file with the same code), and at a chunk size of 3 ops (many
 * chunks, rows named again in later chunks) the plan alone is the rolled-back import wherever
 * it answers. Throws what the import throws. `alone` says which way the small-chunk preview
 * went, so a test can insist on meeting both.
 */
export function importChecked(book: Book, file: Uint8Array): { outcome: ImportOutcome; alone: boolean } {
  const db = book.fieldbook.db;
  const opened = open(file, passphrase);
  const small = { ...opened, chunks: () => opened.chunks(3) };
  const rights = fileRights(db, small, undefined);
  const alone = attempt(() => planAlone(db, small, rights, () => undefined));
  // null: imported already, which the preview below says.
  if (alone.value !== null) {
    const rolledBack = attempt(() =>
      trialBatch(db, 'preview', 'sync.preview', (writer) => mergeBundle(db, writer, small, 'preview', rights)),
    );
    if (alone.value !== 'needs the import') {
      expect(alone.code).toBe(rolledBack.code);
      expect(tallyOf(alone.value)).toEqual(tallyOf(rolledBack.value));
    }
  }
  const preview = attempt(() => previewBundle(db, file, passphrase));
  const imported = attempt(() => importInto(book, file));
  expect(preview.code).toBe(imported.code);
  if (imported.error !== undefined || !imported.value) throw imported.error;
  expect(preview.value?.alreadyImported).toBe(imported.value.alreadyImported);
  expect(preview.value?.counts).toEqual(imported.value.counts);
  return { outcome: imported.value, alone: alone.value !== null && alone.value !== 'needs the import' };
}

function attempt<T>(run: () => T): { value?: T; code?: string; error?: unknown } {
  try {
    return { value: run() };
  } catch (error) {
    return { error, code: error instanceof ApiError ? error.code : String(error) };
  }
}

const tallyOf = (tally: { counts: unknown; maxClock: string | null } | undefined) =>
  tally && { counts: tally.counts, maxClock: tally.maxClock };

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
