import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statsHandlers } from '../../db/handlers/stats';
import { newId } from '../../db/ids';
import { write } from '../../db/write';
import { statsAccountInput } from '../../shared/schemas';
import type { Account, ConsumptionCategory } from '../../shared/types';
import { createOrganization, missingId, openBook, type Book } from './operations/helpers';

let book: Book;
let org: Account;
beforeEach(async () => {
  book = await openBook();
  org = createOrganization(book);
});
afterEach(() => book.close());

const bill = (accountId: string, period: string, amountFen: number, category: ConsumptionCategory = 'data') =>
  book.ok('consumption.create', { accountId, period, category, amountFen, allowDuplicate: true });

describe('stats.account', () => {
  it('gives the monthly series, total, MoM, YoY, trailing 12 months and categories', () => {
    bill(org.id, '2025-10', 400_00);
    bill(org.id, '2025-12', 100_00, 'voice');
    bill(org.id, '2026-09', 500_00);
    bill(org.id, '2026-10', 600_00);
    bill(org.id, '2026-10', 200_00, 'voice');
    bill(org.id, '2026-11', 999_00); // after the window
    const removed = bill(org.id, '2026-08', 777_00);
    book.ok('consumption.delete', { id: removed.id });

    const { account, trend, categories } = book.ok('stats.account', { accountId: org.id, to: '2026-10' });
    expect(account).toMatchObject({ id: org.id, name: org.name, customerNo: org.customerNo });
    expect(categories).toBeNull();
    expect(trend.window).toEqual({ from: '2024-11', to: '2026-10', months: 24 });
    expect(trend.series).toHaveLength(24);
    expect(trend.series.filter((month) => month.amountFen !== 0)).toEqual([
      { period: '2025-10', amountFen: 400_00 },
      { period: '2025-12', amountFen: 100_00 },
      { period: '2026-09', amountFen: 500_00 },
      { period: '2026-10', amountFen: 800_00 },
    ]);
    expect(trend).toMatchObject({
      totalFen: 1_800_00,
      latestFen: 800_00,
      momChange: (800 - 500) / 500,
      yoyChange: (800 - 400) / 400,
      trailing12Fen: 1_400_00,
      previous12Fen: 400_00,
      trailing12Change: (1400 - 400) / 400,
    });
    expect(
      trend.byCategory.map(({ category, amountFen, share }) => ({ category, amountFen, share })),
    ).toEqual([
      { category: 'data', amountFen: 1_500_00, share: 1500 / 1800 },
      { category: 'voice', amountFen: 300_00, share: 300 / 1800 },
    ]);
    const voice = trend.byCategory.find((slice) => slice.category === 'voice');
    expect(voice?.series.at(-1)).toEqual({ period: '2026-10', amountFen: 200_00 });
  });

  it('filters by category and reports null changes when the base is zero', () => {
    bill(org.id, '2026-10', 300_00, 'cloud');
    bill(org.id, '2026-10', 100_00, 'data');
    const { trend, categories } = book.ok('stats.account', {
      accountId: org.id,
      to: '2026-10',
      months: 3,
      categories: ['cloud'],
    });
    expect(categories).toEqual(['cloud']);
    expect(trend.series.map((month) => month.amountFen)).toEqual([0, 0, 300_00]);
    expect(trend.momChange).toBeNull();
    expect(trend.yoyChange).toBeNull();
    expect(trend.byCategory.map((slice) => slice.category)).toEqual(['cloud']);
  });

  it('follows edits that move a bill to another month or category', () => {
    const moved = bill(org.id, '2026-01', 250_00);
    book.ok('consumption.update', { id: moved.id, period: '2025-12', category: 'iot' });
    const { trend } = book.ok('stats.account', { accountId: org.id, from: '2025-12', to: '2026-01' });
    expect(trend.series).toEqual([
      { period: '2025-12', amountFen: 250_00 },
      { period: '2026-01', amountFen: 0 },
    ]);
    expect(trend.byCategory.map((slice) => slice.category)).toEqual(['iot']);
  });

  it('ends by default at the last complete month before today', () => {
    bill(org.id, '2026-10', 100_00);
    bill(org.id, '2026-11', 900_00);
    const handlers = statsHandlers(book.fieldbook.db, () => new Date(2026, 10, 27));
    const stats = handlers['stats.account'](statsAccountInput.parse({ accountId: org.id, months: 2 }), {
      actor: 'm001',
    });
    expect(stats.trend.window).toEqual({ from: '2026-09', to: '2026-10', months: 2 });
    expect(stats.trend.latestFen).toBe(100_00);
  });

  it('refuses an unknown account, and a start after the default end', () => {
    book.rejects('stats.account', { accountId: missingId }, 'NOT_FOUND');
    book.invalid('stats.account', { accountId: org.id, from: '2099-01' }, ['from']);
  });
});

