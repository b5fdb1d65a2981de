import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebuildConsumptionRollup } from '../../db/queries/consumptionRollup';
import { heldWindow } from '../../db/queries/consumptionWindow';
import { coverageOf, type CoverageRequest } from '../../db/queries/statsCoverage';
import { paretoOf } from '../../db/queries/statsPareto';
import { portfolioOf } from '../../db/queries/statsPortfolio';
import { defaultAbcBounds } from '../../shared/domain/tiers';
import { groupRoots } from '../../db/queries/statsGroups';
import { newId } from '../../db/ids';
import { write, writeBatch, type Writer } from '../../db/write';
import { tiers } from '../../shared/schemas';
import type { CoverageStats, Tier } from '../../shared/types';
import { coverageByVisits } from './coverageOracle';
import { createOrganization, openBook, type Book } from './operations/helpers';

/**
 * `account_stats` must equal what its sources say at every commit, whatever sequence of writes
 * got it there (single writes and batches): per live account its slice, its latest live visit,
 * its live bills over the held window and its customer group's root as `groupRoots` walks the
 * live links; nothing for a deleted account. Visit coverage read
 * from it must equal coverage computed from the raw visits, for any day, offset, cadence, limit
 * and filter.
 */
const instants = [
  '2026-01-01T00:00:00.000Z',
  '2026-03-15T15:59:59.999Z',
  '2026-03-15T16:00:00.000Z',
  '2026-03-16T01:30:00.000Z',
  '2026-03-16T10:00:00.000Z',
  '2026-03-16T15:00:00.000Z',
  '2026-06-30T23:00:00.000Z',
  '2026-11-20T08:00:00.000Z',
  '2027-02-01T00:00:00.000Z',
] as const;
const owners = ['m001', 'm002'] as const;
const regions = ['汕头', '潮州'] as const;
const periods = ['2025-06', '2025-12', '2026-03', '2026-10'] as const;
const accountCount = 6;

type Step =
  | { kind: 'visit'; account: number; at: number }
  | { kind: 'moveVisit'; target: number; at?: number; account?: number }
  | { kind: 'visitDeleted'; target: number; deleted: boolean }
  | { kind: 'account'; account: number; owner?: number; region?: number; tier?: number; archived?: boolean }
  | { kind: 'accountDeleted'; account: number; deleted: boolean }
  | { kind: 'bill'; account: number; period: number; amount: number }
  | { kind: 'link'; from: number; to: number; holds: boolean }
  | { kind: 'relink'; target: number; from?: number; to?: number; holds?: boolean; deleted?: boolean };

const nat = (size: number) => fc.nat({ max: size - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      from: nat(accountCount),
      to: nat(accountCount),
      holds: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('relink' as const),
        target: fc.nat(),
        from: nat(accountCount),
        to: nat(accountCount),
        holds: fc.boolean(),
        deleted: fc.boolean(),
      },
      { requiredKeys: ['kind', 'target'] },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('visit' as const),
      account: nat(accountCount),
      at: nat(instants.length),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('moveVisit' as const),
        target: fc.nat(),
        at: nat(instants.length),
        account: nat(accountCount),
      },
      { requiredKeys: ['kind', 'target'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('visitDeleted' as const),
      target: fc.nat(),
      deleted: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('account' as const),
        account: nat(accountCount),
        owner: nat(owners.length),
        region: nat(regions.length),
        tier: nat(tiers.length),
        archived: fc.boolean(),
      },
      { requiredKeys: ['kind', 'account'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('accountDeleted' as const),
      account: nat(accountCount),
      deleted: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bill' as const),
      account: nat(accountCount),
      period: nat(periods.length),
      amount: fc.integer({ min: -1_000, max: 100_000 }),
    }),
  },
);

/** Links written so far (a run's own), for `relink` steps. */
const links: string[] = [];

