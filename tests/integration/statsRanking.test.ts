import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abcClassOf } from '../../shared/domain/tiers';
import type { Account, ConsumptionCategory, Tier } from '../../shared/types';
import { createOrganization, openBook, type Book } from './operations/helpers';

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

const bill = (
  account: Account,
  amountFen: number,
  period = '2026-10',
  category: ConsumptionCategory = 'data',
) =>
  book.ok('consumption.create', { accountId: account.id, period, category, amountFen, allowDuplicate: true });

/** Ten accounts whose 12-month totals are hand-picked: 500, 200, 100, 80, 50, 30, 20, 10, 7, 3 (of 1000). */
const amounts = [500, 200, 100, 80, 50, 30, 20, 10, 7, 3];
function tenAccounts(): Account[] {
  return amounts.map((fen, i) => {
    const account = createOrganization(book, {
      region: i < 5 ? '汕头' : '潮州',
      tier: i < 2 ? 'strategic' : 'general',
    });
    // Split over two years of the window, so the year pivot is exercised.
    bill(account, fen - 1, '2026-03');
    bill(account, 1, '2025-11', 'voice');
    return account;
  });
}

describe('stats.pareto', () => {
  it('ranks accounts with cumulative shares and 80/15/5 classes computed by hand', () => {
    const accounts = tenAccounts();
    const nothing = createOrganization(book);
    bill(nothing, 0);
    const refunded = createOrganization(book);
    bill(refunded, -40);
    bill(createOrganization(book), 999, '2025-10'); // before the window

    const pareto = book.ok('stats.pareto', { to: '2026-10', top: 4, curvePoints: 5 });
    expect(pareto.totalFen).toBe(1000);
    expect(pareto.ranked).toBe(10);
    // Before each: 0, .5, .7 → A (the third crosses 80% and stays A); .8, .88, .93 → B; the rest C.
    expect(pareto.classes).toEqual([
      { abcClass: 'A', count: 3, amountFen: 800, share: 0.8 },
      { abcClass: 'B', count: 3, amountFen: 160, share: 0.16 },
      { abcClass: 'C', count: 4, amountFen: 40, share: 0.04 },
    ]);
    expect(
      pareto.top.map((row) => [row.rank, row.account.id, row.amountFen, row.cumulativeShare, row.abcClass]),
    ).toEqual([
      [1, accounts[0]?.id, 500, 0.5, 'A'],
      [2, accounts[1]?.id, 200, 0.7, 'A'],
      [3, accounts[2]?.id, 100, 0.8, 'A'],
      [4, accounts[3]?.id, 80, 0.88, 'B'],
    ]);
    expect(pareto.top[0]?.account).toMatchObject({
      name: accounts[0]?.name,
      customerNo: accounts[0]?.customerNo,
    });
    expect(pareto.curve.map((point) => point.rank)).toEqual([1, 2, 4, 6, 8, 10]);
    expect(pareto.curve.at(-1)).toEqual({ rank: 10, rankShare: 1, cumulativeShare: 1 });
    expect(pareto.curve[2]?.cumulativeShare).toBeCloseTo(0.88, 12);
  });

  it('classes every row as the domain rule does, for other bounds too', () => {
    tenAccounts();
    const bounds = { a: 0.7, b: 0.9 };
    const pareto = book.ok('stats.pareto', { to: '2026-10', top: 10, bounds });
    let before = 0;
    for (const row of pareto.top) {
      expect(row.abcClass).toBe(abcClassOf(before / pareto.totalFen, row.amountFen, bounds));
      before += row.amountFen;
    }
    expect(pareto.classes.map((entry) => entry.count)).toEqual([2, 3, 5]);
  });

  it('filters by category, owner, region and tier, and leaves deleted accounts out', () => {
    const accounts = tenAccounts();
    book.ok('accounts.delete', { id: accounts[0]?.id ?? '' });
    const live = book.ok('stats.pareto', { to: '2026-10' });
    expect(live.totalFen).toBe(500);
    expect(live.top[0]?.account.id).toBe(accounts[1]?.id);
    expect(book.ok('stats.pareto', { to: '2026-10', categories: ['voice'] }).totalFen).toBe(9);
    expect(book.ok('stats.pareto', { to: '2026-10', region: '潮州' }).totalFen).toBe(70);
    expect(book.ok('stats.pareto', { to: '2026-10', tiers: ['strategic'] }).ranked).toBe(1);
    expect(book.ok('stats.pareto', { to: '2026-10', owner: 'nobody' })).toMatchObject({
      ranked: 0,
      totalFen: 0,
      top: [],
      curve: [],
    });
  });

  it('ranks customer groups: root and all descendants, a lone account as a group of one', () => {
    const accounts = tenAccounts();
    const [a0, a1, a2, a3, a4] = accounts;
    if (!a0 || !a1 || !a2 || !a3 || !a4) throw new Error('ten accounts');
    // a4 holds a1, which holds a2 and a3: the group is worth 50 + 200 + 100 + 80 = 430.
    for (const [from, to] of [
      [a4, a1],
      [a1, a2],
      [a1, a3],
    ] as const)
      book.ok('relationships.create', { fromId: from.id, toId: to.id, type: 'holds' });
    const pareto = book.ok('stats.pareto', { to: '2026-10', by: 'group', top: 3 });
    expect(pareto.ranked).toBe(7);
    expect(pareto.top.map((row) => [row.account.id, row.members, row.amountFen, row.abcClass])).toEqual([
      [a0.id, 1, 500, 'A'],
      [a4.id, 4, 430, 'A'],
      [accounts[5]?.id, 1, 30, 'B'],
    ]);
  });
});

