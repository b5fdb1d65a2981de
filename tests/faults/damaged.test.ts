import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { upgradeCopyPath } from '../../db/bookFiles';
import { main } from '../../db/cli/main';
import { jobThreadFromSource } from '../../db/jobs/fromSource';
import { seedDatabase } from '../../db/seed';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { ApiError } from '../../shared/errors';
import type { CsvExport, LookupResult } from '../../shared/types';
import { digestOf, peek, prng } from './books';

/*
 * Damage found at open: a book with a page of noise in the middle (what a failing disk or a
 * bad copy leaves; before, it opened, read and wrote with exit 0) opens read-only, says so,
 * refuses every write with DB_CORRUPT, and still finds and exports everything it can read.
 */
const manager = { actor: 'm001' };
const tables = ['accounts', 'phones', 'relationships', 'visits', 'anniversaries', 'consumption'] as const;
let directory: string;
let pristine: string;
let exported: Record<string, number>;
let someName: string;
let found: LookupResult;
const opened: Fieldbook[] = [];
let counter = 0;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-damaged-'));
  pristine = join(directory, 'pristine.db');
  const book = await openFieldbook(pristine);
  seedDatabase(book.db, { accounts: 150, seed: 5, actor: manager.actor });
  someName = String(
    book.db.sqlite.prepare("SELECT name FROM accounts WHERE kind = 'person' LIMIT 1").pluck().get(),
  );
  found = await book.client(manager).lookup.search({ query: someName });
  exported = (await book.client(manager).exports.csv({ tables: [...tables], language: 'en' })).rows;
  book.close();
});

afterEach(() => {
  for (const book of opened.splice(0)) book.close();
});

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/**
 * A copy of the seeded book with one page overwritten by random bytes: the page nearest the
 * middle of the file among those of an index neither search nor the CSV export reads (any other
 * page would make the rows on it unreadable, which no open can undo).
 */
function damagedBook(): string {
  const path = join(directory, `damaged-${++counter}.db`);
  copyFileSync(pristine, path);
  const { page, size } = peek(path, (sqlite) => {
    const count = Number(sqlite.pragma('page_count', { simple: true }));
    const pages = sqlite
      .prepare("SELECT pageno FROM dbstat WHERE name = 'consumption_seq' AND pagetype = 'leaf'")
      .pluck()
      .all() as number[];
    const middle = pages.reduce((best, at) =>
      Math.abs(at - count / 2) < Math.abs(best - count / 2) ? at : best,
    );
    return { page: middle, size: Number(sqlite.pragma('page_size', { simple: true })) };
  });
  const random = prng(counter);
  const noise = Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256)));
  const fd = openSync(path, 'r+');
  writeSync(fd, noise, 0, size, (page - 1) * size);
  closeSync(fd);
  return path;
}

