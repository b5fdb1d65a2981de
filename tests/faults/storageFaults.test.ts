import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { ApiError, type ApiErrorData, type ApiResult } from '../../shared/errors';
import { bookDigest, holdWriteLock, killLockers } from './helpers';

/**
 * Each fault produced for real on a real book, through the dispatcher every window and the CLI
 * use: one typed code on one line, nothing written, the stack in the log beside the book.
 */
let directory: string;
let path: string;
let logFile: string;
const context = { actor: 'm001' };
const opened: Fieldbook[] = [];

async function open(options: Parameters<typeof openFieldbook>[1] = {}): Promise<Fieldbook> {
  const book = await openFieldbook(path, { busyTimeoutMs: 1000, ...options });
  opened.push(book);
  return book;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-faults-'));
  path = join(directory, 'fieldbook.db');
  logFile = join(directory, 'fieldbook.log');
});
afterEach(() => {
  killLockers();
  for (const book of opened.splice(0)) book.close();
  rmSync(directory, { recursive: true, force: true });
});

function refusal(result: ApiResult<unknown>): ApiErrorData {
  if (result.ok) throw new Error('expected a refusal, the operation succeeded');
  return result.error;
}

/** A write that needs new pages: 4,000 characters of notes are three overflow pages. */
const largeAccount = { kind: 'person', name: '林晓燕', notes: '备'.repeat(4000), allowDuplicate: true };

async function seeded(): Promise<Fieldbook> {
  const book = await open();
  for (const name of ['张三', '李四']) {
    expect(book.dispatch('accounts.create', { kind: 'person', name }, context).ok).toBe(true);
  }
  return book;
}

function expectLogged(code: string): void {
  const log = readFileSync(logFile, 'utf8');
  expect(log).toContain(code);
  // The stack is here, not in what the user was given.
  expect(log).toMatch(/\n {4}at /);
}

describe('storage faults through the dispatcher', () => {
  it('a book locked by another process: DB_BUSY after the busy timeout, nothing written', async () => {
    const book = await seeded();
    const before = bookDigest(path);
    const lock = await holdWriteLock(path, 'IMMEDIATE');
    const started = performance.now();
    const error = refusal(book.dispatch('accounts.create', largeAccount, context));
    const waited = performance.now() - started;

    expect(error.code).toBe('DB_BUSY');
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toMatch(/\bat /);
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(3000);
    // Reads go on meanwhile (WAL): the user can still look things up.
    expect(book.dispatch('accounts.list', {}, context).ok).toBe(true);
    expect(bookDigest(path)).toBe(before);
    await lock.release();
    expect(bookDigest(path)).toBe(before);
    expectLogged('SQLITE_BUSY');

    // The same write once the lock is gone.
    expect(book.dispatch('accounts.create', largeAccount, context).ok).toBe(true);
    expect(bookDigest(path)).not.toBe(before);
  });

  it('waits five seconds by default', async () => {
    await (await seeded()).close();
    const book = await openFieldbook(path);
    opened.push(book);
    expect(book.db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('a full disk (max_page_count reached): DISK_FULL, nothing written', async () => {
    const book = await seeded();
    const pages = book.db.sqlite.pragma('page_count', { simple: true }) as number;
    book.db.sqlite.pragma(`max_page_count = ${pages}`);
    const before = bookDigest(path);

    const error = refusal(book.dispatch('accounts.create', largeAccount, context));
    expect(error).toMatchObject({ code: 'DISK_FULL', details: { cause: 'SQLITE_FULL' } });
    expect(bookDigest(path)).toBe(before);
    expectLogged('SQLITE_FULL');

    book.db.sqlite.pragma('max_page_count = 1073741823');
    expect(book.dispatch('accounts.create', largeAccount, context).ok).toBe(true);
  });

  it('a connection that may not write (query_only, as SQLite behaves when the file cannot be written): READ_ONLY', async () => {
    const book = await seeded();
    book.db.sqlite.pragma('query_only = ON');
    const before = bookDigest(path);

    const error = refusal(book.dispatch('accounts.create', largeAccount, context));
    expect(error).toMatchObject({ code: 'READ_ONLY', details: { cause: 'SQLITE_READONLY' } });
    expect(refusal(book.dispatch('accounts.update', { id: firstId(book), notes: 'x' }, context)).code).toBe(
      'READ_ONLY',
    );
    expect(book.dispatch('lookup.search', { query: '张三' }, context).ok).toBe(true);
    expect(bookDigest(path)).toBe(before);
    expectLogged('SQLITE_READONLY');
  });

  it('a damaged page: DB_CORRUPT on the read that meets it; a file that is no book at all, at open', async () => {
    const book = await seeded();
    const root = book.db.sqlite
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'accounts'")
      .pluck()
      .get() as number;
    const pageSize = book.db.sqlite.pragma('page_size', { simple: true }) as number;
    book.close();
    opened.splice(0);
    overwrite(path, (root - 1) * pageSize, Buffer.alloc(pageSize, 0xa5));

    const damaged = await open();
    const error = refusal(damaged.dispatch('accounts.list', {}, context));
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).not.toContain('\n');
    expectLogged('SQLITE_CORRUPT');
    damaged.close();
    opened.splice(0);

    overwrite(path, 0, Buffer.from('This is not SQLite'));
    const failed = await openFieldbook(path).catch((caught: unknown) => caught);
    expect(failed).toBeInstanceOf(ApiError);
    expect(failed).toMatchObject({ code: 'DB_CORRUPT', details: { cause: 'SQLITE_NOTADB' } });
    expectLogged('file is not a database');
  });
});

function firstId(book: Fieldbook): string {
  const result = book.dispatch('accounts.list', {}, context);
  if (!result.ok) throw new Error(result.error.message);
  const { rows } = result.value as { rows: { id: string }[] };
  return rows[0]?.id ?? '';
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}
