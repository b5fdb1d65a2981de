import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLookupQuery } from '../../../shared/domain/lookupQuery';
import { lookupCount, lookupStatement } from '../../../db/queries/lookup';
import { openBook, type Book } from './helpers';

/**
 * A result list stops at its limit; the total says how many match in all, so the search page
 * can say "the first 30 of 45" instead of "30 accounts".
 */
let book: Book;

beforeAll(async () => {
  book = await openBook();
  for (let i = 0; i < 45; i++) {
    const number = `139${String(i).padStart(4, '0')}8000`;
    book.ok('accounts.create', {
      kind: 'person',
      name: `王${'伟芳娜敏静丽强磊军'.charAt(i % 9)}${i}`,
      phones: [{ number }],
    });
  }
  // One account with many keys that start with the same character: one branch fills up with it.
  book.ok('accounts.create', { kind: 'organization', name: '鑫鑫鑫鑫鑫鑫鑫鑫' });
  const archived = book.ok('accounts.create', {
    kind: 'person',
    name: '王老五',
    phones: [{ number: '13600008000' }],
  });
  book.ok('accounts.archive', { id: archived.id });
});
afterAll(() => book.close());

describe('lookup.search totals', () => {
  it('counts every match when the hits stop at the limit, archived ones included', () => {
    const byName = book.ok('lookup.search', { query: '王', limit: 30 });
    expect(byName.hits).toHaveLength(30);
    expect(byName).toMatchObject({ total: 46, totalCapped: false });
    const byPhone = book.ok('lookup.search', { query: '8000', limit: 30 });
    expect(byPhone.hits).toHaveLength(30);
    expect(byPhone).toMatchObject({ total: 46, totalCapped: false });
    expect(book.ok('lookup.search', { query: '8000', limit: 30, includeArchived: false }).total).toBe(45);
  });

  it('shows all of them when asked for more, and the total stays', () => {
    const more = book.ok('lookup.search', { query: '王', limit: 130 });
    expect(more.hits).toHaveLength(46);
    expect(more).toMatchObject({ total: 46, totalCapped: false });
  });

  it('counts accounts, not keys: a branch full of one account still counts one', () => {
    const result = book.ok('lookup.search', { query: '鑫', limit: 3 });
    expect(result.hits).toHaveLength(1);
    expect(result).toMatchObject({ total: 1, totalCapped: false });
  });

  it('says exactly how many when fewer match than the limit', () => {
    const result = book.ok('lookup.search', { query: '王伟', limit: 30 });
    expect(result.hits).toHaveLength(5);
    expect(result).toMatchObject({ total: 5, totalCapped: false });
  });

  it('stops counting at the count limit', () => {
    const statement = lookupStatement(parseLookupQuery('王'), 30, true);
    expect(statement).not.toBeNull();
    if (statement === null) return;
    expect(lookupCount(book.fieldbook.db, statement, 1000)).toBe(46);
    expect(lookupCount(book.fieldbook.db, statement, 10)).toBe(10);
  });
});
