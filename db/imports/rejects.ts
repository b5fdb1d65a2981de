import { importFieldsOf, rejectsErrorHeaders, type ImportField } from '../../shared/domain/importFields';
import { csvCell, BOM } from '../../shared/domain/csv';
import type { ImportRejects, ImportRowError, ImportSettings } from '../../shared/types';
import type { ExportLanguage } from '../exports/table';
import type { StoredRejects } from '../queries/importRejects';
import { problemSeparator, rowErrorText } from './rejectTexts';

/**
 * The rows a partial import left out, as a file to correct and import again: UTF-8 with BOM
 * (Excel reads the Chinese), CRLF, the file's own header line and cells, and one more column
 * saying what is wrong with the row. The columns matched on or holding phones are written the
 * way Excel keeps as text (`"=""13800138000"""`), every other cell with the formula guard; the
 * import reads both forms back (`unguardCell`), and leaves the error column out of the header
 * set, so the settings remembered for the original file apply to this one.
 */
const textFields: ReadonlySet<ImportField> = new Set(['customerNo', 'creditCode', 'phone']);

/** The same name with a suffix before its extension: `十月账单.csv` → `十月账单-未导入.csv`. */
export function rejectsFileName(fileName: string, language: ExportLanguage): string {
  const stem = fileName.replace(/\.(csv|txt)$/i, '');
  return `${stem}${language === 'en' ? '-rejects' : '-未导入'}.csv`;
}

/** What is wrong with one row, in one cell: `column: problem; column: problem`. */
export function problemsText(errors: readonly ImportRowError[], language: ExportLanguage): string {
  return errors
    .map((error) => {
      const text = rowErrorText(error.code, language);
      return error.column === null ? text : `${error.column}${language === 'en' ? ': ' : '：'}${text}`;
    })
    .join(problemSeparator[language]);
}

/** A header as it is (quoted where RFC 4180 needs it): the file must come back with the same names. */
function headerCell(header: string): string {
  return /[",\r\n]/.test(header) ? `"${header.replaceAll('"', '""')}"` : header;
}

function line(cells: readonly string[], asText: (index: number) => boolean): string {
  return cells.map((cell, index) => csvCell(cell, asText(index))).join(',');
}

export function rejectsCsv(
  rejects: StoredRejects,
  settings: Pick<ImportSettings, 'kind' | 'mapping'>,
  language: ExportLanguage,
): string {
  const { headers } = rejects;
  const textColumns = new Set<number>();
  for (const field of importFieldsOf[settings.kind]) {
    const header = settings.mapping[field];
    if (textFields.has(field) && header !== undefined) textColumns.add(headers.indexOf(header));
  }
  const lines = [[...headers, rejectsErrorHeaders[language]].map(headerCell).join(',')];
  for (const rejected of rejects.rows) {
    // As wide as the header line: a short row's missing cells are empty, extra cells were never read.
    const cells = headers.map((_header, index) => rejected.cells[index] ?? '');
    lines.push(line([...cells, problemsText(rejected.errors, language)], (index) => textColumns.has(index)));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function rejectsFile(
  rejects: StoredRejects,
  record: { fileName: string; settings: Pick<ImportSettings, 'kind' | 'mapping'> },
  language: ExportLanguage,
): ImportRejects {
  const text = rejectsCsv(rejects, record.settings, language);
  return {
    fileName: rejectsFileName(record.fileName, language),
    contentBase64: Buffer.from(text, 'utf8').toString('base64'),
    rows: rejects.rows.length,
  };
}
