import type { Db } from '../connection';
import type { SyncedTable } from '../schema';
import type { ErasureMark } from './erase';

/**
 * Copies of an erased account's data kept as text outside its rows: the audit log's before/after
 * values and an import's records (what it created and changed, for its revert; the rows it left
 * out, to give back as a file). They are found by the erased rows' ids and personal values.
 */

const inList = 'IN (SELECT value FROM json_each(?))';

/**
 * Blanks the values of every audit entry about the erased rows or holding one of `needles`,
 * through the one change the log's triggers allow (values to NULL, `erased` set): the entry and
 * its place in the chain stay, its body hash still proves what was there. Returns the count.
 */
export function eraseAuditValues(db: Db, needles: readonly string[], mark: ErasureMark): number {
  const list = JSON.stringify(needles);
  return db
    .statement(
      `UPDATE audit_log SET before = NULL, after = NULL, erased = ?
       WHERE erased IS NULL AND (entity_id ${inList} OR EXISTS (
         SELECT 1 FROM json_each(?) AS needle
         WHERE instr(audit_log.before, needle.value) > 0 OR instr(audit_log.after, needle.value) > 0))`,
    )
    .run(JSON.stringify(mark), list, list).changes;
}

interface CreatedChunk {
  readonly import_id: string;
  readonly ordinal: number;
  readonly rows: string;
}

interface RejectRecord {
  readonly import_id: string;
  readonly rows: string;
}

/**
 * Import records: the erased rows leave the created chunks and the changes (a later revert has
 * nothing of them to undo: they are gone), and rows left out of an import that hold one of the
 * personal values leave its rejects.
 */
export function eraseImportRecords(
  db: Db,
  rows: ReadonlyMap<SyncedTable, string[]>,
  needles: readonly string[],
): void {
  for (const [table, ids] of rows) {
    db.statement(`DELETE FROM import_changes WHERE tbl = ? AND row_id ${inList}`).run(
      table,
      JSON.stringify(ids),
    );
    const erased = new Set(ids);
    const chunks = db
      .statement('SELECT import_id, ordinal, rows FROM import_created WHERE tbl = ?')
      .all(table) as CreatedChunk[];
    for (const chunk of chunks) {
      const created = JSON.parse(chunk.rows) as unknown[][];
      const kept = created.filter(([id]) => !erased.has(String(id)));
      if (kept.length === created.length) continue;
      if (kept.length === 0)
        db.statement('DELETE FROM import_created WHERE import_id = ? AND ordinal = ?').run(
          chunk.import_id,
          chunk.ordinal,
        );
      else
        db.statement('UPDATE import_created SET rows = ? WHERE import_id = ? AND ordinal = ?').run(
          JSON.stringify(kept),
          chunk.import_id,
          chunk.ordinal,
        );
    }
  }
  const values = needles.filter((needle) => !/^[0-9a-f-]{36}$/.test(needle));
  if (values.length === 0) return;
  const rejects = db.statement('SELECT import_id, rows FROM import_rejects').all() as RejectRecord[];
  for (const record of rejects) {
    const left = JSON.parse(record.rows) as unknown[];
    const kept = left.filter((row) => {
      const text = JSON.stringify(row);
      return !values.some((value) => text.includes(value));
    });
    if (kept.length === left.length) continue;
    db.statement('UPDATE import_rejects SET rows = ?, row_count = ? WHERE import_id = ?').run(
      JSON.stringify(kept),
      kept.length,
      record.import_id,
    );
  }
}
