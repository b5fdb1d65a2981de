import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/types';
import { createOrganization, openBook, type Book } from '../operations/helpers';
import { consumptionInput, csv, stage } from './importHelpers';

/**
 * "Import the good rows, give me the bad ones back": a partial import writes the rows without
 * errors and keeps the others, with what is wrong with each, as a CSV file to correct and
 * import again; all-or-nothing stays the default.
 */
let book: Book;
let org: Account;
let other: Account;
beforeEach(async () => {
  book = await openBook();
  org = createOrganization(book, { customerNo: 'HQ0001' });
  other = createOrganization(book, { customerNo: 'HQ0002' });
});
afterEach(() => book.close());

const header = '客户编号,账期,业务类别,金额,数量,备注';
/** Two good rows, three bad ones (an unknown service, an unknown account, an amount). */
const mixed = csv(
  header,
  'HQ0001,2026-10,流量,"1,234.56",12,',
  'HQ0001,2026-10,云计算,300,,',
  '88880001,2026-10,宽带,88,,北京',
  'HQ0002,202610,语音,abc,,=SUM(A1)',
  'HQ0002,2026-10,短信,5,,',
);

const bills = () =>
  [
    ...book.ok('consumption.list', { accountId: org.id }),
    ...book.ok('consumption.list', { accountId: other.id }),
  ]
    .map((bill) => `${bill.period} ${bill.category} ${bill.amountFen}`)
    .sort();

function rejectsText(id: string, language: 'zh-CN' | 'en' = 'zh-CN'): { fileName: string; text: string } {
  const file = book.ok('imports.rejects', { id, language });
  return { fileName: file.fileName, text: Buffer.from(file.contentBase64, 'base64').toString('utf8') };
}

describe('a partial import (badRows: skip)', () => {
  it('refuses the whole file by default, as before', () => {
    const staged = stage(book, mixed);
    const error = book.rejects('imports.apply', consumptionInput(staged.stageId), 'IMPORT_HAS_ERRORS');
    expect(error.details).toMatchObject({ counts: { rows: 5, create: 2, errors: 3 } });
    expect(bills()).toEqual([]);
    expect(book.ok('imports.list', {})).toEqual([]);
  });

  it('imports the good rows and gives the bad ones back, exactly, in either language', () => {
    const staged = stage(book, mixed, 'utf-8', '十月账单.csv');
    const record = book.ok('imports.apply', consumptionInput(staged.stageId, { badRows: 'skip' }));
    expect(record.counts).toEqual({ rows: 5, create: 2, update: 0, skip: 0, unchanged: 0, errors: 3 });
    expect(bills()).toEqual(['2026-10 data 123456', '2026-10 sms 500']);

    const zh = rejectsText(record.id);
    expect(zh.fileName).toBe('十月账单-未导入.csv');
    // UTF-8 with BOM, CRLF, the file's own columns and cells (a digit-only customer number as
    // Excel keeps it as text, a formula guarded), and what is wrong with each row.
    expect(zh.text).toBe(
      '\uFEFF客户编号,账期,业务类别,金额,数量,备注,导入错误\r\n' +
        'HQ0001,2026-10,云计算,300,,,业务类别：不是已知的业务类别（可用：语音、流量、宽带、专线、云服务、IDC、物联网、短信、其他）\r\n' +
        '"=""88880001""",2026-10,宽带,88,,北京,客户编号：没有客户与之对应\r\n' +
        "HQ0002,202610,语音,abc,,'=SUM(A1),金额：不是以元为单位的金额\r\n",
    );
    const en = rejectsText(record.id, 'en');
    expect(en.fileName).toBe('十月账单-rejects.csv');
    expect(en.text.split('\r\n')[0]).toBe('\uFEFF客户编号,账期,业务类别,金额,数量,备注,Import error');
    expect(en.text.split('\r\n')[1]).toBe(
      'HQ0001,2026-10,云计算,300,,,"业务类别: Not a known service (accepted: Voice, Mobile data, Broadband, Leased line, Cloud, IDC, IoT, SMS, Other)"',
    );
  });

  it('takes the corrected rejects file back with the settings of the original, and imports it whole', () => {
    const staged = stage(book, mixed);
    const record = book.ok('imports.apply', consumptionInput(staged.stageId, { badRows: 'skip' }));
    const { text } = rejectsText(record.id);
    // As a person fixes it in Excel: the cells corrected, the error column left as it is.
    const fixed = text
      .replace(',云计算,', ',云服务,')
      .replace('"=""88880001"""', 'HQ0002')
      .replace(',abc,', ',66.5,');
    const again = stage(book, fixed.replace(/^\uFEFF/, ''), 'utf-8-bom', '十月账单-未导入.csv');
    expect(again.headers.at(-1)).toBe('导入错误');
    expect(again.remembered).toMatchObject({ kind: 'consumption', mapping: consumptionInput('').mapping });
    const preview = book.ok('imports.preview', consumptionInput(again.stageId));
    expect(preview).toMatchObject({ counts: { rows: 3, create: 3, errors: 0 }, errorTotal: 0 });
    const second = book.ok('imports.apply', consumptionInput(again.stageId));
    expect(second.counts).toMatchObject({ create: 3, errors: 0 });
    expect(bills()).toEqual([
      '2026-10 broadband 8800',
      '2026-10 cloud 30000',
      '2026-10 data 123456',
      '2026-10 sms 500',
      '2026-10 voice 6650',
    ]);
    // A file with nothing left out has no rejects.
    book.rejects('imports.rejects', { id: second.id }, 'NOT_FOUND');
  });

  it('is reverted like any import: the rows it wrote go, the rejects stay to be fixed', () => {
    const staged = stage(book, mixed);
    const record = book.ok('imports.apply', consumptionInput(staged.stageId, { badRows: 'skip' }));
    const reverted = book.ok('imports.revert', { id: record.id });
    expect(reverted.counts).toEqual({ deleted: 2, restored: 0, conflicts: 0 });
    expect(bills()).toEqual([]);
    expect(rejectsText(record.id).text.split('\r\n')).toHaveLength(5);
  });

  it('previews once for either kind of import (the plan does not depend on it)', () => {
    const staged = stage(book, mixed);
    const preview = book.ok('imports.preview', consumptionInput(staged.stageId));
    expect(preview.counts).toMatchObject({ create: 2, errors: 3 });
    // A bill entered meanwhile would make a new plan; none was, so the preview's is applied.
    const record = book.ok('imports.apply', consumptionInput(staged.stageId, { badRows: 'skip' }));
    expect(record.counts).toEqual(preview.counts);
  });
});

