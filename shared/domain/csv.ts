/**
 * CSV for Excel and head office: UTF-8 with a byte-order mark (Excel otherwise reads Chinese as
 * the system's ANSI code page), CRLF line ends, RFC 4180 quoting.
 *
 * Two guards:
 * - Formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR would run as a
 *   formula in Excel; it gets a leading apostrophe. Numbers written as numbers, and phone-like
 *   text such as `+86 138 0013 8000` or `-12.5`, are left alone: they cannot be formulas.
 * - Text columns (phones, customer numbers, ID numbers): a cell of digits Excel would turn into
 *   a number (dropping a landline's leading 0, or rounding an 18-digit ID) is written as
 *   `="0754…"`, which Excel shows as the text itself.
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
const harmlessSigned = /^[+-][\d\s().-]*\d[\d\s().-]*$/;
const excelWouldConvert = /^\+?\d+$/;

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell as it goes into the file. */
export function csvCell(value: CsvCell, asText = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (asText && excelWouldConvert.test(value)) return `="${value}"`;
  if (formulaStart.test(value) && !harmlessSigned.test(value)) return quote(`'${value}`);
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
