import { ApiError } from '../../shared/errors';
import type { ImportRevertConflict, ImportRevertCounts } from '../../shared/types';
import type { Db } from '../connection';
import {
  accountHasWorkSince,
  fieldClockOf,
  findImport,
  importChangesOf,
  markReverted,
  type ImportChangeRow,
} from '../queries/imports';
import { entitiesInExportOrder } from '../entities';
import type { SyncedTable } from '../schema';
import { writeBatch, type Writer } from '../write';

/**
 * Undoes an import in one transaction: rows it created are deleted (soft, so the deletion
 * syncs), fields it changed get their values back. Later work wins: a created row changed since
 * the import, or a field edited since, is left as it is and reported as a conflict.
 *
 * "Changed since" compares each field's current value with the value the import wrote
 * (`import_changes.after`), not its clock: reverting a later import puts this import's values
 * back under a new clock, and that must not count as an edit (imports reverted newest first all
 * undo). A value edited away and back again counts as unchanged. Changes recorded before the
 * after values were kept (after IS NULL) go by clock: the field's clock is still the import's,
 * the created row's `seq` is still the import's. A created account also stays (a conflict with
 * no columns) while it has live work written after the import: a record of any other entity
 * (a phone, relationship, visit, anniversary, bill…) with a greater `seq`. The import's own rows are undone first (reverse
 * order), so only those of them kept as conflicts still count.
 */
const listedConflictLimit = 200;
/** The tables an import writes (`imported` in their entities): nothing else can be undone here. */
const revertibleTables = new Set<string>(
  entitiesInExportOrder.filter((entity) => entity.imported !== null).map((entity) => entity.table),
);

export function revertImport(
  db: Db,
  id: string,
  actor: string,
): { counts: ImportRevertCounts; conflicts: ImportRevertConflict[] } {
  const record = findImport(db, id);
  if (!record) throw new ApiError('NOT_FOUND', `No import ${id}`, { details: { entity: 'import', id } });
  if (record.revertedAt !== null) {
    throw new ApiError('IMPORT_ALREADY_REVERTED', `The import of ${record.fileName} was reverted already`, {
      details: { revertedAt: record.revertedAt, revertedBy: record.revertedBy },
    });
  }
  return writeBatch(
    db,
    actor,
    'import.revert',
    (writer) => {
      const counts = { deleted: 0, restored: 0, conflicts: 0 };
      const conflicts: ImportRevertConflict[] = [];
      const conflict = (change: ImportChangeRow, columns: string[]) => {
        counts.conflicts += 1;
        if (conflicts.length < listedConflictLimit)
          conflicts.push({ table: change.tbl, rowId: change.row_id, columns });
      };
      for (const change of importChangesOf(db, id)) {
        if (!revertibleTables.has(change.tbl))
          throw new Error(`import change on unexpected table ${change.tbl}`);
        const table = change.tbl as SyncedTable;
        const current = db.statement(`SELECT * FROM ${table} WHERE id = ?`).get(change.row_id) as
          Record<string, unknown> | undefined;
        if (!current) {
          conflict(change, []);
          continue;
        }
        if (change.action === 'create') {
          const edited =
            change.after === null
              ? current['seq'] !== change.seq
                ? editedColumns(db, table, current)
                : []
              : changedSince(current, change.after);
          if (edited.length > 0) conflict(change, edited);
          else if (table === 'accounts' && accountHasWorkSince(db, change.row_id, change.seq))
            conflict(change, []);
          else {
            writer.update(table, change.row_id, { deleted: 1 }, 'delete');
            counts.deleted += 1;
          }
          continue;
        }
        const result = restoreFields(db, writer, table, change, current);
        if (result.restored) counts.restored += 1;
        if (result.kept.length > 0) conflict(change, result.kept);
      }
      markReverted(db, id, actor, new Date().toISOString(), counts);
      return { counts, conflicts };
    },
    id,
  );
}

/** Columns edited since the row was inserted (a deleted row counts as edited). */
function editedColumns(db: Db, table: string, row: Record<string, unknown>): string[] {
  const columns = (
    db.statement('SELECT col FROM field_clock WHERE tbl = ? AND row_id = ?').all(table, row['id']) as {
      col: string;
    }[]
  ).map((entry) => entry.col);
  return columns.length > 0 ? columns : ['seq'];
}

/** Columns whose current value is not the one the import wrote. */
function changedSince(current: Record<string, unknown>, after: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(after).filter((column) => (current[column] ?? null) !== (after[column] ?? null));
}

/** Puts back the fields still as the import left them; returns the others. */
function restoreFields(
  db: Db,
  writer: Writer,
  table: SyncedTable,
  change: ImportChangeRow,
  current: Record<string, unknown>,
): { restored: boolean; kept: string[] } {
  const before = change.before ?? {};
  const after = change.after;
  const patch: Record<string, unknown> = {};
  const kept: string[] = [];
  for (const [column, value] of Object.entries(before)) {
    const unchanged =
      after === null
        ? fieldClockOf(db, table, change.row_id, column) === change.hlc
        : (current[column] ?? null) === (after[column] ?? null);
    if (unchanged) patch[column] = value;
    else kept.push(column);
  }
  if (Object.keys(patch).length === 0) return { restored: false, kept };
  writer.update(table, change.row_id, patch as never);
  return { restored: true, kept };
}
