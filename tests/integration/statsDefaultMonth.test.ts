import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statsHandlers } from '../../db/handlers/stats';
import { tierHandlers } from '../../db/handlers/tiers';
import { billedMonths } from '../../db/queries/statsMonths';
import { openFieldbook } from '../../db/service';
import {
  statsAccountInput,
  statsParetoInput,
  statsPortfolioInput,
  statsSlippingInput,
} from '../../shared/schemas';
import type { Account } from '../../shared/types';
import { createOrganization, manager, openBook, type Book } from './operations/helpers';

/**
 * Windows end by default at the book's latest billed month, not at the calendar's last complete
 * month: bills arrive weeks after their month, and a window ending at an empty month showed every
 * account down 100%.
 */
let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

/** Early December: November's bills have not come in yet. */
const december = () => new Date(2026, 11, 6);

const bill = (account: Account, period: string, amountFen: number) =>
  book.ok('consumption.create', {
    accountId: account.id,
    period,
    category: 'data',
    amountFen,
    allowDuplicate: true,
  });

/** An account billed the same every month from May to October 2026. */
function steady(amountFen: number): Account {
  const account = createOrganization(book);
  for (const month of ['05', '06', '07', '08', '09', '10']) bill(account, `2026-${month}`, amountFen);
  return account;
}

describe('the default month of statistics', () => {
  it('is the latest billed month, for every windowed view, and is reported', () => {
    const first = steady(1_000_00);
    steady(500_00);
    const stats = statsHandlers(book.fieldbook.db, december);
    const tiers = tierHandlers(book.fieldbook.db, december);

    const portfolio = stats['stats.portfolio'](statsPortfolioInput.parse({}), manager);
    expect(portfolio.window).toEqual({ from: '2025-11', to: '2026-10', months: 12 });
    expect(portfolio.billed).toEqual({ first: '2026-05', last: '2026-10', defaultTo: '2026-10' });
    expect(portfolio.series.at(-1)).toEqual({ period: '2026-10', amountFen: 1_500_00 });

    expect(stats['stats.pareto'](statsParetoInput.parse({}), manager).window.to).toBe('2026-10');

    // Steady accounts are not slipping; against November (no bills yet) both were "down 100%".
    const slipping = stats['stats.slipping'](statsSlippingInput.parse({}), manager);
    expect(slipping.recent).toEqual({ from: '2026-08', to: '2026-10', months: 3 });
    expect(slipping.total).toBe(0);
    expect(stats['stats.slipping'](statsSlippingInput.parse({ to: '2026-11' }), manager).total).toBe(2);

    // The account's header: October against September, not ¥0.00 and ▼100%.
    const account = stats['stats.account'](statsAccountInput.parse({ accountId: first.id }), manager);
    expect(account.trend.window.to).toBe('2026-10');
    expect(account.trend.latestFen).toBe(1_000_00);
    expect(account.trend.momChange).toBe(0);

    expect(tiers['tiers.suggestions'](undefined, manager).window).toEqual({
      from: '2025-11',
      to: '2026-10',
      months: 12,
    });
  });

  it('follows new and deleted bills, including those written by another connection', async () => {
    const account = steady(100_00);
    const stats = statsHandlers(book.fieldbook.db, december);
    const defaultTo = () => stats['stats.portfolio'](statsPortfolioInput.parse({}), manager).billed.defaultTo;
    expect(defaultTo()).toBe('2026-10');

    const november = bill(account, '2026-11', 100_00);
    expect(defaultTo()).toBe('2026-11');
    book.ok('consumption.delete', { id: november.id });
    expect(defaultTo()).toBe('2026-10');

    // The job thread (and the CLI) write through a connection of their own.
    const other = await openFieldbook(book.fieldbook.db.path);
    try {
      other.client({ actor: 'm001' }).consumption.create({
        accountId: account.id,
        period: '2026-11',
        category: 'voice',
        amountFen: 1,
      });
    } finally {
      other.close();
    }
    expect(defaultTo()).toBe('2026-11');
  });

  it('does not keep what it read inside a write that is rolled back', () => {
    const account = steady(100_00);
    const db = book.fieldbook.db;
    expect(() =>
      db.transaction(() => {
        bill(account, '2026-11', 100);
        expect(billedMonths(db, '2026-11').last).toBe('2026-11');
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    // The next write takes the change number the rolled-back one had.
    bill(account, '2026-06', 100);
    expect(billedMonths(db, '2026-11')).toEqual({ first: '2026-05', last: '2026-10', lastUpTo: '2026-10' });
  });

  it('skips a running month while earlier months have bills, and falls back to the calendar in a book without bills', () => {
    const stats = statsHandlers(book.fieldbook.db, december);
    const empty = stats['stats.portfolio'](statsPortfolioInput.parse({}), manager);
    expect(empty.billed).toEqual({ first: null, last: null, defaultTo: '2026-11' });

    const account = steady(100_00);
    bill(account, '2026-12', 5_00); // typed by hand for the month still running
    const billed = stats['stats.portfolio'](statsPortfolioInput.parse({}), manager).billed;
    expect(billed).toEqual({ first: '2026-05', last: '2026-12', defaultTo: '2026-10' });
  });
});
