/**
 * CSV for Excel and head office: UTF-8 with a byte-order mark (Excel otherwise reads Chinese as
 * the system's ANSI code page), CRLF line ends, RFC 4180 quoting.
 *
 * Two guards:
 * - Formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR would run as a
 *   formula in Excel (even `+86-138-0013-8000` is arithmetic to Excel); it gets a leading
 *   apostrophe, unless it is a plain signed number (`-12.5`, `-1,000`).
 * - Text columns (phones, customer numbers, ID numbers): a phone-like or digit-only cell, which
 *   Excel would turn into a number or a sum (dropping a landline's leading 0, rounding an
 *   18-digit ID, computing `+86-138…`), is written as `="+86 138…"`: Excel shows the text
 *   itself, intact.
 */
export const BOM = '\uFEFF';

export type CsvCell = string | number | null | undefined;

export interface CsvColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => CsvCell;
  /** Keep digit strings as text in Excel (phones, numbers, IDs). */
  readonly asText?: boolean;
}

const formulaStart = /^[=+\-@\t\r]/;
/** Text that is neither a formula start nor in need of quotes goes out as it is (the common case). */
const needsCare = /^[=+\-@\t\r]|[",\r\n]/;
const signedNumber = /^[+-](\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const phoneLike = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell as it goes into the file. */
export function csvCell(value: CsvCell, asText = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (asText) {
    if (phoneLike.test(value)) return `="${value}"`;
  } else if (!needsCare.test(value)) return value;
  if (formulaStart.test(value) && !signedNumber.test(value)) return quote(`'${value}`);
  return quote(value);
}

/** A whole file: BOM, header line, one line per row, CRLF after every line. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  const lines = [columns.map((column) => quote(column.header)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => csvCell(column.value(row), column.asText)).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
