import type { Db } from '../connection';
import { entities } from '../entities';
import { addToRollup } from '../queries/consumptionRollup';
import { importRecorder } from '../queries/imports';

/**
 * What an import of bills keeps about its new rows, written right after it commits. Recording
 * 200,000 created bills for a revert and rolling them up inside the import's transaction made it
 * three times the cost of writing the bills alone; so the import commits its rows (and its
 * updates' records) with a mark, the `seq` range its writes took (`unsettled_imports`, migration
 * 20261206_0023), and a second short transaction reads its new bills back by that range (the
 * rows in it it did not update), records them in `import_created` and adds them to the roll-up.
 *
 * Nobody sees the gap: every write settles first, inside its own transaction (`runWriter`), so
 * no edit, revert or erasure of those bills can come before; every operation settles before its
 * handler runs (the service's dispatch); in the app, calls wait for the job thread to do it
 * (`imports.settle`, queued right after the import). A crash between the two leaves the mark,
 * and the next call settles it.
 */
export interface Settled {
  readonly imports: number;
  readonly bills: number;
}

export function unsettledImports(db: Db): boolean {
  return db.statement('SELECT 1 FROM unsettled_imports LIMIT 1').pluck(true).get() !== undefined;
}

/** Marks an import of bills as committed and not settled: its writes took `firstSeq`..`lastSeq`. */
export function markUnsettled(db: Db, importId: string, firstSeq: number, lastSeq: number): void {
  db.statement('INSERT INTO unsettled_imports (import_id, first_seq, last_seq) VALUES (?, ?, ?)').run(
    importId,
    firstSeq,
    lastSeq,
  );
}

const bills = entities.consumption;
const billColumns = ['id', 'seq', ...bills.synced].join(', ');

export function settleImports(db: Db): Settled {
  if (!unsettledImports(db)) return { imports: 0, bills: 0 };
  return db.transaction(() => {
    const unsettled = db
      .statement('SELECT import_id, first_seq, last_seq FROM unsettled_imports ORDER BY first_seq')
      .all() as { import_id: string; first_seq: number; last_seq: number }[];
    let count = 0;
    for (const { import_id: importId, first_seq: first, last_seq: last } of unsettled)
      count += addToRollup(db, recordCreatedBills(db, importId, first, last));
    db.statement('DELETE FROM unsettled_imports').run();
    return { imports: unsettled.length, bills: count };
  });
}

const pageRows = 5000;

/**
 * The bills an import created, read back page by page in the order it wrote them (nothing else
 * has written since: every write settles first), each recorded for a revert as it passes.
 */
function* recordCreatedBills(
  db: Db,
  importId: string,
  firstSeq: number,
  lastSeq: number,
): Generator<Record<string, unknown>> {
  const page = db.statement(
    `SELECT ${billColumns} FROM consumption WHERE seq > ? AND seq <= ?
       AND id NOT IN (SELECT row_id FROM import_changes WHERE import_id = ?) ORDER BY seq LIMIT ${pageRows}`,
  );
  // After the import's updates, which it recorded as it made them.
  const updates = db
    .statement('SELECT coalesce(max(ordinal), 0) FROM import_changes WHERE import_id = ?')
    .pluck(true)
    .get(importId);
  const record = importRecorder(db, importId, Number(updates) + 1);
  let after = firstSeq - 1;
  for (;;) {
    const rows = page.all(after, lastSeq, importId) as Record<string, unknown>[];
    for (const row of rows) {
      record.created('consumption', row);
      yield row;
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageRows) break;
    after = Number(last['seq']);
  }
  record.finish();
}
