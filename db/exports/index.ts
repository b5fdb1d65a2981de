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

/** Where one table's file goes, in chunks of UTF-8 bytes (each chunk its own buffer, kept by the sink if it likes). */
export interface CsvSink {
  write(chunk: Uint8Array): void;
  close(): void;
}

/** About 4 MB of UTF-8 per write: few system calls, little memory. */
const chunkBytes = 4 << 20;
/**
 * Accounts per read: about 5,000 bills (50 per account). Small reads keep every row array
 * short-lived, so the garbage collector frees them young instead of copying each batch into
 * the old generation: reads of 1,000 accounts (50,000 rows) spent more time collecting than
 * SQLite spent reading.
 */
const accountsPerBatch = 100;

/**
 * Encodes lines into a buffer as they are made and hands it on when full: a line never stays
 * as a string beyond its own row (a 1 M-character string of joined lines lived through
 * several collections and was encoded again when written).
 */
export class ChunkWriter {
  /** Allocated at the first line after each flush: a table's last flush leaves none behind. */
  private buffer: Buffer | null = null;
  private used = 0;

  constructor(
    private readonly write: (chunk: Uint8Array) => void,
    private readonly size = chunkBytes,
  ) {}

  /** Adds a line's text (its CRLF included). */
  add(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const most = text.length * 3;
    if (this.buffer !== null && this.used + most > this.buffer.length) this.flush();
    this.buffer ??= Buffer.allocUnsafe(Math.max(this.size, most));
    this.used += this.buffer.write(text, this.used);
  }

  flush(): void {
    if (this.buffer === null || this.used === 0) return;
    const bytes = this.buffer.subarray(0, this.used);
    // A sink may keep its chunks (the UI path does, until the file is whole): a short one is
    // copied out so it does not hold on to a mostly empty 4 MB buffer.
    this.write(this.used < this.buffer.length / 2 ? Buffer.from(bytes) : bytes);
    this.buffer = null;
    this.used = 0;
  }
}

/**
 * Streams one table as CSV (BOM for Excel, header line, CRLF after every line) into `write`;
 * returns the rows written. Rows come as arrays (raw mode), a range of accounts at a time, and
 * each cell goes through a formatter compiled for its column, so memory stays at one batch and
 * one chunk whatever the table's size.
 */
export function streamTableCsv(
  db: Db,
  table: TableExport,
  language: ExportLanguage,
  filters: ExportFilters,
  write: (chunk: Uint8Array) => void,
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
  const out = new ChunkWriter(write);
  out.add(`${style === 'excel' ? BOM : ''}${headerLine(table.columns, language, style)}\r\n`);
  let rows = 0;
  for (let low = 0; low < lastRid; low += accountsPerBatch) {
    const batch = statement.all(...source.parameters, low, low + accountsPerBatch) as unknown[][];
    for (const row of batch) {
      let line = first(row[0]);
      for (let index = 1; index < width; index++)
        line += `,${(formatters[index] as (value: unknown) => string)(row[index])}`;
      out.add(`${line}\r\n`);
    }
    rows += batch.length;
  }
  out.flush();
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
