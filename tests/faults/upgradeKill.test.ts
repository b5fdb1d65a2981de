import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradeCopyPath } from '../../db/bookFiles';
import { openBook } from '../../db/openBook';
import { buildOldBook, contentOf, latest, oldVersion, peek, prng, rollupFen, versionOf } from './books';

/*
 * `kill -9` during an upgrade. A child process opens an old book (and so upgrades it) and is
 * SIGKILLed at a random moment of the upgrade: during the verified copy, the migrations'
 * transaction, the check after it, or just after. Whatever the moment, the book must open
 * afterwards, be at the latest version, pass integrity_check and hold every row it held.
 *
 * The kill points are uniform over the length of a whole upgrade measured here first, counted
 * from the child's "opening" line (its start-up is not part of it). FIELDBOOK_FAULT_ITERATIONS
 * sets how many (default 20); FIELDBOOK_FAULT_SEED replays a sequence.
 */
const iterations = Number(process.env['FIELDBOOK_FAULT_ITERATIONS'] ?? 20);
const seed = Number(process.env['FIELDBOOK_FAULT_SEED'] ?? Date.now() % 2 ** 31);
const size = { accounts: 600, bills: 12_000, visits: 2_000 };

let directory: string;
let template: string;
let child: string;
let expected: Record<string, number>;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-upgrade-kill-'));
  template = join(directory, 'old.db');
  // One file of plain JavaScript starts in a fifth of the time tsx takes to load the sources.
  child = join(directory, 'upgradeChild.cjs');
  await build({
    entryPoints: ['tests/faults/upgradeChild.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: child,
    external: ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
    logLevel: 'warning',
  });
  await buildOldBook(template, size);
  expected = peek(template, contentOf);
}, 60_000);

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

interface Run {
  readonly done: boolean;
  /** From the child's "opening" to its "done" (or to the kill). */
  readonly ms: number;
  readonly output: string;
}

/** Opens `book` in a child process; kills it `killAfterMs` after it starts opening, if given. */
function runChild(book: string, killAfterMs?: number): Promise<Run> {
  const running = spawn(process.execPath, [child, book], {
    env: { ...process.env, NODE_PATH: resolve('node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let opening = 0;
  let timer: NodeJS.Timeout | undefined;
  running.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (opening === 0 && output.includes('opening\n')) {
      opening = performance.now();
      if (killAfterMs !== undefined) timer = setTimeout(() => running.kill('SIGKILL'), killAfterMs);
    }
  });
  running.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    running.on('error', reject);
    running.on('close', () => {
      clearTimeout(timer);
      resolve({ done: output.includes('done\n'), ms: performance.now() - opening, output });
    });
  });
}

describe('an upgrade killed at a random moment', () => {
  it(`always leaves a book that opens, upgraded, whole and sound (${iterations} kills)`, async () => {
    console.log(`upgrade kill test: seed ${seed} (FIELDBOOK_FAULT_SEED=${seed} replays it)`);
    const whole = join(directory, 'whole.db');
    copyFileSync(template, whole);
    const complete = await runChild(whole);
    expect(complete.done, complete.output).toBe(true);
    expect(peek(whole, versionOf)).toBe(latest);

    const random = prng(seed);
    const phases: Record<string, number> = {};
    for (let run = 0; run < iterations; run++) {
      const book = join(directory, `run-${run}.db`);
      copyFileSync(template, book);
      const killAfterMs = Math.round(random() * complete.ms * 1.1);
      const killed = await runChild(book, killAfterMs);
      const copyPath = upgradeCopyPath(book);
      const leftPartial = existsSync(`${copyPath}.partial`);
      const leftCopy = existsSync(copyPath);

      // The next start: the app's own open, which finishes (or redoes) the upgrade.
      const { db, storage } = await openBook(book);
      try {
        expect(storage.writable).toBe(true);
        expect(versionOf(db.sqlite)).toBe(latest);
        expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(contentOf(db.sqlite)).toEqual(expected);
        expect(rollupFen(db.sqlite)).toBe(expected['liveFen']);
        expect(existsSync(`${copyPath}.partial`)).toBe(false);
        const redone = storage.notices.find((notice) => notice.kind === 'upgraded');
        const phase = killed.done
          ? 'finished'
          : !redone
            ? 'after commit'
            : leftPartial
              ? 'copying'
              : leftCopy
                ? 'migrating'
                : 'before the copy';
        if (redone?.kind === 'upgraded') {
          expect(redone.from).toBe(oldVersion);
          // A copy of the old version was already there: the earlier upgrade is said to be resumed.
          expect(redone.resumed).toBe(leftCopy);
        }
        phases[phase] = (phases[phase] ?? 0) + 1;
      } finally {
        db.close();
      }
      rmSync(book, { force: true });
      rmSync(copyPath, { force: true });
    }
    console.log(
      `upgrade kill test: a whole upgrade took ${Math.round(complete.ms)} ms; kills by phase ${JSON.stringify(phases)}`,
    );
    expect(Object.values(phases).reduce((sum, n) => sum + n, 0)).toBe(iterations);
  }, 600_000);
});
