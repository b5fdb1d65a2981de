import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobThreadFromSource } from '../../../db/jobs/fromSource';
import { openFieldbook } from '../../../db/service';
import type { Account, ImportRecord, StagedImport } from '../../../shared/types';
import { createOrganization, openBook, type Book } from '../operations/helpers';
import { cells, expectKeptTotalsMatch, rawCells } from '../rollupCells';
import { consumptionInput, csv, encodeCsv, stage } from './importHelpers';

/**
 * An import of bills commits its rows, then records them for a revert and rolls them up in the
 * transaction after (db/imports/settle.ts). The gap must never show: whatever runs next — a
 * read, an edit, a revert, the book opened again after a crash — finds the roll-up equal to
 * the raw bills and the import revertible.
 */
const header = '客户编号,账期,业务类别,金额,数量,备注';

let book: Book;
let org: Account;
beforeEach(async () => {
  book = await openBook();
  org = createOrganization(book, { customerNo: 'HQ0001' });
});
afterEach(() => book.close());

const unsettled = () => book.rows('SELECT import_id FROM unsettled_imports');
const bills = () => book.ok('consumption.list', { accountId: org.id });

function expectRollupMatchesBills(): void {
  expect(cells(book, 'consumption_rollup')).toEqual(rawCells(book, true));
  expect(cells(book, 'consumption_rollup_total')).toEqual(rawCells(book, false));
  expectKeptTotalsMatch(book);
}

function importBills(...lines: string[]): ImportRecord {
  const staged = stage(book, csv(header, ...lines));
  return book.ok('imports.apply', consumptionInput(staged.stageId, { onExisting: 'update' }));
}

