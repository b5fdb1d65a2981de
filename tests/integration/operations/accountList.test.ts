import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/api';
import type { Account, AccountListRow } from '../../../shared/types';
import { openBook, type Book } from './helpers';

/**
 * One book for the whole file: listing only reads, so every test sees the same six accounts
 * (names chosen so pinyin order differs from creation order).
 */
let book: Book;
let accounts: Record<string, Account>;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const names = (rows: readonly AccountListRow[]) => rows.map((row) => row.name);

beforeAll(async () => {
  book = await openBook();
  const specs = [
    { kind: 'person', name: '张三', tier: 'general', owner: 'm001', region: '汕头', customerNo: 'C-05' },
    {
      kind: 'organization',
      name: '长沙银行',
      tier: 'strategic',
      owner: 'm002',
      region: '长沙',
      customerNo: 'C-03',
    },
    { kind: 'person', name: '安娜', tier: 'partner', owner: 'm001', region: '汕头', customerNo: 'C-01' },
    {
      kind: 'organization',
      name: '华丰纺织',
      tier: 'commercial',
      owner: 'm001',
      region: '潮州',
      customerNo: 'C-06',
    },
    { kind: 'person', name: '李四', tier: 'strategic', owner: 'm002', region: '汕头', customerNo: 'C-02' },
    {
      kind: 'organization',
      name: '波司登',
      tier: 'general',
      owner: 'm001',
      region: '汕头',
      customerNo: 'C-04',
    },
  ] as const;
  accounts = {};
  for (const spec of specs) {
    accounts[spec.name] = book.ok('accounts.create', spec);
    await wait(3);
  }
  // Touch two accounts so the update order differs from the creation order.
  book.ok('accounts.update', { id: accounts['张三']?.id ?? '', notes: '改过' });
  await wait(3);
  book.ok('accounts.update', { id: accounts['安娜']?.id ?? '', notes: '改过' });
  book.ok('accounts.archive', { id: accounts['李四']?.id ?? '' });
});
afterAll(() => book.close());

describe('accounts.list', () => {
  it('lists active accounts by pinyin name by default, with the total', () => {
    const page = book.ok('accounts.list', {});
    expect(names(page.rows)).toEqual(['安娜', '波司登', '长沙银行', '华丰纺织', '张三']);
    expect(page.total).toBe(5);
    expect(page.rows[0]).toEqual({
      id: accounts['安娜']?.id,
      kind: 'person',
      customerNo: 'C01',
      name: '安娜',
      tier: 'partner',
      status: 'active',
      owner: 'm001',
      region: '汕头',
      lastContactAt: null,
      revenue12mFen: 0,
    });
    expect(page.revenueWindow).toBeNull();
  });

  it('filters by status', () => {
    expect(names(book.ok('accounts.list', { status: 'archived' }).rows)).toEqual(['李四']);
    expect(book.ok('accounts.list', { status: 'all' }).total).toBe(6);
  });

  it('filters by kind, tiers, owner and region, together', () => {
    expect(names(book.ok('accounts.list', { kind: 'organization' }).rows)).toEqual([
      '波司登',
      '长沙银行',
      '华丰纺织',
    ]);
    expect(names(book.ok('accounts.list', { tiers: ['strategic', 'partner'], status: 'all' }).rows)).toEqual([
      '安娜',
      '长沙银行',
      '李四',
    ]);
    expect(names(book.ok('accounts.list', { owner: 'm002', status: 'all' }).rows)).toEqual([
      '长沙银行',
      '李四',
    ]);
    expect(names(book.ok('accounts.list', { region: '汕头' }).rows)).toEqual(['安娜', '波司登', '张三']);
    const combined = book.ok('accounts.list', {
      kind: 'person',
      region: '汕头',
      owner: 'm001',
      tiers: ['general'],
    });
    expect(combined).toEqual({
      total: 1,
      rows: [expect.objectContaining({ name: '张三' })],
      revenueWindow: null,
    });
    expect(book.ok('accounts.list', { region: '北京' })).toEqual({ total: 0, rows: [], revenueWindow: null });
  });

  it('sorts by customer number, tier, creation and update time, both ways', () => {
    const sorted = (input: InputOf<'accounts.list'>) => names(book.ok('accounts.list', input).rows);
    expect(sorted({ sort: 'customerNo' })).toEqual(['安娜', '长沙银行', '波司登', '张三', '华丰纺织']);
    expect(sorted({ sort: 'customerNo', direction: 'desc' })).toEqual([
      '华丰纺织',
      '张三',
      '波司登',
      '长沙银行',
      '安娜',
    ]);
    expect(sorted({ sort: 'tier' })).toEqual(['长沙银行', '安娜', '华丰纺织', '波司登', '张三']);
    expect(sorted({ sort: 'tier', direction: 'desc', status: 'all' }).slice(0, 2)).toEqual([
      '波司登',
      '张三',
    ]);
    expect(sorted({ sort: 'createdAt' })).toEqual(['张三', '长沙银行', '安娜', '华丰纺织', '波司登']);
    expect(sorted({ sort: 'createdAt', direction: 'desc' })).toEqual([
      '波司登',
      '华丰纺织',
      '安娜',
      '长沙银行',
      '张三',
    ]);
    expect(sorted({ sort: 'updatedAt', direction: 'desc' }).slice(0, 2)).toEqual(['安娜', '张三']);
    expect(sorted({ sort: 'name', direction: 'desc' })).toEqual([
      '张三',
      '华丰纺织',
      '长沙银行',
      '波司登',
      '安娜',
    ]);
  });

  it('pages with offset and limit, keeping the total', () => {
    const all = names(book.ok('accounts.list', { status: 'all' }).rows);
    const pages = [0, 2, 4].map((offset) => book.ok('accounts.list', { status: 'all', offset, limit: 2 }));
    expect(pages.map((page) => page.total)).toEqual([6, 6, 6]);
    expect(pages.flatMap((page) => names(page.rows))).toEqual(all);
    expect(book.ok('accounts.list', { offset: 10 })).toEqual({ total: 5, rows: [], revenueWindow: null });
  });

  it('leaves deleted accounts out of every list', () => {
    const extra = book.ok('accounts.create', { kind: 'person', name: '临时客户' });
    book.ok('accounts.delete', { id: extra.id });
    expect(book.ok('accounts.list', { status: 'all' }).total).toBe(6);
  });
});
