import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../db/seed';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { importBundle } from '../../db/sync/apply';
import { exportBundle } from '../../db/sync/export';
import type { Book } from './operations/helpers';
import { content, kdf, passphrase } from './syncHelpers';

/*
 * The crash test of sync: `fieldbook sync import` in a child process, killed with SIGKILL at a
 * random moment, leaves the book either fully as it was or fully imported, and it opens cleanly.
 * The delays come from a seeded PRNG (printed; FIELDBOOK_CRASH_SEED=… replays a run) and are
 * spread over the length of a normal import, one per slice, so some kills land early (before the
 * transaction) and some late. Whether a given kill lands inside the write transaction depends on
 * the machine's speed, so that is reported, not asserted.
 */

const actor = 'm001';
const timedRuns = 6;
const commitRuns = 3;
const seed = Number(process.env['FIELDBOOK_CRASH_SEED'] ?? Date.now() % 2 ** 31);

let directory: string;
let bundlePath: string;
let passphrasePath: string;
let pristinePath: string;
let before: string;
let after: string;

/** mulberry32: a small seeded PRNG, so a failing sequence of delays can be replayed. */
function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What must be all-or-nothing: every synced row with its clocks, the field clocks, roll-ups and
 * search keys (the sync helpers' `content`), plus what the import records beside them — the
 * bundle, the conflicts it filed and its audit entry — without the columns that differ between
 * two otherwise identical imports (times, generated ids, the node id a copy takes).
 */
function digest(fieldbook: Fieldbook): string {
  const rows = (sql: string, ...parameters: unknown[]) =>
    fieldbook.db.sqlite.prepare(sql).all(...parameters) as Record<string, unknown>[];
  const state = {
    ...content({ rows } as unknown as Book),
    sync_bundles: rows(
      `SELECT bundle_id, direction, source_node, actor, schema_version, op_count, full, counts,
              version_vector, since_seq, up_to_seq
       FROM sync_bundles ORDER BY bundle_id`,
    ),
    sync_conflicts: rows(
      `SELECT tbl, row_id, col, losing_value, losing_hlc, winning_hlc, bundle_id, resolution
       FROM sync_conflicts ORDER BY tbl, row_id, col, losing_hlc`,
    ),
    // Each copy of the target takes a node id of its own when first opened (db/sync/node.ts).
    audit_log: rows(
      "SELECT actor, action, entity, entity_id FROM audit_log WHERE action != 'node.renew' ORDER BY id",
    ),
  };
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}

/** Opens a book the way the app does, checks it is intact, and returns its digest. */
async function inspect(path: string): Promise<{ integrity: string; digest: string }> {
  const fieldbook = await openFieldbook(path);
  try {
    const integrity = fieldbook.db.sqlite.pragma('integrity_check', { simple: true }) as string;
    return { integrity, digest: digest(fieldbook) };
  } finally {
    fieldbook.close();
  }
}

/** A fresh copy of the target as it was before any import (closed, so the WAL is folded in). */
function freshTarget(name: string): string {
  const path = join(directory, `${name}.db`);
  copyFileSync(pristinePath, path);
  return path;
}

interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly ms: number;
  /** The largest -wal file seen while the child ran (polled every millisecond or so). */
  readonly peakWalBytes: number;
  /** Size of the -wal file the child left behind, before anyone reopens the book. */
  readonly walBytes: number;
  readonly output: string;
}

/** When to SIGKILL the child: after a delay, or once its WAL has grown past a size. */
type Kill = { readonly afterMs: number } | { readonly walAbove: number };

const walSize = (dbPath: string) => (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);

