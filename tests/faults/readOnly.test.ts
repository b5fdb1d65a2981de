import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../db/cli/main';
import { seedDatabase } from '../../db/seed';
import { openFieldbook } from '../../db/service';
import { localClock } from '../../db/sync/versionVector';
import { ApiError } from '../../shared/errors';
import { digestOf } from './books';

/*
 * Reads never write. A book opened read-only (asked for, or where it cannot be written: a
 * read-only file, folder or medium) can be searched, shown and exported to CSV; a write is
 * refused with READ_ONLY in one line; the book's bytes stay as they were.
 */
const manager = { actor: 'm001' };
let directory: string;
let pristine: string;
let someName: string;
let hits: number;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-read-only-'));
  pristine = join(directory, 'pristine.db');
  const book = await openFieldbook(pristine);
  seedDatabase(book.db, { accounts: 120, seed: 9, actor: manager.actor });
  someName = String(
    book.db.sqlite.prepare("SELECT name FROM accounts WHERE kind = 'person' LIMIT 1").pluck().get(),
  );
  hits = (await book.client(manager).lookup.search({ query: someName })).hits.length;
  book.close();
});

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

function copyOf(name: string): string {
  const path = join(directory, name);
  copyFileSync(pristine, path);
  return path;
}

describe('a book opened read-only', () => {
  it('is searched, shown and exported; writes are refused with READ_ONLY; its bytes do not change', async () => {
    const path = copyOf('asked.db');
    const before = digestOf(path);
    const book = await openFieldbook(path, { readonly: true });
    try {
      expect(book.storage()).toMatchObject({ writable: false, reason: 'requested', problems: [] });
      const client = book.client(manager);
      const result = await client.lookup.search({ query: someName });
      expect(result.hits).toHaveLength(hits);
      const detail = await client.accounts.detail({ id: result.hits[0]?.account.id ?? '' });
      expect(detail.account.name).toBe(result.hits[0]?.account.name);
      const csv = await client.exports.csv({ tables: ['accounts', 'visits'], language: 'zh-CN' });
      expect(csv.rows['accounts']).toBe(120);
      const node = localClock(book.db).node;
      for (const attempt of [
        client.accounts.create({ kind: 'person', name: '赵敏' }),
        client.accounts.update({ id: detail.account.id, notes: '只读' }),
        client.settings.update({ language: 'en' }),
        client.sync.export({ full: true, passphrase: 'team passphrase' }),
      ]) {
        const error = await attempt.catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({
          code: 'READ_ONLY',
          message: 'This book is open read-only: changes are refused',
        });
      }
      expect(localClock(book.db).node).toBe(node);
    } finally {
      book.close();
    }
    expect(digestOf(path)).toBe(before);
  });

  it('with --read-only in the CLI: lookups work, a write is refused in one line, the file is unchanged', async () => {
    const path = copyOf('flag.db');
    const before = digestOf(path);
    const printed: string[] = [];
    const errors: string[] = [];
    const originalError = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      expect(
        await main(['--db', path, '--read-only', 'lookup', someName], (line) => printed.push(line)),
      ).toBe(0);
      const input = JSON.stringify({ kind: 'person', name: '赵敏' });
      expect(await main(['--db', path, '--read-only', 'call', 'accounts.create', input], () => {})).toBe(1);
      expect(await main(['--db', path, '--read-only', 'seed', '--accounts', '1'], () => {})).toBe(1);
    } finally {
      console.error = originalError;
    }
    expect(printed.join('\n')).toContain(someName);
    expect(errors).toEqual([
      'fieldbook: READ_ONLY: This book is open read-only: changes are refused',
      'fieldbook: READ_ONLY: This book is open read-only: changes are refused',
    ]);
    expect(digestOf(path)).toBe(before);
  });

  it('an old book cannot be opened read-only (it must be upgraded first), and nothing is written', async () => {
    const { buildOldBook } = await import('./books');
    const path = join(directory, 'old.db');
    await buildOldBook(path, { accounts: 5, bills: 10, visits: 1 });
    const before = digestOf(path);
    await expect(openFieldbook(path, { readonly: true })).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(digestOf(path)).toBe(before);
  });
});

/*
 * A folder and file this process really cannot write. Permissions do not stop root, so as root
 * the CLI runs as `nobody` (uid 65534); otherwise chmod alone does it. The book is in WAL mode
 * and was closed cleanly (no -wal, no -shm): SQLite's usual read-only open then fails, as it
 * cannot create the -shm file beside the book; the book opens with `immutable=1` instead.
 */
describe('a book in a folder that cannot be written', () => {
  const asRoot = process.getuid?.() === 0;
  const other = { uid: 65534, gid: 65534 };
  let cli: string;
  let shelf: string;
  let book: string;
  let out: string;

  beforeAll(async () => {
    const tools = join(directory, 'tools');
    mkdirSync(tools);
    cli = join(tools, 'cli.cjs');
    await build({
      entryPoints: ['tests/faults/cliChild.ts'],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      outfile: cli,
      external: ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
      logLevel: 'error',
    });
    shelf = join(directory, 'shelf');
    mkdirSync(shelf);
    book = join(shelf, 'fieldbook.db');
    copyFileSync(pristine, book);
    out = join(directory, 'out');
    mkdirSync(out);
    chmodSync(directory, 0o755);
    chmodSync(tools, 0o755);
    chmodSync(cli, 0o644);
    chmodSync(out, 0o777);
    chmodSync(book, 0o444);
    chmodSync(shelf, 0o555);
  });

  afterAll(() => {
    if (shelf) chmodSync(shelf, 0o755);
  });

  function fieldbook(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [cli, '--db', book, '--as', 'm001', ...args], {
      env: { ...process.env, NODE_PATH: resolve('node_modules'), HOME: directory },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? other : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((done, fail) => {
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  }

  it('opens read-only by itself, with a one-line notice: lookups and CSV export work, a write gets READ_ONLY', async () => {
    const before = digestOf(book);
    const notice =
      'fieldbook: this book cannot be written here (read-only file, folder or disk); opened read-only: changes are refused\n';

    const lookup = await fieldbook('lookup', someName);
    expect(lookup).toMatchObject({ code: 0, stderr: notice });
    expect(lookup.stdout).toContain(someName);

    const exported = await fieldbook('export-csv', '--out', out, '--tables', 'accounts', '--language', 'en');
    expect(exported).toMatchObject({ code: 0, stderr: notice });
    const csv = readFileSync(join(out, readdirSync(out)[0] ?? ''), 'utf8');
    expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(121);

    const write = await fieldbook(
      'call',
      'accounts.create',
      JSON.stringify({ kind: 'person', name: '赵敏' }),
    );
    expect(write.code).toBe(1);
    expect(write.stderr).toBe(
      `${notice}fieldbook: READ_ONLY: This book cannot be written here (its file, folder or disk is read-only): changes are refused\n`,
    );

    expect(digestOf(book)).toBe(before);
    expect(readdirSync(shelf)).toEqual(['fieldbook.db']);
    expect(existsSync(`${book}-shm`)).toBe(false);
  }, 30_000);
});
