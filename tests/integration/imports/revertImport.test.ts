import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/types';
import { createOrganization, openBook, type Book } from '../operations/helpers';
import { consumptionInput, csv, stage } from './importHelpers';

let book: Book;
let org: Account;
beforeEach(async () => {
  book = await openBook();
  org = createOrganization(book, { customerNo: 'HQ0001' });
});
afterEach(() => book.close());

const header = '客户编号,账期,业务类别,金额,数量,备注';
const bills = () => book.ok('consumption.list', { accountId: org.id });

function importTwoMonths() {
  const manual = book.ok('consumption.create', {
    accountId: org.id,
    period: '2026-09',
    category: 'data',
    amountFen: 100,
  });
  const staged = stage(
    book,
    csv(header, 'HQ0001,2026-09,数据,2,,', 'HQ0001,2026-10,数据,3,,', 'HQ0001,2026-11,数据,4,,'),
  );
  const record = book.ok('imports.apply', consumptionInput(staged.stageId, { onExisting: 'update' }));
  return { manual, record };
}

describe('imports.revert', () => {
  it('deletes the rows the import created and restores the fields it changed', () => {
    const { manual, record } = importTwoMonths();
    expect(bills().map((bill) => bill.amountFen)).toEqual([400, 300, 200]);
    const result = book.ok('imports.revert', { id: record.id });
    expect(result.counts).toEqual({ deleted: 2, restored: 1, conflicts: 0 });
    expect(result.import).toMatchObject({ id: record.id, revertedBy: 'm001', revertCounts: result.counts });
    expect(bills()).toEqual([expect.objectContaining({ id: manual.id, amountFen: 100 })]);
    const audit = book
      .rows("SELECT entity, entity_id, after FROM audit_log WHERE action = 'batch' ORDER BY id")
      .map((entry) => ({ ...entry, after: JSON.parse(String(entry['after'])) as unknown }));
    expect(audit).toEqual([
      { entity: 'import', entity_id: record.id, after: { 'consumption.create': 2, 'consumption.update': 1 } },
      {
        entity: 'import.revert',
        entity_id: record.id,
        after: { 'consumption.delete': 2, 'consumption.update': 1 },
      },
    ]);
    expect(book.rows('SELECT count(*) AS n FROM audit_log WHERE entity_id = ?', record.id)).toEqual([
      { n: 2 },
    ]);
  });

  it('leaves rows and fields edited since the import alone and reports them as conflicts', () => {
    const { manual, record } = importTwoMonths();
    const october = bills().find((bill) => bill.period === '2026-10');
    if (!october) throw new Error('imported');
    book.ok('consumption.update', { id: october.id, note: '已核对' });
    book.ok('consumption.update', { id: manual.id, amountFen: 999 });
    const result = book.ok('imports.revert', { id: record.id });
    expect(result.counts).toEqual({ deleted: 1, restored: 0, conflicts: 2 });
    expect(result.conflicts).toEqual(
      expect.arrayContaining([
        { table: 'consumption', rowId: october.id, columns: ['note'] },
        { table: 'consumption', rowId: manual.id, columns: ['amount_fen'] },
      ]),
    );
    expect(bills().map((bill) => [bill.period, bill.amountFen])).toEqual([
      ['2026-10', 300],
      ['2026-09', 999],
    ]);
  });

  it('restores the fields not edited since, keeping the ones that were', () => {
    const bill = book.ok('consumption.create', {
      accountId: org.id,
      period: '2026-09',
      category: 'data',
      amountFen: 100,
      note: 'a',
    });
    const staged = stage(book, csv(header, 'HQ0001,2026-09,数据,2,,b'));
    const record = book.ok('imports.apply', consumptionInput(staged.stageId, { onExisting: 'update' }));
    book.ok('consumption.update', { id: bill.id, note: 'c' });
    const result = book.ok('imports.revert', { id: record.id });
    expect(result.counts).toEqual({ deleted: 0, restored: 1, conflicts: 1 });
    expect(bills()).toEqual([expect.objectContaining({ amountFen: 100, note: 'c' })]);
  });

  describe('imports reverted newest first', () => {
    const importBills = (...lines: string[]) =>
      book.ok(
        'imports.apply',
        consumptionInput(stage(book, csv(header, ...lines)).stageId, { onExisting: 'update' }),
      );

    it('restores a bill changed by two imports to its value before both', () => {
      const bill = book.ok('consumption.create', {
        accountId: org.id,
        period: '2026-09',
        category: 'data',
        amountFen: 100,
      });
      const first = importBills('HQ0001,2026-09,数据,2,,');
      const second = importBills('HQ0001,2026-09,数据,5,,');
      expect(book.ok('imports.revert', { id: second.id }).counts).toEqual({
        deleted: 0,
        restored: 1,
        conflicts: 0,
      });
      expect(bills()).toEqual([expect.objectContaining({ id: bill.id, amountFen: 200 })]);
      expect(book.ok('imports.revert', { id: first.id }).counts).toEqual({
        deleted: 0,
        restored: 1,
        conflicts: 0,
      });
      expect(bills()).toEqual([expect.objectContaining({ id: bill.id, amountFen: 100 })]);
    });

    it('deletes a bill created by one import and changed by the next once both are reverted', () => {
      const first = importBills('HQ0001,2026-09,数据,2,,');
      const second = importBills('HQ0001,2026-09,数据,5,,');
      book.ok('imports.revert', { id: second.id });
      expect(bills().map((bill) => bill.amountFen)).toEqual([200]);
      expect(book.ok('imports.revert', { id: first.id }).counts).toEqual({
        deleted: 1,
        restored: 0,
        conflicts: 0,
      });
      expect(bills()).toEqual([]);
    });

    it('keeps a user edit made between the two imports, as a conflict', () => {
      const bill = book.ok('consumption.create', {
        accountId: org.id,
        period: '2026-09',
        category: 'data',
        amountFen: 100,
      });
      const first = importBills('HQ0001,2026-09,数据,2,,');
      book.ok('consumption.update', { id: bill.id, amountFen: 300 });
      const second = importBills('HQ0001,2026-09,数据,5,,');
      book.ok('imports.revert', { id: second.id });
      expect(bills()).toEqual([expect.objectContaining({ amountFen: 300 })]);
      const result = book.ok('imports.revert', { id: first.id });
      expect(result.counts).toEqual({ deleted: 0, restored: 0, conflicts: 1 });
      expect(result.conflicts).toEqual([{ table: 'consumption', rowId: bill.id, columns: ['amount_fen'] }]);
      expect(bills()).toEqual([expect.objectContaining({ amountFen: 300 })]);
    });

    it('keeps a bill created by the first import and edited between them, as a conflict', () => {
      const first = importBills('HQ0001,2026-09,数据,2,,');
      const [created] = bills();
      book.ok('consumption.update', { id: created?.id ?? '', note: '已核对' });
      const second = importBills('HQ0001,2026-09,数据,5,,已核对');
      book.ok('imports.revert', { id: second.id });
      const result = book.ok('imports.revert', { id: first.id });
      expect(result.counts).toEqual({ deleted: 0, restored: 0, conflicts: 1 });
      expect(result.conflicts).toEqual([{ table: 'consumption', rowId: created?.id, columns: ['note'] }]);
      expect(bills()).toEqual([expect.objectContaining({ amountFen: 200, note: '已核对' })]);
    });

    it('judges changes recorded before the after values were kept by their field clocks', () => {
      const bill = book.ok('consumption.create', {
        accountId: org.id,
        period: '2026-09',
        category: 'data',
        amountFen: 100,
      });
      const first = importBills('HQ0001,2026-09,数据,2,,', 'HQ0001,2026-10,数据,3,,');
      // As recorded then: one import_changes row per created row too, without after values.
      book.rows(
        `INSERT INTO import_changes (import_id, ordinal, tbl, row_id, action, before, seq, hlc, after)
         SELECT c.import_id, c.ordinal + j.key, c.tbl, j.value ->> 0, 'create', NULL, j.value ->> 1, NULL, NULL
         FROM import_created c, json_each(c.rows) j WHERE c.import_id = ? RETURNING 1`,
        first.id,
      );
      book.rows('DELETE FROM import_created WHERE import_id = ? RETURNING 1', first.id);
      book.rows('UPDATE import_changes SET after = NULL WHERE import_id = ? RETURNING 1', first.id);
      expect(book.rows('SELECT count(*) AS n FROM import_changes WHERE after IS NOT NULL')).toEqual([
        { n: 0 },
      ]);
      book.ok('consumption.update', { id: bill.id, amountFen: 250 });
      const result = book.ok('imports.revert', { id: first.id });
      expect(result.counts).toEqual({ deleted: 1, restored: 0, conflicts: 1 });
      expect(bills()).toEqual([expect.objectContaining({ id: bill.id, amountFen: 250 })]);
    });
  });

  it('undoes an import of more created rows than one recorded chunk holds', () => {
    const categories = ['data', 'voice', 'sms', 'broadband', 'cloud'];
    const months = Array.from({ length: 5003 }, (_, index) => {
      const month = Math.floor(index / categories.length);
      const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      return `HQ0001,${period},${categories[index % categories.length]},1,,`;
    });
    const record = book.ok('imports.apply', consumptionInput(stage(book, csv(header, ...months)).stageId));
    // Recorded in the transaction after the import's (db/imports/settle.ts).
    expect(book.ok('imports.settle', {})).toEqual({ imports: 1, bills: 5003 });
    expect(book.rows('SELECT ordinal FROM import_created WHERE import_id = ?', record.id)).toEqual([
      { ordinal: 1 },
      { ordinal: 5001 },
    ]);
    const result = book.ok('imports.revert', { id: record.id });
    expect(result.counts).toEqual({ deleted: 5003, restored: 0, conflicts: 0 });
    expect(book.rows('SELECT count(*) AS n FROM consumption WHERE deleted = 0')).toEqual([{ n: 0 }]);
  });

  it('refuses a second revert and an unknown import, writing nothing', () => {
    const { record } = importTwoMonths();
    book.ok('imports.revert', { id: record.id });
    const error = book.rejects('imports.revert', { id: record.id }, 'IMPORT_ALREADY_REVERTED');
    expect(error.details).toMatchObject({ revertedBy: 'm001' });
    book.rejects('imports.revert', { id: '01900000-0000-7000-8000-000000000000' }, 'NOT_FOUND');
  });
});
