import { BOM, type CsvStyle } from '../../shared/domain/csv';
import type { Db } from '../connection';
import { appendAudit } from '../write';
import { entitiesInExportOrder } from '../entities';
import { compileFormatter, headerLine } from './columns';
import type { CsvExportTable, ExportFilters, ExportLanguage, TableExport } from './table';

export type { CsvExportTable, ExportFilters, ExportLanguage, TableExport } from './table';

/**
 * Each CSV table by name, as the entities declare them (`csv`); the registry test checks that
 * every table the contract offers (`csvExportTables`) has one.
 */
export const tableExports = Object.fromEntries(
  entitiesInExportOrder.flatMap((entity) => entity.csv.map((table) => [table.table, table] as const)),
) as Readonly<Record<CsvExportTable, TableExport>>;

export interface ExportRequest {
  readonly tables: readonly CsvExportTable[];
  readonly language: ExportLanguage;
  readonly filters: ExportFilters;
  /** For Excel (the default: BOM, text cells kept as text, formula guard), or `plain` for programs. */
  readonly style?: CsvStyle;
  /** Why it was exported, as the user said (recorded with the rows). */
  readonly purpose?: string | undefined;
}

/** Where one table's text goes, in chunks of about `flushChars` characters. */
export interface CsvSink {
  write(chunk: string): void;
  close(): void;
}

/** About 1 M characters (2–3 MB of UTF-8) per write: few system calls, little memory. */
const flushChars = 1 << 20;
/** Accounts per read: about 50,000 bills (50 per account), a few MB of rows at a time. */
const accountsPerBatch = 1000;

/**
 * Streams one table as CSV (BOM for Excel, header line, CRLF after every line) into `write`; returns the
 * rows written. Rows come as arrays (raw mode), a range of accounts at a time, and each cell
 * goes through a formatter compiled for its column, so memory stays at one batch and one
 * chunk whatever the table's size.
 */
export function streamTableCsv(
  db: Db,
  table: TableExport,
  language: ExportLanguage,
  filters: ExportFilters,
  write: (chunk: string) => void,
  style: CsvStyle = 'excel',
): number {
  const source = table.source(filters);
  const statement = db.sqlite
    .prepare(
      `SELECT ${table.columns.map((column) => column.sql).join(', ')} ${source.sql}
       AND ${table.batchKey} > ? AND ${table.batchKey} <= ?${source.orderBy ? ` ORDER BY ${source.orderBy}` : ''}`,
    )
    .raw(true);
  const formatters = table.columns.map((column) => compileFormatter(db, column.format, language, style));
  const width = formatters.length;
  const first = formatters[0];
  if (first === undefined) throw new Error(`${table.table} has no columns`);
  const lastRid = (db.sqlite.prepare('SELECT max(rid) FROM accounts').pluck().get() as number | null) ?? 0;
  let chunk = `${style === 'excel' ? BOM : ''}${headerLine(table.columns, language, style)}\r\n`;
  let rows = 0;
  for (let low = 0; low < lastRid; low += accountsPerBatch) {
    const batch = statement.all(...source.parameters, low, low + accountsPerBatch) as unknown[][];
    for (const row of batch) {
      let line = first(row[0]);
      for (let index = 1; index < width; index++)
        line += `,${(formatters[index] as (value: unknown) => string)(row[index])}`;
      chunk += `${line}\r\n`;
      if (chunk.length >= flushChars) {
        write(chunk);
        chunk = '';
      }
    }
    rows += batch.length;
  }
  write(chunk);
  return rows;
}

/**
 * The whole export: every table from one read snapshot (a deferred transaction: the app keeps
 * writing meanwhile, a 5-million-row export does not hold the write lock), then one audit
 * entry naming the tables, the filters and the rows written. A sink that throws (a UI export
 * grown too large) stops the export and records nothing.
 */
export function exportCsv(
  db: Db,
  actor: string,
  request: ExportRequest,
  sinkFor: (table: TableExport) => CsvSink,
): Record<string, number> {
  const rows: Record<string, number> = {};
  const ownSnapshot = !db.sqlite.inTransaction;
  if (ownSnapshot) db.sqlite.exec('BEGIN');
  try {
    for (const name of request.tables) {
      const table = tableExports[name];
      const sink = sinkFor(table);
      try {
        rows[name] = streamTableCsv(
          db,
          table,
          request.language,
          request.filters,
          (chunk) => sink.write(chunk),
          request.style,
        );
      } finally {
        sink.close();
      }
    }
  } finally {
    if (ownSnapshot) db.sqlite.exec('COMMIT');
  }
  // A read-only book (damaged, on a read-only medium) still exports; it cannot record it.
  if (!db.readonly)
    appendAudit(db, {
      actor,
      action: 'export',
      entity: 'csv',
      entityId: null,
      before: null,
      after: {
        tables: request.tables,
        language: request.language,
        filters: request.filters,
        rows,
        ...(request.purpose ? { purpose: request.purpose } : {}),
      },
    });
  return rows;
}
