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

/** BOM → UTF-8 with BOM; valid UTF-8 → UTF-8; anything else is read as GB18030 (a superset of GBK). */
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
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'gb18030'),
      encoding: 'gb18030',
    };
  }
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
  return { encoding, delimiter, headers: headerRow.slice(0, width).map((header) => header.trim()), rows };
}

/** A row with no text in any cell (Excel writes `,,,` for an emptied row). */
export function isBlank(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}