/** Resolves once no connection holds the book open (the last close removes the -wal file). */
async function lastConnectionClosed(path: string): Promise<void> {
  for (let waited = 0; existsSync(`${path}-wal`); waited += 20) {
    if (waited > 10_000) throw new Error(`${path} is still open`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function open(path: string): Promise<Fieldbook> {
  const book = await openFieldbook(path);
  opened.push(book);
  return book;
}

describe('a damaged book', () => {
  it('opens read-only and says why, in storage.get', async () => {
    const path = damagedBook();
    const book = await open(path);
    const status = await book.client(manager).storage.get();
    expect(status).toMatchObject({ writable: false, reason: 'damaged', verifiedCopy: null, notices: [] });
    expect(status.problems.length).toBeGreaterThan(0);
    expect(book.db.readonly).toBe(true);
  });

  it('refuses every write with DB_CORRUPT, and a job thread would get none either', async () => {
    const book = await open(damagedBook());
    const client = book.client(manager);
    for (const attempt of [
      client.accounts.create({ kind: 'person', name: '赵敏' }),
      client.settings.update({ managerCode: 'm002' }),
      client.stats.rebuild(),
    ]) {
      const error = await attempt.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code: 'DB_CORRUPT' });
    }
    const viaCall = await book.call('sync.export', { full: true, passphrase: 'team passphrase' }, manager);
    expect(viaCall).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
  });

  it('still finds, shows and exports everything, and nothing is written to it', async () => {
    const path = damagedBook();
    const before = digestOf(path);
    const book = await open(path);
    const client = book.client(manager);
    const result = await client.lookup.search({ query: someName });
    expect(result).toEqual(found);
    const first = result.hits[0];
    expect(first).toBeDefined();
    const detail = await client.accounts.detail({ id: first?.account.id ?? '' });
    expect(detail.account.name).toBe(first?.account.name);
    const csv: CsvExport = await client.exports.csv({ tables: [...tables], language: 'en' });
    expect(csv.rows).toEqual(exported);
    book.close();
    opened.splice(opened.indexOf(book), 1);
    expect(digestOf(path)).toBe(before);
  });

  it('names the last verified copy beside it', async () => {
    const path = damagedBook();
    copyFileSync(pristine, upgradeCopyPath(path));
    const book = await open(path);
    expect(book.storage().verifiedCopy?.path).toBe(upgradeCopyPath(path));
  });

  it('in the CLI: lookups work without paying for the check; a write checks first and is refused in one line', async () => {
    const path = damagedBook();
    const errors: string[] = [];
    const printed: string[] = [];
    const originalError = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      expect(await main(['--db', path, 'lookup', someName], (line) => printed.push(line))).toBe(0);
      expect(printed.join('\n')).toContain(someName);
      const create = JSON.stringify({ kind: 'person', name: '赵敏' });
      expect(await main(['--db', path, 'call', 'accounts.create', create], () => {})).toBe(1);
    } finally {
      console.error = originalError;
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^fieldbook: DB_CORRUPT: This book is damaged and open read-only/);
  });

  it('checked in the background (the app): the window opens at once, writes wait, then damage turns the book read-only', async () => {
    const path = damagedBook();
    const before = digestOf(path);
    const book = await openFieldbook(path, { jobThread: jobThreadFromSource, integrityCheck: 'background' });
    opened.push(book);
    const told: string[] = [];
    book.onDataChanged((operation) => told.push(operation));
    expect(book.storage().writable).toBe(true);
    const create = { kind: 'person', name: '赵敏' };
    // While the check runs, reads answer; a write waits for its verdict rather than touch a book
    // that may be damaged, and is refused once the damage is found.
    expect((await book.call('lookup.search', { query: someName }, manager)).ok).toBe(true);
    const early = await book.call('accounts.create', create, manager);
    expect(early.ok ? 'ok' : early.error.code).toBe('DB_CORRUPT');
    expect(book.storage().reason).toBe('damaged');
    // Nothing else writes on the main connection either (reminders, an export's audit entry).
    expect(() => book.db.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run()).toThrow(
      /readonly/i,
    );
    expect((await book.call('exports.csv', { tables: ['accounts'], language: 'en' }, manager)).ok).toBe(true);
    expect(told).toContain('storage.check');
    const late = await book.call('accounts.create', create, manager);
    expect(late.ok ? 'ok' : late.error.code).toBe('DB_CORRUPT');
    book.close();
    opened.splice(opened.indexOf(book), 1);
    // The job thread closes after the main connection; its close, the last, folds any write it
    // made into the file (the export ran there). Wait for it, then compare.
    await lastConnectionClosed(path);
    expect(digestOf(path)).toBe(before);
  }, 30_000);

  it('checked in the background, a sound book takes writes once the check has answered, and drops the copy of its last upgrade then', async () => {
    const path = join(directory, `sound-${++counter}.db`);
    copyFileSync(pristine, path);
    copyFileSync(pristine, upgradeCopyPath(path));
    const book = await openFieldbook(path, { jobThread: jobThreadFromSource, integrityCheck: 'background' });
    opened.push(book);
    await expect
      .poll(
        async () => {
          const result = await book.call('accounts.create', { kind: 'person', name: '赵敏' }, manager);
          return result.ok ? 'ok' : result.error.code;
        },
        { timeout: 15_000 },
      )
      .toBe('ok');
    expect(book.storage().writable).toBe(true);
    expect(existsSync(upgradeCopyPath(path))).toBe(false);
  }, 30_000);

  it('keeps the copy of the last upgrade through opens that did not check the book (the CLI reading)', async () => {
    const path = join(directory, `unchecked-${++counter}.db`);
    copyFileSync(pristine, path);
    copyFileSync(pristine, upgradeCopyPath(path));
    const reading = await openFieldbook(path, { integrityCheck: 'first-write' });
    await reading.client(manager).lookup.search({ query: someName });
    reading.close();
    expect(existsSync(upgradeCopyPath(path))).toBe(true);
    const writing = await openFieldbook(path, { integrityCheck: 'first-write' });
    await writing.client(manager).accounts.create({ kind: 'person', name: '赵敏' });
    writing.close();
    expect(existsSync(upgradeCopyPath(path))).toBe(false);
  });

  it('whose first page is noise cannot be opened at all: DB_CORRUPT', async () => {
    const path = join(directory, `header-${++counter}.db`);
    copyFileSync(pristine, path);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    closeSync(fd);
    await expect(openFieldbook(path)).rejects.toMatchObject({ code: 'DB_CORRUPT' });
  });
});
