import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/types';
import { createOrganization, creditCode, openBook, type Book } from '../operations/helpers';
import { csv, stage } from './importHelpers';

let book: Book;
let existing: Account;
beforeEach(async () => {
  book = await openBook();
  existing = createOrganization(book, { customerNo: 'HQ0001', region: '福田', notes: '经理填写' });
});
afterEach(() => book.close());

const header = '客户编号,客户名称,类型,统一社会信用代码,手机,客户等级,客户经理,区域,行业,地址,备注';
const mapping = {
  customerNo: '客户编号',
  name: '客户名称',
  kind: '类型',
  creditCode: '统一社会信用代码',
  phone: '手机',
  tier: '客户等级',
  owner: '客户经理',
  region: '区域',
  industry: '行业',
  address: '地址',
  notes: '备注',
};
const code = creditCode('91440300M000200A1'.slice(0, 17));
const input = (stageId: string, onExisting: 'create' | 'update' | 'skip' = 'update') =>
  ({ stageId, kind: 'accounts', mapping, matchKey: 'customerNo', onExisting }) as const;
const account = (customerNo: string) => book.ok('accounts.findByNumber', { customerNo });

describe('accounts import', () => {
  it('suggests the mapping from Chinese headers', () => {
    expect(stage(book, csv(header, 'HQ0009,新公司,企业,,,,,,,,')).suggested.accounts).toEqual(mapping);
  });

  it('creates new accounts (with phones) and updates matched ones from non-empty cells only', () => {
    const staged = stage(
      book,
      csv(
        header,
        `HQ0001,,企业,${code},,战略客户,m009,,通信,,`,
        'HQ0002,张伟,个人,,138 0013 8001,,,南山,,,',
        'HQ0003,华强科技有限公司,公司,,,伙伴,,,,深圳市福田区,总部名单',
      ),
      'gb18030',
    );
    const preview = book.ok('imports.preview', input(staged.stageId));
    expect(preview.counts).toEqual({ rows: 3, create: 2, update: 1, skip: 0, unchanged: 0, errors: 0 });
    const record = book.ok('imports.apply', input(staged.stageId));
    expect(account('HQ0001')).toMatchObject({
      id: existing.id,
      name: existing.name,
      creditCode: code,
      tier: 'strategic',
      tierSource: 'manager',
      owner: 'm009',
      region: '福田',
      industry: '通信',
      notes: '经理填写',
    });
    const person = account('HQ0002');
    expect(person).toMatchObject({
      kind: 'person',
      name: '张伟',
      region: '南山',
      owner: 'm001',
      tier: 'general',
    });
    expect(book.ok('accounts.detail', { id: person?.id ?? '' }).phones).toEqual([
      expect.objectContaining({ number: '13800138001', label: 'mobile' }),
    ]);
    expect(account('HQ0003')).toMatchObject({
      kind: 'organization',
      tier: 'partner',
      address: '深圳市福田区',
    });
    expect(book.ok('lookup.search', { query: '华强' }).hits[0]?.account.customerNo).toBe('HQ0003');
    const tierChanges = () =>
      book.ok('tiers.history', { id: existing.id }).map(({ from, to, source }) => ({ from, to, source }));
    expect(tierChanges()[0]).toEqual({ from: 'general', to: 'strategic', source: 'manager' });

    const reverted = book.ok('imports.revert', { id: record.id });
    expect(reverted.counts).toEqual({ deleted: 3, restored: 1, conflicts: 0 });
    expect(account('HQ0002')).toBeNull();
    expect(account('HQ0001')).toMatchObject({
      creditCode: null,
      tier: 'general',
      owner: 'm001',
      industry: '',
    });
    expect(tierChanges().slice(0, 2)).toEqual([
      { from: 'strategic', to: 'general', source: 'suggested' },
      { from: 'general', to: 'strategic', source: 'manager' },
    ]);
  });

  it('skips matched accounts when asked, and refuses creating a second account with a taken number', () => {
    const file = csv(header, 'HQ0001,另一家,企业,,,,,,,,');
    expect(book.ok('imports.preview', input(stage(book, file).stageId, 'skip')).counts).toMatchObject({
      skip: 1,
    });
    const preview = book.ok('imports.preview', input(stage(book, file).stageId, 'create'));
    expect(preview.errors).toEqual([
      { row: 2, column: '客户编号', field: 'customerNo', code: 'customer_no_taken', value: 'HQ0001' },
    ]);
  });

  it('reports repeated keys, bad kinds and tiers, a credit code on a person, and a missing name', () => {
    const staged = stage(
      book,
      csv(
        header,
        'HQ0005,甲,企业,,,,,,,,',
        'HQ0005,乙,企业,,,,,,,,',
        'HQ0006,丙,机构,,,钻石,,,,,',
        `HQ0007,丁,个人,${code},,,,,,,`,
        'HQ0008,,企业,,,,,,,,',
        'HQ0001,,个人,,,,,,,,',
      ),
    );
    const preview = book.ok('imports.preview', input(staged.stageId));
    expect(preview.errors.map((error) => [error.row, error.field, error.code])).toEqual([
      [3, 'customerNo', 'duplicate_in_file'],
      [4, 'kind', 'invalid_kind'],
      [4, 'tier', 'invalid_tier'],
      [5, 'creditCode', 'credit_code_for_person'],
      [6, 'name', 'required'],
      [7, 'kind', 'kind_mismatch'],
    ]);
    book.rejects('imports.apply', input(staged.stageId), 'IMPORT_HAS_ERRORS');
  });

  it('matches by credit code or phone when chosen', () => {
    const org = createOrganization(book, { creditCode: code, customerNo: 'HQ0100' });
    const staged = stage(book, csv('统一社会信用代码,客户等级', `${code.toLowerCase()},商业客户`));
    book.ok('imports.apply', {
      stageId: staged.stageId,
      kind: 'accounts',
      matchKey: 'creditCode',
      onExisting: 'update',
      mapping: { creditCode: '统一社会信用代码', tier: '客户等级' },
    });
    expect(book.ok('accounts.get', { id: org.id }).tier).toBe('commercial');
  });
  it('reports a row matching an account an earlier row matched by another key as duplicate_in_file', () => {
    book.ok('phones.add', { accountId: existing.id, number: '13800138001' });
    book.ok('phones.add', { accountId: existing.id, number: '13800138002' });
    const staged = stage(book, csv('手机,区域', '13800138001,南山', '13800138002,宝安'));
    const phoneInput = {
      stageId: staged.stageId,
      kind: 'accounts',
      matchKey: 'phone',
      onExisting: 'update',
      mapping: { phone: '手机', region: '区域' },
    } as const;
    const preview = book.ok('imports.preview', phoneInput);
    expect(preview.errors).toEqual([
      { row: 3, column: '手机', field: 'phone', code: 'duplicate_in_file', value: '13800138002' },
    ]);
    book.rejects('imports.apply', phoneInput, 'IMPORT_HAS_ERRORS');
  });

  describe('reverting an import that created an account', () => {
    const importNewAccount = () => {
      const record = book.ok(
        'imports.apply',
        input(stage(book, csv(header, 'HQ0002,新公司,企业,,13800138009,,,,,,')).stageId),
      );
      const created = account('HQ0002');
      if (!created) throw new Error('imported');
      return { record, created };
    };

    it('deletes the account and the phone it was imported with when nothing was added since', () => {
      const { record } = importNewAccount();
      expect(book.ok('imports.revert', { id: record.id }).counts).toEqual({
        deleted: 2,
        restored: 0,
        conflicts: 0,
      });
      expect(account('HQ0002')).toBeNull();
    });

    it.each<[string, (id: string) => void]>([
      [
        'a bill',
        (id) =>
          book.ok('consumption.create', { accountId: id, period: '2026-09', category: 'data', amountFen: 1 }),
      ],
      ['a visit', (id) => book.ok('visits.create', { accountId: id, kind: 'phone', content: '回访' })],
      ['a phone', (id) => book.ok('phones.add', { accountId: id, number: '13800138010' })],
      [
        'a relationship from it',
        (id) => book.ok('relationships.create', { fromId: id, toId: existing.id, type: 'holds' }),
      ],
      [
        'a relationship to it',
        (id) => book.ok('relationships.create', { fromId: existing.id, toId: id, type: 'holds' }),
      ],
      [
        'an anniversary',
        (id) =>
          book.ok('anniversaries.create', {
            accountId: id,
            kind: 'founding',
            calendar: 'gregorian',
            month: 9,
            day: 25,
          }),
      ],
    ])('keeps the account, as a conflict, when %s was added since', (_, addWork) => {
      const { record, created } = importNewAccount();
      addWork(created.id);
      const result = book.ok('imports.revert', { id: record.id });
      expect(result.counts).toEqual({ deleted: 1, restored: 0, conflicts: 1 });
      expect(result.conflicts).toEqual([
        { table: 'accounts', rowId: created.id, columns: expect.any(Array) },
      ]);
      expect(account('HQ0002')).toMatchObject({ id: created.id });
    });
  });
});
