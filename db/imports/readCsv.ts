import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { ApiError } from '../../shared/errors';
import type { ImportEncoding } from '../../shared/types';

/**
 * Reads a CSV file as people get it: saved by Excel (GB18030 on a Chinese Windows, or UTF-8
 * with a BOM when "CSV UTF-8" is chosen), or exported by a billing system (UTF-8, sometimes
 * semicolon- or tab-separated). RFC 4180 quoting: fields may hold commas, quotes and newlines.
 */
export interface CsvTable {
  readonly encoding: ImportEncoding;
  readonly delimiter: ',' | ';' | '\t';
  readonly headers: string[];
  /** Data rows; a short row reads as empty cells, extra cells are ignored. */
  readonly rows: string[][];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * BOM → UTF-8 with BOM; valid UTF-8 → UTF-8; UTF-8 with a few bytes that are not (a cell pasted
 * in from elsewhere) → refused, naming the first such line; anything else is read as GB18030
 * (a superset of GBK). Reading a mostly-UTF-8 file as GB18030 would garble every Chinese cell.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: ImportEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
    } catch {
      // A UTF-8 mark on bytes that are not UTF-8 (text pasted in from a GBK file): guessing
      // would garble one part or the other, so the file is refused.
      throw unreadable(
        'encoding',
        'The file says it is UTF-8 but holds bytes that are not; save it again as CSV UTF-8',
      );
    }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    // Excel's "Unicode text" is UTF-16: not a CSV, and not one of the encodings we promise.
    throw unreadable('utf16', 'The file is UTF-16 text; save it as CSV (UTF-8) or CSV');
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    const damage = utf8Damage(bytes);
    if (damage.valid >= mostlyUtf8 * damage.invalid) {
      const line = 1 + bytes.subarray(0, damage.firstInvalidAt).filter((byte) => byte === 0x0a).length;
      throw unreadable(
        'encoding',
        `The file is UTF-8 but line ${line} holds bytes that are not; correct that line or save the file again as CSV UTF-8`,
        { line },
      );
    }
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'gb18030'),
      encoding: 'gb18030',
    };
  }
}

/** Valid multi-byte UTF-8 characters per invalid byte above which a file is UTF-8 with damage. */
const mostlyUtf8 = 10;

/**
 * Counts well-formed multi-byte UTF-8 sequences and bytes that start none. GB18030 text makes
 * few well-formed sequences by accident (its two-byte pairs rarely fit), UTF-8 Chinese makes
 * one per character.
 */
function utf8Damage(bytes: Uint8Array): { valid: number; invalid: number; firstInvalidAt: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalidAt = -1;
  for (let at = 0; at < bytes.length;) {
    const lead = bytes[at] ?? 0;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    let fits = length > 0 && at + length <= bytes.length;
    for (let next = 1; fits && next < length; next++) {
      const byte = bytes[at + next] ?? 0;
      fits = byte >= 0x80 && byte <= 0xbf;
    }
    if (fits) {
      valid += 1;
      at += length;
    } else {
      invalid += 1;
      if (firstInvalidAt < 0) firstInvalidAt = at;
      at += 1;
    }
  }
  return { valid, invalid, firstInvalidAt };
}

/** The separator of the header line: the most frequent of comma, semicolon and tab outside quotes. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

function unreadable(reason: string, message: string, details: Record<string, unknown> = {}): ApiError {
  return new ApiError('IMPORT_UNREADABLE', message, { details: { reason, ...details } });
}

export function readCsv(bytes: Uint8Array): CsvTable {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      // A quote inside an unquoted cell is text (as Excel reads it): `="0754…"` unquoted, as
      // Fieldbook wrote text cells before it quoted them and other tools still do, `5" screen`.
      // An opened quote never closed is still refused.
      relax_quotes: true,
      // Empty lines are kept (and ignored later) so row numbers stay the ones Excel shows.
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const problem = error as { message?: string; lines?: number };
    throw unreadable('csv', `The file is not valid CSV: ${problem.message ?? String(error)}`, {
      line: problem.lines ?? null,
    });
  }
  while (records.length > 0 && isBlank(records[records.length - 1] ?? [])) records.pop();
  const [headerRow, ...rows] = records;
  if (!headerRow || isBlank(headerRow)) {
    throw unreadable('empty', 'The file is empty: the first line should name the columns');
  }
  if (rows.length === 0) throw unreadable('no_rows', 'The file has column names but no rows');
  // Excel leaves empty columns at the right end of a sheet that once had more.
  let width = headerRow.length;
  while (width > 1 && (headerRow[width - 1] ?? '').trim() === '') width -= 1;
  for (const row of rows) {
    for (let at = 0; at < row.length; at++) {
      const cell = row[at] ?? '';
      // Only cells starting with = or ' can be in Excel form: the common cell costs one test.
      if (cell.startsWith('=') || cell.startsWith("'")) row[at] = unguardCell(cell);
    }
  }
  return { encoding, delimiter, headers: headerRow.slice(0, width).map((header) => header.trim()), rows };
}

const excelText = /^="([^"]*)"$/;
const guardedFormula = /^'[=+\-@\t\r]/;

/**
 * A cell as Fieldbook's own CSV files write it for Excel (`shared/domain/csv.ts`), read back as
 * the text it stands for: `="13800138000"` (shown by Excel as the text itself, not a number;
 * in the file `"=""13800138000"""`, unquoted by the parser) and the formula guard's
 * apostrophe (`'=SUM(…)`, `'+86 138…`). So a rejects file, or an export, imports as it was
 * written.
 */
export function unguardCell(cell: string): string {
  const text = excelText.exec(cell);
  if (text) return text[1] ?? '';
  return guardedFormula.test(cell) ? cell.slice(1) : cell;
}

/** A row with no text in any cell (Excel writes `,,,` for an emptied row). */
export function isBlank(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}
