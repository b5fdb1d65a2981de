import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importHandlers } from '../../../db/handlers/imports';
import type { Account } from '../../../shared/types';
import { createOrganization, openBook, type Book } from '../operations/helpers';
import { consumptionInput, csv, databaseDigest, stage, type FileEncoding } from './importHelpers';

let book: Book;
let org: Account;
beforeEach(async () => {
  book = await openBook();
  org = createOrganization(book, { customerNo: 'HQ0001' });
});
afterEach(() => book.close());

const header = '客户编号,账期,业务类别,金额,数量,备注';

describe('files as Excel and billing systems write them', () => {
  it.each<[FileEncoding]>([['gb18030'], ['utf-8-bom'], ['utf-8']])(
    'reads a %s file, Chinese headers and cells included',
    (encoding) => {
      const staged = stage(
        book,
        csv(header, 'HQ0001,2026年10月,专线,"12,000.00",1,北京至上海专线'),
        encoding,
      );
      expect(staged.encoding).toBe(encoding);
      expect(staged.headers).toEqual(['客户编号', '账期', '业务类别', '金额', '数量', '备注']);
      book.ok('imports.apply', consumptionInput(staged.stageId));
      expect(book.ok('consumption.list', { accountId: org.id })).toEqual([
        expect.objectContaining({ category: 'leased_line', amountFen: 1_200_000, note: '北京至上海专线' }),
      ]);
    },
  );

  it('keeps commas, quotes and line breaks inside quoted fields, and counts rows as Excel does', () => {
    const staged = stage(
      book,
      csv(header, 'HQ0001,2026-10,数据,1,,"第一行,含逗号\r\n第二行 ""引号"""', 'HQ0001,2026-10,数据,x,,'),
    );
    expect(staged.rowCount).toBe(2);
    const preview = book.ok('imports.preview', consumptionInput(staged.stageId));
    // The second data row is row 3 in Excel, though the file's third line is inside row 2.
    expect(preview.errors).toEqual([expect.objectContaining({ row: 3, field: 'amount' })]);
    book.ok(
      'imports.apply',
      consumptionInput(stage(book, csv(header, 'HQ0001,2026-10,数据,1,,"a,b\nc ""d"""')).stageId),
    );
    expect(book.ok('consumption.list', { accountId: org.id })[0]?.note).toBe('a,b\nc "d"');
  });

  it('ignores emptied rows (,,,,) without shifting row numbers', () => {
    const staged = stage(book, csv(header, ',,,,,', 'HQ0001,2026-10,数据,bad,,', ',,,,,'));
    const preview = book.ok('imports.preview', consumptionInput(staged.stageId));
    expect(preview.counts.rows).toBe(1);
    expect(preview.errors.map((error) => error.row)).toEqual([3]);
  });

  it('a dry run (stage + preview) changes no table at all', () => {
    const before = databaseDigest(book);
    const staged = stage(book, csv(header, 'HQ0001,2026-10,数据,1,,', 'HQ0001,2026-11,数据,1,,'));
    book.ok('imports.preview', consumptionInput(staged.stageId, { onExisting: 'update' }));
    expect(databaseDigest(book)).toBe(before);
  });

  it('refuses a file with a UTF-8 BOM but bytes that are not UTF-8 as IMPORT_UNREADABLE', () => {
    const text = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${header}\r\nHQ0001,2026-10,数据,1,,`, 'utf8'),
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0d, 0x0a]),
    ]);
    const error = book.rejects(
      'imports.stage',
      { fileName: 'mixed.csv', contentBase64: text.toString('base64') },
      'IMPORT_UNREADABLE',
    );
    expect(error.details).toMatchObject({ reason: 'encoding' });
  });

  it('refuses a UTF-8 file with a stray byte, naming its line, instead of reading it all as GB18030', () => {
    const rows = Array.from({ length: 5 }, (_, index) => `HQ0001,2026-0${index + 1},数据,1,,北京专线`);
    const text = Buffer.concat([
      Buffer.from(csv(header, ...rows.slice(0, 3)), 'utf8'),
      Buffer.from('HQ0001,2026-04,数据,1,,', 'utf8'),
      Buffer.from([0xb1, 0xb1, 0xbe, 0xa9, 0x0d, 0x0a]), // “北京” in GBK, pasted into a UTF-8 file
      Buffer.from(rows.slice(4).join('\r\n'), 'utf8'),
    ]);
    const error = book.rejects(
      'imports.stage',
      { fileName: 'pasted.csv', contentBase64: text.toString('base64') },
      'IMPORT_UNREADABLE',
    );
    expect(error.details).toMatchObject({ reason: 'encoding', line: 5 });
    // A whole GB18030 file with the same text still reads as GB18030.
    expect(stage(book, csv(header, ...rows), 'gb18030').encoding).toBe('gb18030');
  });

  it('refuses a file over the size limit as IMPORT_TOO_LARGE', () => {
    const handlers = importHandlers(book.fieldbook.db, { limits: { maxFileBytes: 10 } });
    expect(() =>
      handlers['imports.stage'](
        {
          fileName: 'big.csv',
          contentBase64: Buffer.from(csv(header, 'HQ0001,2026-10,数据,1,,')).toString('base64'),
        },
        { actor: 'm001' },
      ),
    ).toThrow(expect.objectContaining({ code: 'IMPORT_TOO_LARGE' }));
  });
});
