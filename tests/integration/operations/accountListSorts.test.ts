import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/api';
import { addMonths, periodOfDate } from '../../../shared/domain/period';
import type { Account } from '../../../shared/types';
import { openBook, type Book } from './helpers';

/**
 * The accounts list's last contact and 12-month revenue: shown on every row, sortable both
 * ways, and a name filter over the lookup's keys. Dates are relative to now: the list reads
 * the real clock.
 */
let book: Book;
let accounts: Record<string, Account>;
const day = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * day).toISOString();
const thisMonth = periodOfDate(new Date());

beforeAll(async () => {
  book = await openBook();
  accounts = {};
  for (const name of ['安娜', '波司登', '长沙银行', '张三']) {
    accounts[name] = book.ok('accounts.create', { kind: name.length > 2 ? 'organization' : 'person', name });
  }
  const id = (name: string) => accounts[name]?.id ?? '';
  const visit = (name: string, occurredAt: string) =>
    book.ok('visits.create', { accountId: id(name), occurredAt, kind: 'phone', content: '回访' });
  visit('安娜', daysAgo(40));
  visit('安娜', daysAgo(10));
  visit('波司登', daysAgo(2));
  // A visit dated ahead is a plan, not a contact.
  visit('波司登', new Date(Date.now() + 5 * day).toISOString());
  // A deleted visit is no contact either.
  book.ok('visits.delete', { id: visit('长沙银行', daysAgo(1)).id });

  const bill = (name: string, period: string, amountFen: number) =>
    book.ok('consumption.create', { accountId: id(name), period, category: 'voice', amountFen });
  // Bills run to last month; the window is the 12 months ending there.
  bill('安娜', addMonths(thisMonth, -1), 10_000);
  bill('安娜', addMonths(thisMonth, -14), 900_000);
  bill('波司登', addMonths(thisMonth, -3), 30_000);
  bill('波司登', addMonths(thisMonth, -13), 5_000);
  bill('长沙银行', addMonths(thisMonth, -13), 20_000);
  // A bill for a month to come (a mistake in a file) moves no window.
  bill('张三', addMonths(thisMonth, 2), 999_999);
});
afterAll(() => book.close());

const list = (input: InputOf<'accounts.list'>) => book.ok('accounts.list', input);
const names = (input: InputOf<'accounts.list'>) => list(input).rows.map((row) => row.name);

describe('accounts.list: last contact and revenue', () => {
  it('shows the last contact up to now and the revenue of the 12 months ending at the latest bill', () => {
    const page = list({});
    expect(page.revenueWindow).toEqual({ from: addMonths(thisMonth, -12), to: addMonths(thisMonth, -1) });
    const row = (name: string) => page.rows.find((candidate) => candidate.name === name);
    expect(row('安娜')).toMatchObject({ revenue12mFen: 10_000 });
    expect(Date.now() - Date.parse(row('安娜')?.lastContactAt ?? '')).toBeGreaterThan(9.9 * day);
    expect(Date.now() - Date.parse(row('波司登')?.lastContactAt ?? '')).toBeLessThan(2.1 * day);
    expect(row('波司登')).toMatchObject({ revenue12mFen: 30_000 });
    expect(row('长沙银行')).toMatchObject({ lastContactAt: null, revenue12mFen: 0 });
    expect(row('张三')).toMatchObject({ lastContactAt: null, revenue12mFen: 0 });
  });

  it('gives the 360° view the same last contact', () => {
    const detail = (name: string) => book.ok('accounts.detail', { id: accounts[name]?.id ?? '' });
    expect(Date.now() - Date.parse(detail('波司登').lastContactAt ?? '')).toBeLessThan(2.1 * day);
    expect(detail('长沙银行').lastContactAt).toBeNull();
  });

  it('sorts by revenue, highest first or lowest first, ties by name', () => {
    expect(names({ sort: 'revenue12m', direction: 'desc' })).toEqual(['波司登', '安娜', '长沙银行', '张三']);
    expect(names({ sort: 'revenue12m', direction: 'asc' })).toEqual(['长沙银行', '张三', '安娜', '波司登']);
  });

  it('sorts by last contact: never first going up, last going down', () => {
    expect(names({ sort: 'lastContact' })).toEqual(['长沙银行', '张三', '安娜', '波司登']);
    expect(names({ sort: 'lastContact', direction: 'desc' })).toEqual(['波司登', '安娜', '长沙银行', '张三']);
  });

  it('pages through one order, and a change to the book makes a new one', () => {
    const pages = [0, 2].flatMap((offset) =>
      list({ sort: 'lastContact', direction: 'desc', offset, limit: 2 }).rows.map((row) => row.name),
    );
    expect(pages).toEqual(['波司登', '安娜', '长沙银行', '张三']);
    book.ok('visits.create', { accountId: accounts['张三']?.id ?? '', kind: 'onsite', content: '拜访' });
    expect(names({ sort: 'lastContact', direction: 'desc' })).toEqual(['张三', '波司登', '安娜', '长沙银行']);
    book.ok('accounts.archive', { id: accounts['张三']?.id ?? '' });
    expect(list({ sort: 'lastContact', direction: 'desc' }).total).toBe(3);
    book.ok('accounts.restore', { id: accounts['张三']?.id ?? '' });
  });

  it('filters by any part of the name, its pinyin or its initials', () => {
    expect(names({ name: '银' })).toEqual(['长沙银行']);
    expect(names({ name: 'yinhang' })).toEqual(['长沙银行']);
    expect(names({ name: 'csyh' })).toEqual(['长沙银行']);
    expect(names({ name: 'ZS' })).toEqual(['张三']);
    expect(names({ name: 'an' })).toEqual(['安娜']);
    expect(names({ name: '司' })).toEqual(['波司登']);
    expect(list({ name: '王' })).toMatchObject({ total: 0, rows: [] });
    expect(names({ name: 'a', sort: 'revenue12m', direction: 'desc' })).toEqual(['安娜']);
  });
});