describe('an import of bills settles in the transaction after its own', () => {
  it('commits the bills first, with a mark; the next call records and rolls them up', () => {
    const record = importBills('HQ0001,2026-09,数据,2,,', 'HQ0001,2026-10,语音,3,,');
    expect(unsettled()).toEqual([{ import_id: record.id }]);
    expect(book.rows('SELECT count(*) AS n FROM consumption WHERE deleted = 0')).toEqual([{ n: 2 }]);
    expect(book.rows('SELECT count(*) AS n FROM consumption_rollup')).toEqual([{ n: 0 }]);

    const statistics = book.ok('stats.account', { accountId: org.id, from: '2026-01', to: '2026-12' });
    expect(unsettled()).toEqual([]);
    expect(statistics.trend.totalFen).toBe(500);
    expectRollupMatchesBills();
    expect(book.rows('SELECT ordinal FROM import_created WHERE import_id = ?', record.id)).toEqual([
      { ordinal: 1 },
    ]);
    expect(book.ok('imports.settle', {})).toEqual({ imports: 0, bills: 0 });
  });

  it('records only the rows it created: the bills it updated keep their own record', () => {
    const manual = book.ok('consumption.create', {
      accountId: org.id,
      period: '2026-09',
      category: 'data',
      amountFen: 100,
    });
    const record = importBills(
      'HQ0001,2026-09,数据,2,,',
      'HQ0001,2026-10,数据,3,,',
      'HQ0001,2026-11,数据,4,,',
    );
    expect(book.ok('imports.settle', {})).toEqual({ imports: 1, bills: 2 });
    expectRollupMatchesBills();
    const reverted = book.ok('imports.revert', { id: record.id });
    expect(reverted.counts).toEqual({ deleted: 2, restored: 1, conflicts: 0 });
    expect(bills()).toEqual([expect.objectContaining({ id: manual.id, amountFen: 100 })]);
    expectRollupMatchesBills();
  });

  it('settles before an edit, a revert or an erasure of the bills it wrote', () => {
    const record = importBills('HQ0001,2026-09,数据,2,,', 'HQ0001,2026-10,数据,3,,');
    const [first] = bills();
    book.ok('consumption.update', { id: first?.id ?? '', amountFen: 999 });
    expect(unsettled()).toEqual([]);
    expectRollupMatchesBills();

    const second = importBills('HQ0001,2026-12,语音,7,,');
    expect(book.ok('imports.revert', { id: second.id }).counts).toEqual({
      deleted: 1,
      restored: 0,
      conflicts: 0,
    });
    expectRollupMatchesBills();
    // The edited bill is a conflict: later work wins.
    expect(book.ok('imports.revert', { id: record.id }).counts).toMatchObject({ deleted: 1, conflicts: 1 });
    expectRollupMatchesBills();

    importBills('HQ0001,2027-01,数据,5,,');
    book.ok('accounts.erase', { id: org.id, reason: 'customer asked' });
    expect(unsettled()).toEqual([]);
    expect(book.rows('SELECT count(*) AS n FROM consumption_rollup')).toEqual([{ n: 0 }]);
    expect(book.rows('SELECT count(*) AS n FROM import_created WHERE rows LIKE ?', `%${org.id}%`)).toEqual([
      { n: 0 },
    ]);
  });

  it('settles when the book is opened again after the process died between the two', async () => {
    const record = importBills('HQ0001,2026-09,数据,2,,');
    const path = book.fieldbook.db.path;
    // The process ends with the import committed and nothing after it (the mark is on disk).
    book.fieldbook.close();
    const reopened = await openFieldbook(path);
    try {
      const read = reopened.dispatch(
        'stats.account',
        { accountId: org.id, from: '2026-01', to: '2026-12' },
        { actor: 'm001' },
      );
      expect(read).toMatchObject({ ok: true, value: { trend: { totalFen: 200 } } });
      const revert = reopened.dispatch('imports.revert', { id: record.id }, { actor: 'm001' });
      expect(revert).toMatchObject({ ok: true, value: { counts: { deleted: 1 } } });
    } finally {
      reopened.close();
    }
  });

  it('answers reads while settling fails (a full disk), refuses writes, and settles once it can', () => {
    importBills('HQ0001,2026-09,数据,2,,');
    const { sqlite } = book.fieldbook.db;
    // Stands in for a disk that cannot take the settling's pages: its transaction fails.
    sqlite.exec(
      `CREATE TEMP TRIGGER full BEFORE DELETE ON unsettled_imports BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    expect(book.call('accounts.get', { id: org.id }).ok).toBe(true);
    expect(
      book.call('consumption.create', {
        accountId: org.id,
        period: '2026-10',
        category: 'data',
        amountFen: 1,
      }),
    ).toMatchObject({ ok: false });
    expect(unsettled()).toHaveLength(1);
    sqlite.exec('DROP TRIGGER full');
    expect(book.call('accounts.get', { id: org.id }).ok).toBe(true);
    expect(unsettled()).toEqual([]);
    expectRollupMatchesBills();
  });

  it('keeps the roll-up equal to the bills whatever imports, edits and reverts come in any order', () => {
    const periods = ['2026-01', '2026-06', '2026-12', '2027-01'];
    const bill = fc.record({
      period: fc.constantFrom(...periods),
      category: fc.constantFrom('数据', '语音'),
      yuan: fc.nat(500),
    });
    // One line per month and service: a file that repeats one is refused whole.
    const lines = fc
      .uniqueArray(bill, {
        minLength: 1,
        maxLength: 6,
        selector: ({ period, category }) => `${period}${category}`,
      })
      .map((rows) => rows.map(({ period, category, yuan }) => `HQ0001,${period},${category},${yuan},,`));
    const step = fc.oneof(
      fc.record({ kind: fc.constant('import' as const), lines }),
      fc.record({ kind: fc.constant('edit' as const), target: fc.nat(), fen: fc.nat(90_000) }),
      fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }),
      fc.record({ kind: fc.constant('revert' as const), target: fc.nat() }),
      fc.record({ kind: fc.constant('read' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        book.fieldbook.db.sqlite.exec(
          `DELETE FROM unsettled_imports; DELETE FROM import_created; DELETE FROM import_changes; DELETE FROM imports;`,
        );
        book.ok('stats.rebuild', {});
        const imports: string[] = [];
        for (const s of steps) {
          const live = bills();
          if (s.kind === 'import') imports.push(importBills(...s.lines).id);
          else if (s.kind === 'edit' && live.length > 0)
            book.ok('consumption.update', { id: live[s.target % live.length]?.id ?? '', amountFen: s.fen });
          else if (s.kind === 'delete' && live.length > 0)
            book.ok('consumption.delete', { id: live[s.target % live.length]?.id ?? '' });
          else if (s.kind === 'revert' && imports.length > 0)
            book.call('imports.revert', { id: imports[s.target % imports.length] ?? '' });
          else if (s.kind === 'read') book.ok('stats.portfolio', {});
          // After every commit the next operation, whatever it is, finds the roll-up equal to the bills.
          if (unsettled().length === 0) expectRollupMatchesBills();
          else {
            book.ok('imports.list', {});
            expectRollupMatchesBills();
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('in the app, the job thread settles an import right after it', () => {
  it('answers the window at once, and a statistics read that follows waits for the roll-up', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'fieldbook-settle-'));
    const app = await openFieldbook(join(directory, 'fieldbook.db'), { jobThread: jobThreadFromSource });
    const context = { actor: 'm001' };
    const ok = async <T>(name: string, input: unknown): Promise<T> => {
      const result = await app.call(name, input, context);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    };
    try {
      const account = await ok<Account>('accounts.create', {
        kind: 'organization',
        name: '单位',
        customerNo: 'HQ9',
      });
      const lines = Array.from(
        { length: 24 },
        (_, i) => `HQ9,${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},数据,1,,`,
      );
      const staged = await ok<StagedImport>('imports.stage', {
        fileName: 'bills.csv',
        contentBase64: encodeCsv(csv(header, ...lines)),
      });
      await ok('imports.apply', consumptionInput(staged.stageId));
      const statistics = await ok<{ trend: { totalFen: number } }>('stats.account', {
        accountId: account.id,
        from: '2025-01',
        to: '2026-12',
      });
      expect(statistics.trend.totalFen).toBe(2400);
      expect(app.db.sqlite.prepare('SELECT count(*) AS n FROM unsettled_imports').get()).toEqual({ n: 0 });
    } finally {
      app.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
