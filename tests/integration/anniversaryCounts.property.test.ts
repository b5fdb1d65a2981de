import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anniversariesBetween, countByDay } from '../../db/queries/anniversaryDates';
import { rebuildAnniversaryCounts } from '../../db/queries/anniversaryCounts';
import { newId } from '../../db/ids';
import { write, writeBatch, type Writer } from '../../db/write';
import { createOrganization, openBook, type Book } from './operations/helpers';

/**
 * `anniversary_key_counts` must equal the raw count of live anniversaries of active live
 * accounts per rule key and owner at every commit, whatever sequence of writes (single or in a
 * batch) got it there, and the unfiltered upcoming window's total read from it must equal the
 * matches counted day by day from the raw rows.
 */
const keys = [
  { calendar: 'gregorian', month: 3, day: 1, leap: 0 },
  { calendar: 'gregorian', month: 3, day: 2, leap: 0 },
  { calendar: 'gregorian', month: 2, day: 29, leap: 0 },
  { calendar: 'lunar', month: 2, day: 1, leap: 0 },
  { calendar: 'lunar', month: 2, day: 1, leap: 1 },
  { calendar: 'lunar', month: 1, day: 30, leap: 0 },
] as const;
const years = [null, 1980, 2026, 2027, 2030] as const;
const owners = ['m001', 'm002'] as const;
const accountCount = 4;

type Step =
  | { kind: 'add'; account: number; key: number; year: number }
  | { kind: 'edit'; target: number; key?: number; year?: number; account?: number; deleted?: boolean }
  | { kind: 'account'; account: number; owner?: number; archived?: boolean; deleted?: boolean };

const nat = (size: number) => fc.nat({ max: size - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      account: nat(accountCount),
      key: nat(keys.length),
      year: nat(years.length),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        kind: fc.constant('edit' as const),
        target: fc.nat(),
        key: nat(keys.length),
        year: nat(years.length),
        account: nat(accountCount),
        deleted: fc.boolean(),
      },
      { requiredKeys: ['kind', 'target'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('account' as const),
        account: nat(accountCount),
        owner: nat(owners.length),
        archived: fc.boolean(),
        deleted: fc.boolean(),
      },
      { requiredKeys: ['kind', 'account'] },
    ),
  },
);

const keyColumns = (index: number) => {
  const key = keys[index] ?? keys[0];
  return { calendar: key.calendar, month: key.month, day: key.day, leap_month: key.leap };
};

function apply(writer: Writer, accounts: readonly string[], rules: string[], s: Step): void {
  const account = (index: number) => accounts[index] ?? '';
  switch (s.kind) {
    case 'add':
      rules.push(
        writer.insert('anniversaries', {
          id: newId(),
          account_id: account(s.account),
          kind: 'founding',
          label: '',
          ...keyColumns(s.key),
          year: years[s.year] ?? null,
          lead_days: null,
          note: '',
        }).id,
      );
      return;
    case 'edit': {
      const target = rules.length > 0 ? rules[s.target % rules.length] : undefined;
      if (!target) return;
      writer.update('anniversaries', target, {
        ...(s.key === undefined ? {} : keyColumns(s.key)),
        ...(s.year === undefined ? {} : { year: years[s.year] ?? null }),
        ...(s.account === undefined ? {} : { account_id: account(s.account) }),
        ...(s.deleted === undefined ? {} : { deleted: s.deleted ? 1 : 0 }),
      });
      return;
    }
    case 'account':
      writer.update('accounts', account(s.account), {
        ...(s.owner === undefined ? {} : { owner: owners[s.owner] ?? 'm001' }),
        ...(s.archived === undefined ? {} : { status: s.archived ? 'archived' : 'active' }),
        ...(s.deleted === undefined ? {} : { deleted: s.deleted ? 1 : 0 }),
      });
      return;
  }
}

const kept = (book: Book) =>
  book.rows(
    'SELECT calendar, month, day, leap_month, owner, n FROM anniversary_key_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5',
  );
const raw = (book: Book) =>
  book.rows(`SELECT n.calendar, n.month, n.day, n.leap_month, a.owner, count(*) AS n
    FROM anniversaries n JOIN accounts a ON a.id = n.account_id AND a.deleted = 0 AND a.status = 'active'
    WHERE n.deleted = 0 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`);

/** Windows over the keys above: early 2026 (lunar new year in Feb), 2027, a leap year's 29 February. */
const windows = [
  ['2026-02-15', '2026-03-16'],
  ['2027-02-20', '2027-03-21'],
  ['2028-02-10', '2028-03-10'],
  ['2025-03-20', '2025-04-18'],
] as const;

async function withBook(run: (book: Book, accounts: string[]) => Promise<void>): Promise<void> {
  const book = await openBook();
  try {
    const accounts = Array.from({ length: accountCount }, () => createOrganization(book).id);
    await run(book, accounts);
  } finally {
    book.close();
  }
}

function reset(book: Book, accounts: readonly string[]): void {
  book.fieldbook.db.sqlite.exec('DELETE FROM anniversaries');
  write(book.fieldbook.db, 'test', (writer) => {
    for (const id of accounts) writer.update('accounts', id, { owner: 'm001', status: 'active', deleted: 0 });
  });
  rebuildAnniversaryCounts(book.fieldbook.db);
}

function expectTotalsMatch(book: Book): void {
  for (const [from, to] of windows) {
    const counted = countByDay(book.fieldbook.db, from, to, {}).reduce((sum, day) => sum + day.count, 0);
    expect(anniversariesBetween(book.fieldbook.db, from, to, { limit: 3 }).total).toBe(counted);
  }
}

describe('anniversary_key_counts', () => {
  it('equals the raw counts after every single write, and the window totals agree', async () => {
    await withBook(async (book, accounts) => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
          reset(book, accounts);
          const rules: string[] = [];
          for (const s of steps) {
            write(book.fieldbook.db, 'test', (writer) => apply(writer, accounts, rules, s));
            expect(kept(book)).toEqual(raw(book));
          }
          expectTotalsMatch(book);
        }),
        { numRuns: 40 },
      );
    });
  });

  it('equals the raw counts after a batch of any writes (recounted before it commits)', async () => {
    await withBook(async (book, accounts) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { maxLength: 15 }),
          fc.array(step, { minLength: 1, maxLength: 30 }),
          async (before, batch) => {
            reset(book, accounts);
            const rules: string[] = [];
            for (const s of before)
              write(book.fieldbook.db, 'test', (writer) => apply(writer, accounts, rules, s));
            writeBatch(book.fieldbook.db, 'sync', 'test', (writer) => {
              for (const s of batch) apply(writer, accounts, rules, s);
            });
            expect(kept(book)).toEqual(raw(book));
            expectTotalsMatch(book);
          },
        ),
        { numRuns: 40 },
      );
    });
  });
});