function apply(writer: Writer, accounts: readonly string[], visits: string[], s: Step): void {
  const visit = visits.length > 0 && 'target' in s ? visits[s.target % visits.length] : undefined;
  const link = links.length > 0 && 'target' in s ? links[s.target % links.length] : undefined;
  const account = 'account' in s && s.account !== undefined ? (accounts[s.account] ?? '') : '';
  switch (s.kind) {
    case 'visit':
      visits.push(
        writer.insert('visits', {
          id: newId(),
          account_id: account,
          occurred_at: instants[s.at] ?? instants[0],
          kind: 'phone',
          participants: '',
          content: 'call',
          feedback: '',
          follow_up: '',
          follow_up_due: null,
          follow_up_done_at: null,
          manager: 'm001',
        }).id,
      );
      return;
    case 'moveVisit':
      if (visit)
        writer.update('visits', visit, {
          ...(s.at === undefined ? {} : { occurred_at: instants[s.at] ?? instants[0] }),
          ...(s.account === undefined ? {} : { account_id: accounts[s.account] ?? '' }),
        });
      return;
    case 'visitDeleted':
      if (visit) writer.update('visits', visit, { deleted: s.deleted ? 1 : 0 });
      return;
    case 'account':
      writer.update('accounts', account, {
        ...(s.owner === undefined ? {} : { owner: owners[s.owner] ?? 'm001' }),
        ...(s.region === undefined ? {} : { region: regions[s.region] ?? '' }),
        ...(s.tier === undefined ? {} : { tier: tiers[s.tier] ?? 'general' }),
        ...(s.archived === undefined ? {} : { status: s.archived ? 'archived' : 'active' }),
      });
      return;
    case 'accountDeleted':
      writer.update('accounts', account, { deleted: s.deleted ? 1 : 0 });
      return;
    case 'link':
      links.push(
        writer.insert('relationships', {
          id: newId(),
          from_id: accounts[s.from] ?? '',
          to_id: accounts[s.to] ?? '',
          type: s.holds ? 'holds' : 'other',
          role: '',
          note: '',
        }).id,
      );
      return;
    case 'relink':
      if (link)
        writer.update('relationships', link, {
          ...(s.from === undefined ? {} : { from_id: accounts[s.from] ?? '' }),
          ...(s.to === undefined ? {} : { to_id: accounts[s.to] ?? '' }),
          ...(s.holds === undefined ? {} : { type: s.holds ? 'holds' : 'other' }),
          ...(s.deleted === undefined ? {} : { deleted: s.deleted ? 1 : 0 }),
        });
      return;
    case 'bill':
      writer.insert('consumption', {
        id: newId(),
        account_id: account,
        period: periods[s.period] ?? '2026-01',
        category: 'data',
        amount_fen: s.amount,
        quantity: null,
        source: 'test',
        note: '',
      });
      return;
  }
}

/** What `account_stats` must hold, from the raw rows. */
function expected(book: Book): Record<string, unknown>[] {
  const end = book.rows('SELECT period FROM consumption_window_end')[0]?.['period'] as string | null;
  const from = end === null ? null : `${Number(end.slice(0, 4)) - 1}-${end.slice(5)}`;
  const roots = groupRoots(book.fieldbook.db);
  return book
    .rows('SELECT id, status, owner, region, tier FROM accounts WHERE deleted = 0 ORDER BY id')
    .map((account) => {
      const visits = book
        .rows('SELECT occurred_at FROM visits WHERE account_id = ? AND deleted = 0', account['id'])
        .map((row) => String(row['occurred_at']))
        .sort();
      const bills = book.rows(
        'SELECT period, amount_fen FROM consumption WHERE account_id = ? AND deleted = 0',
        account['id'],
      );
      const windowFen = bills
        .filter(
          (bill) =>
            from !== null && end !== null && String(bill['period']) > from && String(bill['period']) <= end,
        )
        .reduce((sum, bill) => sum + Number(bill['amount_fen']), 0);
      return {
        account_id: account['id'],
        active: account['status'] === 'active' ? 1 : 0,
        owner: account['owner'],
        region: account['region'],
        tier: account['tier'],
        last_visit: visits.at(-1) ?? null,
        window_fen: windowFen,
        group_root: roots.get(String(account['id'])) ?? null,
      };
    });
}

const kept = (book: Book) => book.rows('SELECT * FROM account_stats ORDER BY account_id');

const clear = `DELETE FROM visits; DELETE FROM relationships; DELETE FROM consumption; DELETE FROM consumption_rollup;
  DELETE FROM consumption_rollup_total; DELETE FROM consumption_window; DELETE FROM consumption_window_total;
  DELETE FROM consumption_month_total; UPDATE consumption_window_end SET period = NULL`;

async function withAccounts(run: (book: Book, accounts: string[]) => Promise<void>): Promise<void> {
  const book = await openBook();
  try {
    const accounts = Array.from({ length: accountCount }, () => createOrganization(book).id);
    await run(book, accounts);
  } finally {
    book.close();
  }
}

/** Puts the accounts back as created, so each run starts from the same book. */
function reset(book: Book, accounts: readonly string[]): void {
  book.fieldbook.db.sqlite.exec(clear);
  links.length = 0;
  write(book.fieldbook.db, 'test', (writer) => {
    for (const id of accounts)
      writer.update('accounts', id, {
        owner: 'm001',
        region: '',
        tier: 'general',
        status: 'active',
        deleted: 0,
      });
  });
  rebuildConsumptionRollup(book.fieldbook.db);
}

