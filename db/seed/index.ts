import type { Db } from '../connection';
import { write, writeBatch } from '../write';
import { AccountWriter } from './accounts';
import { writeAnniversaries } from './anniversaries';
import { seedReference } from './clock';
import { writeConsumption } from './consumption';
import { makePlan, streams, type Plan } from './plan';
import { Prng, seedBits } from './random';
import { writeRelationships } from './relationships';
import { withIndexesBuiltAfter } from './deferredIndexes';
import { withRollbackJournal } from './journal';
import { Sink, type RowCounts } from './sink';
import { writeVisits } from './visits';

/**
 * Realistic, deterministic demo data: Chinese telecom key accounts (companies in 潮汕 and the
 * Pearl River Delta, customer groups, the people in them), with phones, relationships,
 * anniversaries, two years of visits and 24 months of bills. The same (accounts, seed) give
 * the same content; every row goes through the one write path, a batch per chunk of accounts,
 * all of them in one transaction.
 */
export { seedReference } from './clock';
export type { RowCounts } from './sink';

export type SeedPhase =
  'plan' | 'accounts' | 'relationships' | 'anniversaries' | 'visits' | 'consumption' | 'indexes';

export interface SeedProgress {
  readonly phase: SeedPhase;
  /** Accounts done in this phase. */
  readonly done: number;
  readonly total: number;
}

export interface SeedOptions {
  /** How many accounts (about 30% organizations); the other records scale with it. */
  readonly accounts: number;
  readonly seed: number;
  /** Who the audit log says seeded (default `seed`). */
  readonly actor?: string;
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeedSummary {
  readonly accounts: number;
  readonly seed: number;
  /** The instant the data treats as now, and its billing periods. */
  readonly reference: typeof seedReference;
  /** Rows written per synced table. */
  readonly rows: RowCounts;
  readonly totalRows: number;
  /** Batches written (one audit entry each), all in one transaction. */
  readonly batches: number;
  readonly customerGroups: number;
  /** Milliseconds per phase. */
  readonly phaseMs: Record<SeedPhase, number>;
  readonly elapsedMs: number;
}

/**
 * Accounts per transaction, per phase: about 100,000 rows each (search keys included), so
 * memory stays flat while the indexes that take keys in random order (names, phone numbers,
 * visit ids) are written back once per batch rather than once per few rows. Anniversaries go
 * in one batch: a batch recounts every (day, owner) key it touched from the raw rows before
 * it commits (anniversary_key_counts), and every batch touches nearly all of them, so five
 * batches of 100,000 accounts recounted the growing table five times (5 s of a 100,000-account
 * seed); its rows are few (1.6 per account).
 */
type RowPhase = Exclude<SeedPhase, 'plan' | 'indexes'>;
const chunkSizes: Record<RowPhase, number> = {
  accounts: 5_000,
  relationships: 20_000,
  anniversaries: 1_000_000,
  visits: 10_000,
  consumption: 2_000,
};

/**
 * Page cache while seeding (KiB): a batch's dirty pages stay in memory until it commits
 * instead of spilling to the WAL and being written again. Restored afterwards.
 */
const seedingCacheKiB = 262_144;

type RowMaker = (plan: Plan, index: number, prng: Prng, sink: Sink) => void;

export function seedDatabase(db: Db, options: SeedOptions): SeedSummary {
  const { accounts, seed } = options;
  if (!Number.isSafeInteger(accounts) || accounts < 0)
    throw new RangeError(`accounts must be a whole number ≥ 0`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number`);
  const actor = options.actor ?? 'seed';
  const started = performance.now();
  const phaseMs: Record<SeedPhase, number> = {
    plan: 0,
    accounts: 0,
    relationships: 0,
    anniversaries: 0,
    visits: 0,
    consumption: 0,
    indexes: 0,
  };
  const report = (phase: SeedPhase, done: number) => options.onProgress?.({ phase, done, total: accounts });

  const plan = makePlan(seedBits(seed), accounts);
  phaseMs.plan = performance.now() - started;
  report('plan', accounts);

  const sink = new Sink();
  const prng = new Prng(0);
  let batches = 0;
  const run = (phase: RowPhase, stream: number, make: RowMaker) => {
    const phaseStarted = performance.now();
    for (let start = 0; start < accounts; start += chunkSizes[phase]) {
      const end = Math.min(accounts, start + chunkSizes[phase]);
      const before = sink.total();
      writeBatch(db, actor, 'seed', (writer) =>
        sink.into(writer, () => {
          for (let i = start; i < end; i++) make(plan, i, prng.reseed(plan.seed, stream, i), sink);
        }),
      );
      // A batch without rows commits nothing and leaves no audit entry.
      if (sink.total() > before) batches++;
      report(phase, end);
    }
    phaseMs[phase] = performance.now() - phaseStarted;
  };

  // What the book's first write does (the CLI's integrity check, claiming a node id) is done and
  // committed here, on its own: it stays due until a write commits, so inside the seed's one
  // transaction every batch ran it again — the check reading the whole growing book each time
  // (a fifth of a 20,000-account seed). An empty write commits only what a first write would.
  if (!db.sqlite.inTransaction) write(db, actor, () => undefined);

  const cacheSize = db.sqlite.pragma('cache_size', { simple: true }) as number;
  db.sqlite.pragma(`cache_size = ${-Math.max(seedingCacheKiB, cacheSize < 0 ? -cacheSize : 0)}`);
  try {
    // All or nothing: the batches are savepoints of one transaction, so a seed killed or failed
    // half-way leaves the book as it was (empty) and can simply be run again (with a rollback
    // journal while it runs: journal.ts). Each batch still
    // writes its side tables and audit entry on its own, so memory stays flat.
    withRollbackJournal(db, () =>
      db.transaction(() => {
        if (db.statement('SELECT 1 FROM accounts LIMIT 1').get() !== undefined) {
          throw new Error('Demo data goes into an empty database; this one already has accounts.');
        }
        let indexesStarted = 0;
        withIndexesBuiltAfter(db, () => {
          const accountWriter = new AccountWriter(plan);
          run('accounts', streams.accounts, (_, i, random, out) => accountWriter.write(i, random, out));
          run('relationships', streams.relationships, writeRelationships);
          run('anniversaries', streams.anniversaries, writeAnniversaries);
          run('visits', streams.visits, writeVisits);
          run('consumption', streams.consumption, writeConsumption);
          indexesStarted = performance.now();
        });
        phaseMs.indexes = performance.now() - indexesStarted;
        report('indexes', accounts);
      }),
    );
  } finally {
    db.sqlite.pragma(`cache_size = ${cacheSize}`);
  }

  const rows = { ...sink.counts };
  return {
    accounts,
    seed,
    reference: seedReference,
    rows,
    totalRows: sink.total(),
    batches,
    customerGroups: plan.groupCount,
    phaseMs: Object.fromEntries(
      Object.entries(phaseMs).map(([phase, ms]) => [phase, Math.round(ms)]),
    ) as Record<SeedPhase, number>,
    elapsedMs: Math.round(performance.now() - started),
  };
}
