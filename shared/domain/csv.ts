/**
 * CSV for Excel and head office: UTF-8 with a byte-order mark (Excel otherwise reads Chinese as
 * the system's ANSI code page), CRLF line ends, RFC 4180 quoting.
 *
 * Two guards, for files opened in Excel (`excel`, the default style):
 * - Formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR would run as a
 *   formula in Excel (even `+86-138-0013-8000` is arithmetic to Excel); it gets a leading
 *   apostrophe, unless it is a plain signed number (`-12.5`, `-1,000`).
 * - Text columns (phones, customer numbers, ID numbers): a phone-like or digit-only cell, which
 *   Excel would turn into a number or a sum (dropping a landline's leading 0, rounding an
 *   18-digit ID, computing `+86-138…`), is written as the formula `="+86 138…"`: Excel shows the
 *   text itself, intact. The formula holds quotes, so the cell is quoted as RFC 4180 says
 *   (`"=""+86 138…"""`): strict readers (Go's encoding/csv, Python's csv in strict mode) read it.
 *
 * The `plain` style is for programs, not Excel: every value as it is (quoted where RFC 4180
 * needs it), no byte-order mark, no `="…"`, no apostrophe. Such a file must not be opened in
 * Excel: a cell like `=HYPERLINK(…)` there is a live formula.
 */
export const BOM = '\uFEFF';

export type CsvCell = string | number | null | undefined;

/** Who reads the file: Excel (the guards above) or another program (`plain`). */
export type CsvStyle = 'excel' | 'plain';

export interface CsvColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => CsvCell;
  /** Keep digit strings as text in Excel (phones, numbers, IDs). */
  readonly asText?: boolean;
}

const formulaStart = /^[=+\-@\t\r]/;
/** Text that is neither a formula start nor in need of quotes goes out as it is (the common case). */
const needsCare = /^[=+\-@\t\r]|[",\r\n]/;
const needsQuotes = /[",\r\n]/;
const signedNumber = /^[+-](\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const phoneLike = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

function quote(text: string): string {
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell as it goes into the file. */
export function csvCell(value: CsvCell, asText = false, style: CsvStyle = 'excel'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (style === 'plain') return quote(value);
  if (asText) {
    // A phone-like text has no quote of its own: `"=""` + value + `"""` is the quoted formula.
    if (phoneLike.test(value)) return `"=""${value}"""`;
  } else if (!needsCare.test(value)) return value;
  if (formulaStart.test(value) && !signedNumber.test(value)) return quote(`'${value}`);
  return quote(value);
}

/** A whole file: BOM (for Excel), header line, one line per row, CRLF after every line. */
export function toCsv<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: Iterable<Row>,
  style: CsvStyle = 'excel',
): string {
  const lines = [columns.map((column) => quote(column.header)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => csvCell(column.value(row), column.asText, style)).join(','));
  }
  return `${style === 'excel' ? BOM : ''}${lines.join('\r\n')}\r\n`;
}
