import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { InputOf } from '../../../shared/api';
import type { Book } from '../operations/helpers';

/** Test files as users send them: text encoded like Excel would, base64 like the renderer does. */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export function encodeCsv(text: string, encoding: FileEncoding = 'utf-8'): string {
  const bytes =
    encoding === 'gb18030'
      ? iconv.encode(text, 'gb18030')
      : Buffer.from(encoding === 'utf-8-bom' ? `\uFEFF${text}` : text, 'utf8');
  return bytes.toString('base64');
}

/** Lines joined with CRLF, as Excel writes them. */
export const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

export function stage(book: Book, text: string, encoding: FileEncoding = 'utf-8', fileName = 'bills.csv') {
  return book.ok('imports.stage', { fileName, contentBase64: encodeCsv(text, encoding) });
}

export const consumptionMapping = {
  customerNo: '客户编号',
  period: '账期',
  category: '业务类别',
  amount: '金额',
  quantity: '数量',
  note: '备注',
};

export type ImportInput = InputOf<'imports.preview'>;

export function consumptionInput(stageId: string, extra: Partial<ImportInput> = {}): ImportInput {
  return { stageId, kind: 'consumption', mapping: consumptionMapping, matchKey: 'customerNo', ...extra };
}

/** A hash of every row of every table: a dry run must leave it as it was. */
export function databaseDigest(book: Book): string {
  const tables = book
    .rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .map((row) => String(row['name']));
  const hash = createHash('sha256');
  for (const table of tables) {
    hash.update(`${table}\n`);
    for (const row of book.rows(`SELECT * FROM "${table}"`)) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}