/** `fieldbook sync import` in its own process, killed as `kill` says unless done by then. */
function runImport(dbPath: string, kill?: Kill): Promise<RunResult> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'db/cli/bin.ts',
      '--db',
      dbPath,
      '--as',
      actor,
      'sync',
      'import',
      bundlePath,
      '--passphrase-file',
      passphrasePath,
    ],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peakWalBytes = 0;
  const poll = setInterval(() => {
    peakWalBytes = Math.max(peakWalBytes, walSize(dbPath));
    if (kill && 'walAbove' in kill && peakWalBytes > kill.walAbove) child.kill('SIGKILL');
  }, 1);
  const timer = kill && 'afterMs' in kill ? setTimeout(() => child.kill('SIGKILL'), kill.afterMs) : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({
        code,
        signal,
        ms: performance.now() - started,
        peakWalBytes,
        walBytes: walSize(dbPath),
        output,
      });
    });
  });
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-sync-crash-'));
  bundlePath = join(directory, 'full.fbsync');
  passphrasePath = join(directory, 'passphrase.txt');
  pristinePath = join(directory, 'target.db');
  writeFileSync(passphrasePath, `${passphrase}\n`);

  // The source: 200 seeded accounts, about 14,000 rows across every synced table.
  const source = await openFieldbook(join(directory, 'source.db'));
  seedDatabase(source.db, { accounts: 200, seed: 11, actor });
  writeFileSync(bundlePath, exportBundle(source.db, { full: true, passphrase, actor, kdf }).bytes);
  source.close();

  // The target has data of its own, so "after" is a merge and roll-ups change, not just fill.
  const target = await openFieldbook(pristinePath);
  seedDatabase(target.db, { accounts: 20, seed: 12, actor });
  target.close();
  before = (await inspect(pristinePath)).digest;

  const inProcess = await openFieldbook(freshTarget('in-process'));
  importBundle(inProcess.db, readFileSync(bundlePath), { passphrase, actor });
  after = digest(inProcess);
  inProcess.close();
  expect(after).not.toBe(before);
}, 120_000);

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('sync import killed at a random moment', () => {
  it('leaves the book fully before or fully after, and it opens cleanly', async () => {
    console.log(`sync crash test: seed ${seed} (FIELDBOOK_CRASH_SEED=${seed} replays these delays)`);

    // Two complete runs: the first warms tsx's cache, the faster one sets the time scale. Both
    // must end exactly where the in-process import ended.
    const complete: RunResult[] = [];
    for (const name of ['complete-1', 'complete-2']) {
      const path = freshTarget(name);
      const result = await runImport(path);
      expect(result.code, result.output).toBe(0);
      expect(await inspect(path)).toEqual({ integrity: 'ok', digest: after });
      complete.push(result);
    }
    const fullMs = Math.min(...complete.map((r) => r.ms));
    const peakWal = Math.max(...complete.map((r) => r.peakWalBytes));

    // Kills by time, one delay per slice of [0, fullMs): early and late kills in every run of
    // the test. Then kills aimed at the commit: once the child's WAL has grown past a random
    // fraction of what a whole import writes to it (the transaction reaches the disk there;
    // whether the poll catches it mid-write depends on the machine, so that is only reported).
    const random = prng(seed);
    const kills: Kill[] = [
      ...Array.from({ length: timedRuns }, (_, run) => ({
        afterMs: Math.round((fullMs * (run + random())) / timedRuns),
      })),
      ...Array.from({ length: commitRuns }, () => ({ walAbove: Math.floor(random() * peakWal) })),
    ];
    const outcomes: { kill: Kill; result: RunResult; state: 'before' | 'after' }[] = [];
    for (const [run, kill] of kills.entries()) {
      const path = freshTarget(`killed-${run}`);
      const result = await runImport(path, kill);
      const { integrity, digest: state } = await inspect(path);
      const summary = `run ${run}: kill ${JSON.stringify(kill)}, exit ${result.code ?? result.signal}, WAL left ${result.walBytes} bytes`;
      expect(integrity, summary).toBe('ok');
      expect([before, after], `${summary}: a partial import`).toContain(state);
      if (result.signal === null) expect(result.code, result.output).toBe(0);
      if (result.code === 0) expect(state, `${summary}: finished but not imported`).toBe(after);
      outcomes.push({ kill, result, state: state === before ? 'before' : 'after' });
    }

    console.log(
      [
        `normal import: ${complete.map((r) => Math.round(r.ms)).join(' / ')} ms, WAL up to ${peakWal} bytes`,
        ...outcomes.map(
          ({ kill, result, state }) =>
            `  kill ${'afterMs' in kill ? `after ${kill.afterMs} ms` : `at WAL > ${kill.walAbove} bytes`}` +
            ` → ${result.signal ?? `exit ${result.code}`} at ${Math.round(result.ms)} ms, ${state}` +
            ` (WAL left ${result.walBytes} bytes)`,
        ),
      ].join('\n'),
    );
    // The first slice is a small fraction of a whole run: that child was killed before it could
    // finish, so at least one kill really interrupted an import and left the book as it was.
    expect(outcomes.filter((o) => o.result.signal === 'SIGKILL').length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.state === 'before').length).toBeGreaterThan(0);
  }, 180_000);
});
