import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebuildConsumptionRollup } from '../../db/queries/consumptionRollup';
import { newId } from '../../db/ids';
import { write, writeBatch, type Writer } from '../../db/write';
import type { ConsumptionCategory } from '../../shared/types';
import { createOrganization, openBook, type Book } from './operations/helpers';
import { cells, expectKeptTotalsMatch, rawCells } from './rollupCells';

/**
 * The roll-up must always equal the raw sum of live rows, whatever sequence of writes got it
 * there: creates, edits that move a bill to another month, year, category or account,
 * amount changes, deletes and undeletes. Checked after every sequence, cell by cell, for
 * both roll-up tables, and against a rebuild.
 */
const periods = ['2024-12', '2025-01', '2025-06', '2025-12', '2026-01', '2026-10'] as const;
const categories: ConsumptionCategory[] = ['data', 'voice', 'cloud'];

type Step =
  | { kind: 'create'; account: number; period: number; category: number; amount: number }
  | { kind: 'edit'; target: number; period?: number; category?: number; amount?: number }
  | { kind: 'move'; target: number; account: number }
  | { kind: 'delete'; target: number }
  | { kind: 'undelete'; target: number };

const index = (size: number) => fc.nat({ max: size - 1 });
const amount = fc.integer({ min: -50_000, max: 5_000_000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      account: index(3),
      period: index(periods.length),
      category: index(3),
      amount,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        kind: fc.constant('edit' as const),
        target: fc.nat(),
        period: index(periods.length),
        category: index(3),
        amount,
      },
      { requiredKeys: ['kind', 'target'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('move' as const), target: fc.nat(), account: index(3) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undelete' as const), target: fc.nat() }) },
);

/** Every bill and everything derived from them, so a run starts from an empty book's state. */
const clearBills = `DELETE FROM consumption; DELETE FROM consumption_rollup; DELETE FROM consumption_rollup_total;
  DELETE FROM consumption_window; DELETE FROM consumption_window_total; DELETE FROM consumption_month_total;
  UPDATE consumption_window_end SET period = NULL`;

function apply(book: Book, accounts: readonly string[], ids: string[], s: Step): void {
  const target = ids.length > 0 && 'target' in s ? ids[s.target % ids.length] : undefined;
  switch (s.kind) {
    case 'create':
      ids.push(
        book.ok('consumption.create', {
          accountId: accounts[s.account] ?? '',
          period: periods[s.period] ?? '2026-01',
          category: categories[s.category] ?? 'data',
          amountFen: s.amount,
          allowDuplicate: true,
        }).id,
      );
      return;
    case 'edit':
      if (!target) return;
      book.call('consumption.update', {
        id: target,
        ...(s.period === undefined ? {} : { period: periods[s.period] ?? '2026-01' }),
        ...(s.category === undefined ? {} : { category: categories[s.category] ?? 'data' }),
        ...(s.amount === undefined ? {} : { amountFen: s.amount }),
        allowDuplicate: true,
      });
      return;
    case 'move':
      // No operation moves a bill to another account; a sync file can, through the write path.
      if (target)
        write(book.fieldbook.db, 'sync', (writer) =>
          writer.update('consumption', target, { account_id: accounts[s.account] ?? '' }),
        );
      return;
    case 'delete':
      if (target) book.call('consumption.delete', { id: target });
      return;
    case 'undelete':
      if (target) book.call('consumption.undelete', { id: target });
      return;
  }
}

/** The same steps straight through a batch's writer (an import, a sync file): deferred roll-up. */
function applyInBatch(writer: Writer, accounts: readonly string[], ids: string[], s: Step): void {
  const target = ids.length > 0 && 'target' in s ? ids[s.target % ids.length] : undefined;
  switch (s.kind) {
    case 'create':
      ids.push(
        writer.insert('consumption', {
          id: newId(),
          account_id: accounts[s.account] ?? '',
          period: periods[s.period] ?? '2026-01',
          category: categories[s.category] ?? 'data',
          amount_fen: s.amount,
          quantity: null,
          source: 'test',
          note: '',
        }).id,
      );
      return;
    case 'edit':
      if (target)
        writer.update('consumption', target, {
          ...(s.period === undefined ? {} : { period: periods[s.period] ?? '2026-01' }),
          ...(s.category === undefined ? {} : { category: categories[s.category] ?? 'data' }),
          ...(s.amount === undefined ? {} : { amount_fen: s.amount }),
        });
      return;
    case 'move':
      if (target) writer.update('consumption', target, { account_id: accounts[s.account] ?? '' });
      return;
    case 'delete':
    case 'undelete':
      if (target) writer.update('consumption', target, { deleted: s.kind === 'delete' ? 1 : 0 });
      return;
  }
}

describe('the consumption roll-up', () => {
  it('equals the raw sum of live rows after a batch of any writes (its changes applied at the end)', async () => {
    const book = await openBook();
    try {
      const accounts = [0, 1, 2].map(() => createOrganization(book).id);
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { minLength: 0, maxLength: 20 }),
          fc.array(step, { minLength: 1, maxLength: 40 }),
          async (before, batch) => {
            book.fieldbook.db.sqlite.exec(clearBills);
            const ids: string[] = [];
            for (const s of before) apply(book, accounts, ids, s);
            writeBatch(book.fieldbook.db, 'sync', 'test', (writer) => {
              for (const s of batch) applyInBatch(writer, accounts, ids, s);
            });
            expect(cells(book, 'consumption_rollup')).toEqual(rawCells(book, true));
            expect(cells(book, 'consumption_rollup_total')).toEqual(rawCells(book, false));
            expectKeptTotalsMatch(book);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      book.close();
    }
  });

  it('equals the raw sum of live rows after any sequence of writes, and a rebuild changes nothing', async () => {
    const book = await openBook();
    try {
      const accounts = [0, 1, 2].map(() => createOrganization(book).id);
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
          // One book for all runs (opening one per run is slow); each run starts without bills.
          book.fieldbook.db.sqlite.exec(clearBills);
          const ids: string[] = [];
          for (const s of steps) {
            apply(book, accounts, ids, s);
            // At every commit, not only at the end.
            expectKeptTotalsMatch(book);
          }
          expect(cells(book, 'consumption_rollup')).toEqual(rawCells(book, true));
          expect(cells(book, 'consumption_rollup_total')).toEqual(rawCells(book, false));
          rebuildConsumptionRollup(book.fieldbook.db);
          expect(cells(book, 'consumption_rollup')).toEqual(rawCells(book, true));
          expect(cells(book, 'consumption_rollup_total')).toEqual(rawCells(book, false));
          expectKeptTotalsMatch(book);
        }),
        { numRuns: 60 },
      );
    } finally {
      book.close();
    }
  });
});