describe('stats.group', () => {
  function holds(parent: Account, child: Account): void {
    book.ok('relationships.create', { fromId: parent.id, toId: child.id, type: 'holds' });
  }

  it('rolls up a deep chain and a wide fan-out, with each company’s share', () => {
    const chain = [org];
    for (let depth = 1; depth <= 12; depth++) {
      const child = createOrganization(book);
      holds(chain.at(-1) ?? org, child);
      chain.push(child);
    }
    const wide = Array.from({ length: 60 }, () => createOrganization(book));
    for (const child of wide) holds(chain[3] ?? org, child);
    const everyone = [...chain, ...wide];
    everyone.forEach((account, i) => bill(account.id, '2026-10', (i + 1) * 100));
    bill(wide[0]?.id ?? '', '2025-10', 5_000);
    const outsider = createOrganization(book);
    bill(outsider.id, '2026-10', 1_000_000);

    const expectedTotal = everyone.reduce((sum, _account, i) => sum + (i + 1) * 100, 0);
    const stats = book.ok('stats.group', { accountId: wide[7]?.id ?? '', to: '2026-10', months: 12 });
    expect(stats.root.id).toBe(org.id);
    expect(stats.members).toHaveLength(everyone.length);
    expect(stats.trend.totalFen).toBe(expectedTotal);
    expect(stats.trend.yoyChange).toBe((expectedTotal - 5_000) / 5_000);
    const deepest = stats.members.find((member) => member.account.id === chain.at(-1)?.id);
    expect(deepest).toMatchObject({ depth: 12, amountFen: 13 * 100, share: 1300 / expectedTotal });
    expect(stats.members.reduce((sum, member) => sum + member.share, 0)).toBeCloseTo(1, 10);
  });

  it('puts a company held by two groups in the group the 80/20 view counts it in', () => {
    const first = createOrganization(book);
    const second = createOrganization(book);
    const middle = createOrganization(book);
    const joint = createOrganization(book);
    holds(second, middle);
    holds(middle, joint);
    // A second parent is refused when entered here; two devices can each add one, and sync keeps both.
    write(book.fieldbook.db, 'm002', (writer) =>
      writer.insert('relationships', {
        id: newId(),
        from_id: first.id,
        to_id: joint.id,
        type: 'holds',
        role: '',
        note: '',
      }),
    );
    bill(joint.id, '2026-10', 500);
    const stats = book.ok('stats.group', { accountId: joint.id, to: '2026-10' });
    const pareto = book.ok('stats.pareto', { by: 'group', to: '2026-10' });
    const countedUnder = pareto.top.find((row) => row.amountFen === 500)?.account.id;
    expect(countedUnder).toBe(first.id);
    expect(stats.root.id).toBe(countedUnder);
  });

  it('drops a deleted subsidiary and its subtree, and reports a lone account as a group of one', () => {
    const child = createOrganization(book);
    const grandchild = createOrganization(book);
    holds(org, child);
    holds(child, grandchild);
    bill(org.id, '2026-10', 100);
    bill(child.id, '2026-10', 200);
    bill(grandchild.id, '2026-10', 400);
    expect(book.ok('stats.group', { accountId: org.id, to: '2026-10' }).trend.totalFen).toBe(700);
    book.ok('accounts.delete', { id: child.id });
    const after = book.ok('stats.group', { accountId: org.id, to: '2026-10' });
    expect(after.members.map((member) => member.account.id)).toEqual([org.id]);
    expect(after.trend.totalFen).toBe(100);
    const alone = book.ok('stats.group', { accountId: grandchild.id, to: '2026-10' });
    expect(alone.root.id).toBe(grandchild.id);
    expect(alone.trend.totalFen).toBe(400);
  });
});
