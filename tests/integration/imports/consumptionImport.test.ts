import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildConsumptionRollup } from '../../../db/queries/consumptionRollup';
import type { Account } from '../../../shared/types';
import { createOrganization, createPerson, openBook, type Book } from '../operations/helpers';
import { consumptionInput, csv, stage } from './importHelpers';

let book: Book;
let org: Account;
let person: Account;
beforeEach(async () => {
  book = await openBook();
  org = createOrganization(book, { customerNo: 'HQ0001' });
  person = createPerson(book, { customerNo: 'HQ0002', phones: [{ number: '13800138000' }] });
});
afterEach(() => book.close());

const header = '客户编号,账期,业务类别,金额,数量,备注';
const bills = () => book.ok('consumption.list', { accountId: org.id });

describe('imports.stage', () => {
  it('reads headers, sample, row count, delimiter and suggests a mapping from Chinese headers', () => {
    const staged = stage(book, csv(header, 'HQ0001,2026-10,流量,"1,234.56",12,', 'HQ0002,202610,语音,88,,'));
    expect(staged).toMatchObject({
      fileName: 'bills.csv',
      encoding: 'utf-8',
      delimiter: ',',
      headers: ['客户编号', '账期', '业务类别', '金额', '数量', '备注'],
      rowCount: 2,
      remembered: null,
    });
    expect(staged.sample[0]).toEqual(['HQ0001', '2026-10', '流量', '1,234.56', '12', '']);
    expect(staged.suggested.consumption).toEqual({
      customerNo: '客户编号',
      period: '账期',
      category: '业务类别',
      amount: '金额',
      quantity: '数量',
      note: '备注',
    });
  });

  it('detects semicolons and tabs', () => {
    expect(stage(book, csv('a;b;c', '1;2;3')).delimiter).toBe(';');
    expect(stage(book, csv('a\tb\tc', '1\t2\t3')).delimiter).toBe('\t');
  });

  it('refuses an empty file, a header without rows and broken quoting as IMPORT_UNREADABLE', () => {
    for (const text of ['', csv(header), csv(header, 'HQ0001,"2026-10,流量')]) {
      const error = book.rejects(
        'imports.stage',
        { fileName: 'x.csv', contentBase64: Buffer.from(text).toString('base64') },
        'IMPORT_UNREADABLE',
      );
      expect(error.details).toHaveProperty('reason');
    }
  });
});

describe('imports.preview', () => {
  it('counts what would happen and writes nothing', () => {
    book.ok('consumption.create', { accountId: org.id, period: '2026-09', category: 'data', amountFen: 100 });
    const staged = stage(
      book,
      csv(header, 'HQ0001,2026-09,数据,1,,', 'HQ0001,2026年10月,宽带,¥99.5,,', 'HQ0002,2026/10,voice,10,,'),
    );
    const before = book.fingerprint();
    const preview = book.ok('imports.preview', consumptionInput(staged.stageId, { onExisting: 'skip' }));
    expect(preview).toEqual({
      counts: { rows: 3, create: 2, update: 0, skip: 1, unchanged: 0, errors: 0 },
      errors: [],
      errorTotal: 0,
      unknownCategories: [],
    });
    expect(book.fingerprint()).toEqual(before);
  });

  it('reports each bad cell with its Excel row, column header, field, code and text', () => {
    const staged = stage(
      book,
      csv(
        header,
        'HQ0001,2026-13,数据,1,,',
        'NOPE9,2026-10,数据,1,,',
        'HQ0002,2026-10,彩铃,abc,-1,',
        'HQ0001,2026-10,数据,1,,',
        'HQ0001,2026-10,流量,2,,',
      ),
    );
    const preview = book.ok('imports.preview', consumptionInput(staged.stageId));
    expect(preview.errors).toEqual([
      { row: 2, column: '账期', field: 'period', code: 'invalid_period', value: '2026-13' },
      { row: 3, column: '客户编号', field: 'customerNo', code: 'unknown_account', value: 'NOPE9' },
      { row: 4, column: '业务类别', field: 'category', code: 'invalid_category', value: '彩铃' },
      { row: 4, column: '金额', field: 'amount', code: 'invalid_amount', value: 'abc' },
      { row: 4, column: '数量', field: 'quantity', code: 'invalid_quantity', value: '-1' },
      { row: 6, column: null, field: null, code: 'duplicate_in_file', value: 'HQ0001 2026-10 data' },
    ]);
    expect(preview.counts).toEqual({ rows: 5, create: 1, update: 0, skip: 0, unchanged: 0, errors: 4 });
    expect(preview.errorTotal).toBe(6);
  });

  it('refuses a mapping to a column the file does not have, or without a required field', () => {
    const staged = stage(book, csv(header, 'HQ0001,2026-10,数据,1,,'));
    const error = book.rejects(
      'imports.preview',
      consumptionInput(staged.stageId, {
        mapping: { customerNo: '客户编号', period: '月份', category: '业务类别' },
      }),
      'VALIDATION_FAILED',
    );
    expect(error.issues?.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['mapping.period', 'import_column_missing'],
      ['mapping.amount', 'import_field_required'],
    ]);
  });

  it('refuses a stage id it does not hold', () => {
    book.rejects(
      'imports.preview',
      consumptionInput('01900000-0000-7000-8000-000000000000'),
      'IMPORT_NOT_STAGED',
    );
  });
});

