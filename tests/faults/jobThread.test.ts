import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobThreadFromSource } from '../../db/jobs/fromSource';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { bookDigest, holdWriteLock, killLockers } from './helpers';

/**
 * The job thread's faults travel back as values, typed like every other: a long write on a
 * locked book, and a thread that cannot open the book at all.
 */
let directory: string;
let path: string;
let book: Fieldbook;
const context = { actor: 'm001' };

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-faults-jobs-'));
  path = join(directory, 'fieldbook.db');
  book = await openFieldbook(path, { jobThread: jobThreadFromSource, busyTimeoutMs: 1000 });
  expect((await book.call('accounts.create', { kind: 'person', name: '张三' }, context)).ok).toBe(true);
});
afterEach(() => {
  killLockers();
  book.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('storage faults on the job thread', () => {
  it('a rebuild on a locked book answers DB_BUSY after the timeout given at open; nothing written', async () => {
    // Started before the lock: the thread's own open is not what is measured.
    expect((await book.call('stats.rebuild', {}, context)).ok).toBe(true);
    const before = bookDigest(path);
    const lock = await holdWriteLock(path, 'EXCLUSIVE');
    const started = performance.now();
    const result = await book.call('stats.rebuild', {}, context);
    const waited = performance.now() - started;
    await lock.release();

    expect(result).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } });
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(3000);
    expect(bookDigest(path)).toBe(before);
    expect(readFileSync(join(directory, 'fieldbook.log'), 'utf8')).toContain('[stats.rebuild] SqliteError');
    expect((await book.call('stats.rebuild', {}, context)).ok).toBe(true);
  });

  it('a thread that cannot open the book answers with the typed fault, and the next job tries again', async () => {
    // The file's header is damaged after this thread opened it: the job thread's open fails.
    // (Checkpointed first: a newer page 1 in the WAL would be read instead of the file's.)
    book.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const header = Buffer.alloc(16);
    const fd = openSync(path, 'r+');
    try {
      writeSync(fd, Buffer.from('not a database!!'), 0, 16, 0);
      const failed = await book.call('stats.rebuild', {}, context);
      expect(failed).toMatchObject({
        ok: false,
        error: { code: 'DB_CORRUPT', details: { cause: 'SQLITE_NOTADB' } },
      });
      expect(readFileSync(join(directory, 'fieldbook.log'), 'utf8')).toContain('[open]');
      // Mended, the next job starts a new thread.
      Buffer.from('SQLite format 3\0').copy(header);
      writeSync(fd, header, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
    expect(await book.call('stats.rebuild', {}, context)).toMatchObject({ ok: true });
  });
});