describe('account_stats', () => {
  it('equals its sources after every single write, and a rebuild changes nothing', async () => {
    await withAccounts(async (book, accounts) => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
          reset(book, accounts);
          const visits: string[] = [];
          for (const s of steps) {
            write(book.fieldbook.db, 'test', (writer) => apply(writer, accounts, visits, s));
            expect(kept(book)).toEqual(expected(book));
          }
          rebuildConsumptionRollup(book.fieldbook.db);
          expect(kept(book)).toEqual(expected(book));
        }),
        { numRuns: 40 },
      );
    });
  });

  it('equals its sources after a batch of any writes (recomputed before it commits)', async () => {
    await withAccounts(async (book, accounts) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { maxLength: 15 }),
          fc.array(step, { minLength: 1, maxLength: 30 }),
          async (before, batch) => {
            reset(book, accounts);
            const visits: string[] = [];
            for (const s of before)
              write(book.fieldbook.db, 'test', (writer) => apply(writer, accounts, visits, s));
            writeBatch(book.fieldbook.db, 'sync', 'test', (writer) => {
              for (const s of batch) apply(writer, accounts, visits, s);
            });
            expect(kept(book)).toEqual(expected(book));
          },
        ),
        { numRuns: 40 },
      );
    });
  });

  it('gives the same visit coverage as the raw visits, for any day, offset, cadence, limit and filter', async () => {
    const request = fc.record({
      today: fc.constantFrom('2026-03-16', '2026-04-15', '2026-07-01', '2026-12-31'),
      utcOffsetMinutes: fc.constantFrom(480, 0, -300, 345),
      cadence: fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 4, maxLength: 4 }),
      limit: fc.integer({ min: 1, max: 4 }),
      owner: fc.option(fc.constantFrom(...owners), { nil: undefined }),
      region: fc.option(fc.constantFrom(...regions), { nil: undefined }),
      tiers: fc.option(fc.subarray([...tiers], { minLength: 1 }), { nil: undefined }),
    });
    await withAccounts(async (book, accounts) => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), request, async (steps, r) => {
          reset(book, accounts);
          const visits: string[] = [];
          writeBatch(book.fieldbook.db, 'sync', 'test', (writer) => {
            for (const s of steps) apply(writer, accounts, visits, s);
          });
          const coverage: CoverageRequest = {
            today: r.today,
            utcOffsetMinutes: r.utcOffsetMinutes,
            cadenceDays: Object.fromEntries(tiers.map((tier, i) => [tier, r.cadence[i] ?? 30])) as Record<
              Tier,
              number
            >,
            limit: r.limit,
            owners: r.owner === undefined ? undefined : [r.owner],
            region: r.region,
            tiers: r.tiers,
          };
          const oracle: CoverageStats = coverageByVisits(book.fieldbook.db, coverage);
          expect(coverageOf(book.fieldbook.db, coverage)).toEqual(oracle);
        }),
        { numRuns: 150 },
      );
    });
  });

  it('lists the overdue of one local day by id, whatever their times, when the limit cuts the day', async () => {
    await withAccounts(async (book, accounts) => {
      reset(book, accounts);
      const [first = '', second = ''] = [...accounts].sort();
      // Both on 16 March in Beijing; the account with the greater id was visited earlier that day.
      write(book.fieldbook.db, 'test', (writer) => {
        apply(writer, [second], [], {
          kind: 'visit',
          account: 0,
          at: instants.indexOf('2026-03-15T16:00:00.000Z'),
        });
        apply(writer, [first], [], {
          kind: 'visit',
          account: 0,
          at: instants.indexOf('2026-03-16T10:00:00.000Z'),
        });
      });
      const request: CoverageRequest = {
        today: '2026-07-01',
        utcOffsetMinutes: 480,
        cadenceDays: { strategic: 30, partner: 30, commercial: 30, general: 30 },
        limit: 1,
      };
      const coverage = coverageOf(book.fieldbook.db, { ...request, limit: accounts.length });
      const listed = coverage.rows.filter((row) => row.lastVisitAt !== null).map((row) => row.account.id);
      expect(listed).toEqual([first, second]);
      const withNever = coverage.rows.length - listed.length;
      const cut = coverageOf(book.fieldbook.db, { ...request, limit: withNever + 1 });
      expect(cut.rows.at(-1)?.account.id).toBe(first);
      expect(cut).toEqual(coverageByVisits(book.fieldbook.db, { ...request, limit: withNever + 1 }));
    });
  });

  it('puts an account that arrives after its parent-company link into its group', async () => {
    await withAccounts(async (book, accounts) => {
      reset(book, accounts);
      const [parent = ''] = accounts;
      const arriving = newId();
      // A sync file's link can come before the account it names (files read in any order).
      writeBatch(book.fieldbook.db, 'sync', 'test', (writer) =>
        apply(writer, [parent, arriving], [], { kind: 'link', from: 0, to: 1, holds: true }),
      );
      writeBatch(book.fieldbook.db, 'sync', 'test', (writer) => {
        writer.insert('accounts', {
          id: arriving,
          kind: 'organization',
          customer_no: 'LATE0001',
          name: '迟到公司',
          credit_code: null,
          tier: 'general',
          tier_source: 'suggested',
          tier_reason: '',
          status: 'active',
          owner: 'm001',
          region: '',
          industry: '',
          address: '',
          postcode: '',
          notes: '',
          created_by: 'm001',
        });
      });
      expect(book.rows('SELECT group_root FROM account_stats WHERE account_id = ?', arriving)).toEqual([
        { group_root: parent },
      ]);
      expect(kept(book)).toEqual(expected(book));
    });
  });

  it('ranks and slices the held window as the raw bills and the live links say', async () => {
    const filter = fc.record({
      owner: fc.option(fc.constantFrom(...owners), { nil: undefined }),
      tiers: fc.option(fc.subarray([...tiers], { minLength: 1 }), { nil: undefined }),
    });
    await withAccounts(async (book, accounts) => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), filter, async (steps, scope) => {
          reset(book, accounts);
          const visits: string[] = [];
          writeBatch(book.fieldbook.db, 'sync', 'test', (writer) => {
            for (const s of steps) apply(writer, accounts, visits, s);
          });
          const held = heldWindow(book.fieldbook.db);
          if (!held) return;
          const window = { ...held, months: 12 };
          // The owner filter as the handlers pass it (the scope's owners).
          const asked = { owners: scope.owner === undefined ? undefined : [scope.owner], tiers: scope.tiers };
          const db = book.fieldbook.db;
          const wanted = new Set(
            book
              .rows('SELECT id, owner, tier FROM accounts WHERE deleted = 0')
              .filter((row) => scope.owner === undefined || row['owner'] === scope.owner)
              .filter((row) => !scope.tiers || scope.tiers.includes(row['tier'] as Tier))
              .map((row) => String(row['id'])),
          );
          const fenOf = new Map<string, number>();
          for (const bill of book.rows(
            'SELECT account_id, period, amount_fen FROM consumption WHERE deleted = 0',
          )) {
            const id = String(bill['account_id']);
            const period = String(bill['period']);
            if (wanted.has(id) && period >= window.from && period <= window.to)
              fenOf.set(id, (fenOf.get(id) ?? 0) + Number(bill['amount_fen']));
          }
          const roots = groupRoots(db);
          for (const by of ['account', 'group'] as const) {
            const items = new Map<string, number>();
            for (const [id, fen] of fenOf) {
              const item = by === 'group' ? (roots.get(id) ?? id) : id;
              items.set(item, (items.get(item) ?? 0) + fen);
            }
            const ranked = [...items]
              .filter(([, fen]) => fen > 0)
              .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
            const pareto = paretoOf(db, {
              ...asked,
              window,
              by,
              bounds: defaultAbcBounds,
              top: 3,
              curvePoints: 5,
            });
            expect(pareto.ranked).toBe(ranked.length);
            expect(pareto.totalFen).toBe(ranked.reduce((sum, [, fen]) => sum + fen, 0));
            expect(pareto.top.map((row) => [row.account.id, row.amountFen])).toEqual(ranked.slice(0, 3));
            if (by === 'group')
              for (const row of pareto.top) {
                const members = [...roots.values()].filter((root) => root === row.account.id).length;
                expect(row.members).toBe(members || 1);
              }
          }
          const portfolio = portfolioOf(db, { ...asked, window, top: 3 });
          const live = [...fenOf].filter(([, fen]) => fen !== 0);
          expect(portfolio.accounts).toBe(live.length);
          expect(portfolio.totalFen).toBe(live.reduce((sum, [, fen]) => sum + fen, 0));
          const owned = new Map<string, number>();
          for (const [id, fen] of live) {
            const owner = String(book.rows('SELECT owner FROM accounts WHERE id = ?', id)[0]?.['owner']);
            owned.set(owner, (owned.get(owner) ?? 0) + fen);
          }
          expect(new Map(portfolio.byOwner.map((slice) => [slice.key, slice.amountFen]))).toEqual(owned);
          const top = live.filter(([, fen]) => fen > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
          expect(portfolio.top.map((row) => [row.account.id, row.amountFen])).toEqual(top.slice(0, 3));
        }),
        { numRuns: 60 },
      );
    });
  });
});