describe('imports.apply', () => {
  it('writes the bills, records the import, audits it once and forgets the staged file', () => {
    const staged = stage(
      book,
      csv(header, 'HQ0001,2026-10,流量,"1,234.56",12,首月', 'HQ0002,202610,语音,88,,'),
    );
    const record = book.ok('imports.apply', consumptionInput(staged.stageId));
    expect(record).toMatchObject({
      kind: 'consumption',
      fileName: 'bills.csv',
      encoding: 'utf-8',
      actor: 'm001',
      counts: { rows: 2, create: 2, update: 0, skip: 0, unchanged: 0, errors: 0 },
      revertedAt: null,
    });
    expect(bills()).toEqual([
      expect.objectContaining({
        period: '2026-10',
        category: 'data',
        amountFen: 123456,
        quantity: 12,
        note: '首月',
        source: 'import',
      }),
    ]);
    expect(book.ok('consumption.list', { accountId: person.id })).toEqual([
      expect.objectContaining({ period: '2026-10', category: 'voice', amountFen: 8800, quantity: null }),
    ]);
    const audit = book.rows("SELECT entity, entity_id, after FROM audit_log WHERE action = 'batch'");
    expect(audit).toEqual([
      { entity: 'import', entity_id: record.id, after: JSON.stringify({ 'consumption.create': 2 }) },
    ]);
    // The roll-up was kept in step by the write path: rebuilding it from the rows changes nothing.
    const rollup = () => book.rows('SELECT * FROM consumption_rollup ORDER BY account_id, year, category');
    const kept = rollup();
    expect(kept).toHaveLength(2);
    rebuildConsumptionRollup(book.fieldbook.db);
    expect(rollup()).toEqual(kept);
    expect(book.ok('imports.list', {})).toEqual([record]);
    book.rejects('imports.apply', consumptionInput(staged.stageId), 'IMPORT_NOT_STAGED');
  });

  it('reports progress while applying, and announces data changes for apply and revert only', () => {
    const progress: unknown[] = [];
    const changed: string[] = [];
    book.fieldbook.onImportProgress((event) => progress.push(event));
    book.fieldbook.onDataChanged((operation) => changed.push(operation));
    const staged = stage(book, csv(header, 'HQ0001,2026-10,流量,1,,', 'HQ0002,2026-10,流量,2,,'));
    book.ok('imports.preview', consumptionInput(staged.stageId));
    const record = book.ok('imports.apply', consumptionInput(staged.stageId));
    expect(progress).toEqual([{ stageId: staged.stageId, done: 2, total: 2 }]);
    book.ok('imports.revert', { id: record.id });
    expect(changed).toEqual(['imports.apply', 'imports.revert']);
  });

  it('applies nothing when one row is bad', () => {
    const staged = stage(book, csv(header, 'HQ0001,2026-10,流量,1,,', 'HQ0002,2026-10,流量,一百,,'));
    const error = book.rejects('imports.apply', consumptionInput(staged.stageId), 'IMPORT_HAS_ERRORS');
    expect(error.details).toMatchObject({ counts: { rows: 2, errors: 1 }, errorTotal: 1 });
    expect(book.rows('SELECT count(*) AS n FROM imports')).toEqual([{ n: 0 }]);
  });

  it('checks the file again when the book changed after the preview', () => {
    const input = consumptionInput(stage(book, csv(header, 'HQ0001,2026-10,流量,5,,')).stageId, {
      onExisting: 'skip',
    });
    expect(book.ok('imports.preview', input).counts).toMatchObject({ create: 1, skip: 0 });
    // Someone records the same bill by hand between the preview and the import.
    book.ok('consumption.create', { accountId: org.id, period: '2026-10', category: 'data', amountFen: 500 });
    expect(book.ok('imports.apply', input).counts).toMatchObject({ create: 0, skip: 1 });
    expect(bills()).toHaveLength(1);
  });

  it('updates, skips or adds a second bill for rows that exist, as chosen', () => {
    const existing = book.ok('consumption.create', {
      accountId: org.id,
      period: '2026-10',
      category: 'data',
      amountFen: 100,
      note: 'manual',
    });
    const file = csv(header, 'HQ0001,2026-10,数据,2.00,,manual', 'HQ0001,2026-11,数据,3,,');
    const skip = book.ok(
      'imports.apply',
      consumptionInput(stage(book, file).stageId, { onExisting: 'skip' }),
    );
    expect(skip.counts).toMatchObject({ create: 1, skip: 1, update: 0 });
    expect(bills().find((bill) => bill.id === existing.id)?.amountFen).toBe(100);

    const update = book.ok(
      'imports.apply',
      consumptionInput(stage(book, file).stageId, { onExisting: 'update' }),
    );
    expect(update.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    expect(bills().find((bill) => bill.id === existing.id)).toMatchObject({ amountFen: 200, note: 'manual' });

    const create = book.ok(
      'imports.apply',
      consumptionInput(stage(book, file).stageId, { onExisting: 'create' }),
    );
    expect(create.counts).toMatchObject({ create: 2, update: 0, skip: 0 });
    expect(bills().filter((bill) => bill.period === '2026-10')).toHaveLength(2);
  });

  it('remembers the settings for the header set and offers them for the next file', () => {
    const first = stage(book, csv(header, 'HQ0001,2026-10,数据,1,,'));
    book.ok('imports.apply', consumptionInput(first.stageId, { onExisting: 'update' }));
    const next = stage(book, csv(header, 'HQ0001,2026-11,数据,1,,'));
    expect(next.remembered).toEqual({
      kind: 'consumption',
      mapping: consumptionInputMapping(),
      matchKey: 'customerNo',
      onExisting: 'update',
      categoryMap: {},
    });
    expect(stage(book, csv('客户编号,账期,金额', 'HQ0001,2026-11,1')).remembered).toBeNull();
  });

  it('matches accounts by phone when asked', () => {
    const staged = stage(book, csv('电话,账期,业务类别,金额', '+86 138-0013-8000,2026-10,短信,5'));
    book.ok('imports.apply', {
      stageId: staged.stageId,
      kind: 'consumption',
      matchKey: 'phone',
      mapping: { phone: '电话', period: '账期', category: '业务类别', amount: '金额' },
    });
    expect(book.ok('consumption.list', { accountId: person.id })).toEqual([
      expect.objectContaining({ category: 'sms', amountFen: 500 }),
    ]);
  });

  it('reports the same bill reached through two phones of one account as duplicate_in_file', () => {
    book.ok('phones.add', { accountId: person.id, number: '13800138001' });
    const staged = stage(
      book,
      csv('电话,账期,业务类别,金额', '13800138000,2026-10,短信,5', '13800138001,2026-10,短信,6'),
    );
    const phoneInput = {
      stageId: staged.stageId,
      kind: 'consumption',
      matchKey: 'phone',
      onExisting: 'update',
      mapping: { phone: '电话', period: '账期', category: '业务类别', amount: '金额' },
    } as const;
    const preview = book.ok('imports.preview', phoneInput);
    expect(preview.errors.map((error) => [error.row, error.code])).toEqual([[3, 'duplicate_in_file']]);
  });
});

function consumptionInputMapping() {
  return consumptionInput('x').mapping;
}
