import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncedTable } from '../../db/schema';
import { seedDatabase } from '../../db/seed';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { entities } from '../../db/entities';

/*
 * `fieldbook seed` in a child process, killed with SIGKILL mid-way (once it reports the visits
 * phase, and at random moments while it seeds), leaves a book that opens, passes
 * integrity_check and is as it was before (empty) — or, if the kill came after the commit,
 * completely seeded — and seeding it again gives exactly what an uninterrupted seed gives.
 * The delays come from a seeded PRNG (printed; FIELDBOOK_CRASH_SEED=… replays them).
 */

const accounts = 600;
const seed = 5;
const randomKills = 2;
const crashSeed = Number(process.env['FIELDBOOK_CRASH_SEED'] ?? Date.now() % 2 ** 31);
const syncedTables = Object.keys(entities) as SyncedTable[];

let directory: string;

/** mulberry32: a small seeded PRNG, so a failing sequence of delays can be replayed. */
function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The synced content, without what differs between two runs (device clock, wall time). */
function contentDigest(fieldbook: Fieldbook): { rows: number; digest: string } {
  const hash = createHash('sha256');
  let rows = 0;
  for (const table of syncedTables) {
    const columns = ['id', ...entities[table].synced].join(', ');
    for (const row of fieldbook.db.sqlite.prepare(`SELECT ${columns} FROM ${table} ORDER BY id`).all()) {
      hash.update(JSON.stringify(row));
      rows++;
    }
  }
  return { rows, digest: hash.digest('hex') };
}

/** Opens the book as the app does: integrity, synced content, and the seed's audit entries. */
async function inspect(path: string) {
  const fieldbook = await openFieldbook(path);
  try {
    const integrity = fieldbook.db.sqlite.pragma('integrity_check', { simple: true }) as string;
    const seedBatches = (
      fieldbook.db.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'batch' AND entity = 'seed'")
        .get() as { n: number }
    ).n;
    return { integrity, seedBatches, ...contentDigest(fieldbook) };
  } finally {
    fieldbook.close();
  }
}

interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** From the first progress report (planning done, seeding begins) to the exit. */
  readonly seedingMs: number;
  readonly output: string;
}

/** When to SIGKILL the child: a time after its first progress report, or when a phase begins reporting. */
type Kill = { readonly afterMs: number } | { readonly onPhase: string };

function runSeed(path: string, kill?: Kill): Promise<RunResult> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'db/cli/bin.ts',
      '--db',
      path,
      '--as',
      'm001',
      'seed',
      '--accounts',
      String(accounts),
      '--seed',
      String(seed),
    ],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let seedingFrom: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (seedingFrom === null && output.includes('plan: ')) {
      seedingFrom = performance.now();
      if (kill && 'afterMs' in kill) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
    }
    if (kill && 'onPhase' in kill && output.includes(`${kill.onPhase}:`)) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, seedingMs: performance.now() - (seedingFrom ?? performance.now()), output });
    });
  });
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-seed-crash-'));
});

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('seed killed mid-way', () => {
  it('leaves the book as it was (or wholly seeded), intact, and seeding it again works', async () => {
    console.log(
      `seed crash test: seed ${crashSeed} (FIELDBOOK_CRASH_SEED=${crashSeed} replays these delays)`,
    );
    // The reference: the same seed in this process, uninterrupted; its length sets the time scale.
    const reference = await openFieldbook(join(directory, 'reference.db'));
    let seeded: ReturnType<typeof contentDigest>;
    let seedingMs: number;
    try {
      const started = performance.now();
      seedDatabase(reference.db, { accounts, seed, actor: 'm001' });
      seedingMs = performance.now() - started;
      seeded = contentDigest(reference);
    } finally {
      reference.close();
    }
    expect(seeded.rows).toBeGreaterThan(accounts * 50);

    const random = prng(crashSeed);
    const kills: Kill[] = [
      { onPhase: 'visits' },
      ...Array.from({ length: randomKills }, (_, run) => ({
        afterMs: Math.round((seedingMs * (run + random())) / randomKills),
      })),
    ];
    const lines: string[] = [];
    let interrupted: string | null = null;
    for (const [run, kill] of kills.entries()) {
      const path = join(directory, `killed-${run}.db`);
      const result = await runSeed(path, kill);
      const state = await inspect(path);
      const summary = `run ${run}: kill ${JSON.stringify(kill)}, exit ${result.code ?? result.signal}`;
      expect(state.integrity, summary).toBe('ok');
      if (state.rows === 0) {
        expect(state.seedBatches, `${summary}: audit entries of a seed that is not there`).toBe(0);
        interrupted ??= path;
      } else {
        expect({ rows: state.rows, digest: state.digest }, `${summary}: a partial seed`).toEqual(seeded);
      }
      if (result.signal === null) expect(result.code, result.output).toBe(0);
      lines.push(`  ${summary} → ${state.rows === 0 ? 'empty' : 'seeded'}`);
    }
    console.log([`uninterrupted seed: ${Math.round(seedingMs)} ms in process`, ...lines].join('\n'));

    // The kill at the visits phase interrupted a seed for certain; that book seeds again.
    expect(interrupted).not.toBeNull();
    const again = await openFieldbook(interrupted ?? '');
    try {
      seedDatabase(again.db, { accounts, seed, actor: 'm001' });
      expect(contentDigest(again)).toEqual(seeded);
    } finally {
      again.close();
    }
  }, 120_000);
});