describe('stats.portfolio', () => {
  it('slices the window by owner, region, tier and category, month by month, with the top accounts', () => {
    const accounts = tenAccounts();
    book.ok('accounts.update', { id: accounts[9]?.id ?? '', owner: 'm002' });
    const portfolio = book.ok('stats.portfolio', { to: '2026-10', top: 2 });
    expect(portfolio).toMatchObject({
      totalFen: 1000,
      accounts: 10,
      window: { from: '2025-11', to: '2026-10', months: 12 },
    });
    expect(portfolio.byOwner).toEqual([
      { key: 'm001', amountFen: 997, share: 0.997, accounts: 9 },
      { key: 'm002', amountFen: 3, share: 0.003, accounts: 1 },
    ]);
    expect(portfolio.byRegion.map((slice) => [slice.key, slice.amountFen, slice.accounts])).toEqual([
      ['汕头', 930, 5],
      ['潮州', 70, 5],
    ]);
    const tiers: [Tier, number][] = portfolio.byTier.map((slice) => [slice.key, slice.amountFen]);
    expect(tiers).toEqual([
      ['strategic', 700],
      ['general', 300],
    ]);
    expect(portfolio.byCategory.map((slice) => [slice.key, slice.amountFen, slice.accounts])).toEqual([
      ['data', 990, 10],
      ['voice', 10, 10],
    ]);
    expect(portfolio.series.find((month) => month.period === '2026-03')?.amountFen).toBe(990);
    expect(portfolio.series.find((month) => month.period === '2025-11')?.amountFen).toBe(10);
    expect(portfolio.series.reduce((sum, month) => sum + month.amountFen, 0)).toBe(1000);
    expect(portfolio.top.map((row) => [row.rank, row.account.id, row.share])).toEqual([
      [1, accounts[0]?.id, 0.5],
      [2, accounts[1]?.id, 0.2],
    ]);
  });

  it('narrows to one manager and one category', () => {
    const accounts = tenAccounts();
    book.ok('accounts.update', { id: accounts[9]?.id ?? '', owner: 'm002' });
    const mine = book.ok('stats.portfolio', { to: '2026-10', owner: 'm002', categories: ['data'] });
    expect(mine).toMatchObject({ totalFen: 2, accounts: 1, categories: ['data'] });
    expect(mine.byCategory).toEqual([{ key: 'data', amountFen: 2, share: 1, accounts: 1 }]);
  });
});