describe('service names the file calls differently', () => {
  const unknown = csv(
    header,
    'HQ0001,2026-10,云计算,300,,',
    'HQ0001,2026-09,云计算,200,,',
    'HQ0002,2026-10,IDC机房,10,,',
  );

  it('are listed by the preview with their rows, and refused until mapped', () => {
    const staged = stage(book, unknown);
    const preview = book.ok('imports.preview', consumptionInput(staged.stageId));
    expect(preview.unknownCategories).toEqual([
      { name: '云计算', key: '云计算', rows: 2 },
      { name: 'IDC机房', key: 'idc机房', rows: 1 },
    ]);
    expect(preview.errors.map((error) => error.code)).toEqual([
      'invalid_category',
      'invalid_category',
      'invalid_category',
    ]);
  });

  it('are read as the category chosen for them, remembered with the column mapping', () => {
    const staged = stage(book, unknown);
    const categoryMap = { 云计算: 'cloud', idc机房: 'idc' } as const;
    const preview = book.ok('imports.preview', consumptionInput(staged.stageId, { categoryMap }));
    expect(preview).toMatchObject({ errorTotal: 0, counts: { create: 3 } });
    // Still listed, so the choice can be changed.
    expect(preview.unknownCategories.map((name) => name.key)).toEqual(['云计算', 'idc机房']);
    book.ok('imports.apply', consumptionInput(staged.stageId, { categoryMap }));
    expect(bills()).toEqual(['2026-09 cloud 20000', '2026-10 cloud 30000', '2026-10 idc 1000']);
    const next = stage(book, csv(header, 'HQ0001,2026-11,云计算,1,,'));
    expect(next.remembered?.categoryMap).toEqual(categoryMap);
  });

  it('never shadow Fieldbook’s own names', () => {
    const staged = stage(book, csv(header, 'HQ0001,2026-10,流量,1,,'));
    const preview = book.ok(
      'imports.preview',
      consumptionInput(staged.stageId, { categoryMap: { 流量: 'voice' } }),
    );
    expect(preview.unknownCategories).toEqual([]);
    book.ok('imports.apply', consumptionInput(staged.stageId, { categoryMap: { 流量: 'voice' } }));
    expect(bills()).toEqual(['2026-10 data 100']);
  });
});
