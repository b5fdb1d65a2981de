import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthsBefore } from '../../db/queries/purge';
import { localToday } from '../../db/queries/records';
import type { Account, PurgeCandidate } from '../../shared/types';
import { createPerson, openBook, type Book } from './operations/helpers';

/*
 * Purge: the rules in settings propose exactly the accounts they describe, each with its facts;
 * applying erases exactly the chosen candidates through the erasure path, refuses anything else
 * writing nothing, and leaves one audit entry for the purge. Every account here is created
 * today, so the rules are measured from a day months ahead (`today`).
 */
const now = localToday();
const ahead = (months: number) => monthsBefore(now, -months);
const month = (months: number) => ahead(months).slice(0, 7);

let book: Book;
let a: Account; // general, archived, never billed
let b: Account; // general, never billed
let c: Account; // general, billed this month
let d: Account; // general, billed next month
let e: Account; // strategic, never billed
let f: Account; // general, deleted
let g: Account; // strategic, archived

beforeEach(async () => {
  book = await openBook();
  a = createPerson(book, { tier: 'general' });
  b = createPerson(book, { tier: 'general' });
  c = createPerson(book, { tier: 'general' });
  d = createPerson(book, { tier: 'general' });
  e = createPerson(book, { tier: 'strategic' });
  f = createPerson(book, { tier: 'general' });
  g = createPerson(book, { tier: 'strategic' });
  book.ok('accounts.archive', { id: a.id });
  book.ok('accounts.archive', { id: g.id });
  book.ok('accounts.delete', { id: f.id });
  for (const [account, period] of [
    [c, month(0)],
    [d, month(1)],
  ] as const)
    book.ok('consumption.create', { accountId: account.id, period, category: 'other', amountFen: 1000 });
});
afterEach(() => book.close());

const byId = (candidates: readonly PurgeCandidate[]) =>
  Object.fromEntries(candidates.map((candidate) => [candidate.id, candidate.reasons.map((r) => r.rule)]));

describe('purge.candidates', () => {
  it('lists the accounts each rule names, with the facts it read', () => {
    const page = book.ok('purge.candidates', { today: ahead(25) });
    expect(byId(page.candidates)).toEqual({
      [a.id]: ['archived', 'dormant'],
      [b.id]: ['dormant'],
      [c.id]: ['dormant'],
      [g.id]: ['archived'],
    });
    expect(page.total).toBe(4);
    const reasonsOf = (id: string) => page.candidates.find((candidate) => candidate.id === id)?.reasons;
    expect(reasonsOf(c.id)).toEqual([
      { rule: 'dormant', tier: 'general', lastBillMonth: month(0), createdAt: expect.any(String) },
    ]);
    expect(reasonsOf(b.id)).toMatchObject([{ lastBillMonth: null }]);
    const since = reasonsOf(g.id)?.[0];
    expect(since?.rule === 'archived' && since.since.slice(0, 7)).toBe(new Date().toISOString().slice(0, 7));
    // Newest reason first: a bill month sorts before the creation times of the same month.
    expect(page.candidates.at(-1)?.id).toBe(c.id);
    expect(page.candidates[0]).toMatchObject({ customerNo: expect.any(String), name: expect.any(String) });
  });

  it('measures each rule by its own months, and pages', () => {
    // Thirteen months on: archived long enough, but nothing has gone unbilled for 24 months.
    expect(Object.keys(byId(book.ok('purge.candidates', { today: ahead(13) }).candidates)).sort()).toEqual(
      [a.id, g.id].sort(),
    );
    expect(book.ok('purge.candidates', { today: ahead(12) }).total).toBe(0);
    const first = book.ok('purge.candidates', { today: ahead(25), limit: 3 });
    const rest = book.ok('purge.candidates', { today: ahead(25), offset: 3, limit: 3 });
    expect([first.candidates.length, rest.candidates.length, first.total]).toEqual([3, 1, 4]);
  });

  it('follows the rules saved in settings, which persist', () => {
    const rules = {
      archived: { enabled: false, months: 12 },
      dormant: { enabled: true, months: 6, tier: 'strategic' as const },
    };
    expect(book.ok('settings.update', { purge: rules }).purge).toEqual(rules);
    expect(book.ok('settings.get', undefined).purge).toEqual(rules);
    expect(Object.keys(byId(book.ok('purge.candidates', { today: ahead(7) }).candidates)).sort()).toEqual(
      [e.id, g.id].sort(),
    );
    book.invalid('settings.update', { purge: { ...rules, archived: { enabled: true, months: 0 } } }, [
      'purge',
      'archived',
      'months',
    ]);
    book.invalid('settings.update', { purge: { ...rules, archived: { enabled: true, months: 121 } } }, [
      'purge',
      'archived',
      'months',
    ]);
  });
});

describe('purge.apply', () => {
  it('erases exactly the chosen candidates, with one audit entry holding no name', () => {
    const result = book.ok('purge.apply', { ids: [a.id, b.id], reason: '超过保存期限', today: ahead(25) });
    expect([...result.erased].sort()).toEqual([a.id, b.id].sort());
    expect(result.compacted).toBe(true);
    const left = book.rows('SELECT id FROM accounts').map((row) => row['id']);
    expect(left.sort()).toEqual([c.id, d.id, e.id, f.id, g.id].sort());
    expect(book.rows('SELECT account_id FROM erased_accounts').length).toBe(2);
    const entries = book.rows(`SELECT after FROM audit_log WHERE action = 'purge'`);
    expect(entries).toHaveLength(1);
    const after = String(entries[0]?.['after']);
    expect(JSON.parse(after)).toMatchObject({
      count: 2,
      why: '超过保存期限',
      rules: { archived: { months: 12 } },
    });
    expect(after).not.toContain(a.name);
    expect(after).not.toContain(b.name);
    expect(byId(book.ok('purge.candidates', { today: ahead(25) }).candidates)).toEqual({
      [c.id]: ['dormant'],
      [g.id]: ['archived'],
    });
  });

  it('refuses an account that is not a candidate, naming it and erasing nothing', () => {
    for (const outsider of [d, e, f]) {
      const error = book.rejects(
        'purge.apply',
        { ids: [a.id, outsider.id], reason: '超过保存期限', today: ahead(25) },
        'VALIDATION_FAILED',
      );
      expect(error.message).toContain(outsider.id);
      expect(error.message).not.toContain(a.id);
    }
    expect(book.rows(`SELECT 1 FROM audit_log WHERE action = 'purge'`)).toHaveLength(0);
  });
});
