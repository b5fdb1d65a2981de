import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlainSqliteFile } from '../../db/cipher';
import { encryptBook, isEncryptedBook } from '../../db/encryption';
import { openBook, openDatabase } from '../../db/openBook';
import { buildOldBook, prng } from './books';
import { bookDigest } from './helpers';

/*
 * `kill -9` at a random moment while a plain book is converted: the book's name always holds
 * the plain book or the encrypted one, whole and with the same content, never a half; the next
 * conversion (or the keyed open) finishes the job and clears what the killed one left.
 */
const iterations = Number(process.env['FIELDBOOK_FAULT_ITERATIONS'] ?? 8);
const seed = Number(process.env['FIELDBOOK_FAULT_SEED'] ?? Date.now() % 2 ** 31);
const key = randomBytes(32);
let directory: string;
let template: string;
let child: string;
let expected: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-encrypt-kill-'));
  child = join(directory, 'encryptChild.cjs');
  await build({
    entryPoints: ['tests/faults/encryptChild.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: child,
    external: ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
    logLevel: 'warning',
  });
  template = join(directory, 'template.db');
  // Tens of megabytes: the copy takes long enough for kills to land inside it.
  await buildOldBook(template, { accounts: 1_000, bills: 40_000, visits: 5_000 });
  (await openDatabase(template)).close();
  expected = bookDigest(template);
}, 120_000);

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

function runChild(
  book: string,
  killAfterMs?: number,
): Promise<{ done: boolean; ms: number; output: string }> {
  const running = spawn(process.execPath, [child, book, key.toString('hex')], {
    env: { ...process.env, NODE_PATH: resolve('node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let started = 0;
  let timer: NodeJS.Timeout | undefined;
  running.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (started === 0 && output.includes('converting\n')) {
      started = performance.now();
      if (killAfterMs !== undefined) timer = setTimeout(() => running.kill('SIGKILL'), killAfterMs);
    }
  });
  running.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((settle, reject) => {
    running.on('error', reject);
    running.on('close', () => {
      clearTimeout(timer);
      settle({ done: output.includes('done\n'), ms: performance.now() - started, output });
    });
  });
}

describe('a conversion killed at a random moment', () => {
  it(`leaves the plain book or the encrypted one, whole, never a half (${iterations} kills)`, async () => {
    console.log(`encrypt kill test: seed ${seed} (FIELDBOOK_FAULT_SEED=${seed} replays it)`);
    const whole = join(directory, 'whole.db');
    copyFileSync(template, whole);
    const complete = await runChild(whole);
    expect(complete.done, complete.output).toBe(true);
    expect(bookDigest(whole, [], key)).toBe(expected);

    const random = prng(seed);
    const outcomes: Record<string, number> = {};
    for (let run = 0; run < iterations; run++) {
      const book = join(directory, `run-${run}.db`);
      copyFileSync(template, book);
      const killed = await runChild(book, Math.round(random() * complete.ms * 1.1));
      const left = readdirSync(directory).filter((name) => name.startsWith(`${basename(book)}.`));
      const outcome = killed.done ? 'finished' : isEncryptedBook(book) ? 'encrypted' : 'plain';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (isPlainSqliteFile(book)) {
        // Still the plain book: it opens as it did, with all it held.
        expect(bookDigest(book)).toBe(expected);
        const { db, storage } = await openBook(book);
        expect(storage.writable).toBe(true);
        db.close();
      } else {
        expect(isEncryptedBook(book), `after a kill: ${left.join(', ')}`).toBe(true);
        expect(bookDigest(book, [], key)).toBe(expected);
      }
      // The next run finishes the job and clears what the killed one left.
      encryptBook(book, key);
      expect(bookDigest(book, [], key)).toBe(expected);
      expect(readdirSync(directory).filter((name) => name.startsWith(`${basename(book)}`))).toEqual([
        basename(book),
      ]);
      rmSync(book, { force: true });
      expect(existsSync(book)).toBe(false);
    }
    console.log(
      `encrypt kill test: a whole conversion took ${Math.round(complete.ms)} ms; ${JSON.stringify(outcomes)}`,
    );
  }, 120_000);
});
