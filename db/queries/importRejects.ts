import type { ImportField, ImportRowError, ImportRowErrorCode } from '../../shared/types';
import type { Db } from '../connection';

/** SQL of the rows partial imports left out (`import_rejects`, migration 0012). */

/** A row an import left out: where it was in the file, its cells, and everything wrong with it. */
export interface RejectedRow {
  /** As Excel numbers it: the header is row 1. */
  readonly row: number;
  readonly cells: readonly string[];
  readonly errors: readonly ImportRowError[];
}

export interface StoredRejects {
  readonly headers: readonly string[];
  readonly rows: readonly RejectedRow[];
}

type StoredError = [
  column: string | null,
  field: ImportField | null,
  code: ImportRowErrorCode,
  value: string,
];
type StoredRow = [row: number, cells: readonly string[], errors: StoredError[]];

export function insertRejects(
  db: Db,
  importId: string,
  headers: readonly string[],
  rows: readonly RejectedRow[],
): void {
  const stored = rows.map((rejected): StoredRow => [
    rejected.row,
    rejected.cells,
    rejected.errors.map((error): StoredError => [error.column, error.field, error.code, error.value]),
  ]);
  db.statement('INSERT INTO import_rejects (import_id, headers, row_count, rows) VALUES (?, ?, ?, ?)').run(
    importId,
    JSON.stringify(headers),
    rows.length,
    JSON.stringify(stored),
  );
}

/** The rows the import left out, or null when it left none out (or there is no such import). */
export function findRejects(db: Db, importId: string): StoredRejects | null {
  const found = db.first(
    db.query.selectFrom('import_rejects').select(['headers', 'rows']).where('import_id', '=', importId),
  );
  if (!found) return null;
  const rows = (JSON.parse(found.rows) as StoredRow[]).map(([row, cells, errors]): RejectedRow => ({
    row,
    cells,
    errors: errors.map(([column, field, code, value]) => ({ row, column, field, code, value })),
  }));
  return { headers: JSON.parse(found.headers) as string[], rows };
}
