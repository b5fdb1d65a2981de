import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { closeSync, copyFileSync, existsSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, defaultBackupFolder, defaultRetention } from '../../../db/backups';
import type { DoctorReport } from '../../../db/cli/doctor';
import { peek } from '../../faults/books';
import { bookDigest, holdWriteLock, killLockers } from '../../faults/helpers';
import { fieldbook, scratchFolder } from './harness';

/**
 * `fieldbook doctor`: what support asks for first, without changing the book (read-only, never
 * created, never upgraded); exit 1 when something is wrong.
 */
const folder = scratchFolder('cli-doctor');
const book = join(folder, 'fieldbook.db');
/** The job thread (from the TypeScript sources: 2–3 s to start) only where it is looked at. */
const doctor = async (path: string, jobThread = false) => {
  const result = await fieldbook(
    ['--db', path, '--json', 'doctor'],
    '',
    jobThread ? {} : { jobThread: null },
  );
  return { code: result.code, report: JSON.parse(result.out) as DoctorReport, result };
};

beforeAll(async () => {
  expect((await fieldbook(['--db', book, '--json', 'seed', '--accounts', '30', '--seed', '2'])).code).toBe(0);
  writeFileSync(
    join(folder, 'fieldbook.log'),
    '2026-12-01T10:00:00.000Z [open] DB_BUSY ApiError: locked\n    at x\n',
  );
}, 60_000);
afterEach(() => killLockers());

describe('fieldbook doctor', () => {
  it('reports versions, the book, its schema, integrity, lock, copies, job thread and log; changes nothing', async () => {
    const before = bookDigest(book);
    const { code, report, result } = await doctor(book, true);
    expect(code, result.err).toBe(0);
    expect(report).toMatchObject({
      versions: { fieldbook: '9.9.9-test', node: process.version },
      book: { path: book, exists: true, isDefault: false },
      schema: { state: 'current' },
      integrity: { ok: true, problems: [] },
      writable: { ok: true },
      lock: 'free',
      encrypted: false,
      keyRingUsers: null,
      signedIn: false,
      verifiedCopy: null,
      jobThread: { ok: true, error: null },
      log: { entries: 1, last: ['2026-12-01T10:00:00.000Z [open] DB_BUSY ApiError: locked'] },
      problems: [],
    });
    expect(report.versions.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(report.versions.betterSqlite3).toMatch(/^\d+\.\d+\.\d+$/);
    expect(report.book.bytes).toBeGreaterThan(0);
    expect(report.schema?.applied).toBe(report.schema?.known);
    expect(bookDigest(book)).toBe(before);
    const text = await fieldbook(['--db', book, 'doctor'], '', { jobThread: null });
    expect(text.out).toMatch(/^Fieldbook {11}9\.9\.9-test$/m);
    expect(text.out).toContain('Encrypted           no');
    expect(text.out).toContain(
      'Verified backup     none yet (fieldbook backup create; the app takes one a day)',
    );
    expect(text.out).toContain('No problems found.');
    const before2 = bookDigest(book);
    const reader = new BetterSqlite3(book, { readonly: true });
    const withBackup = createBackup(reader, {
      bookPath: book,
      folder: defaultBackupFolder(book),
      reason: 'manual',
      now: new Date(),
      retention: defaultRetention,
    });
    reader.close();
    expect(bookDigest(book)).toBe(before2);
    const again = await fieldbook(['--db', book, 'doctor'], '', { jobThread: null });
    expect(again.out).toContain(`Verified backup     ${withBackup.path}`);
  }, 60_000);

  it('says when another program holds the write lock', async () => {
    const lock = await holdWriteLock(book, 'IMMEDIATE');
    try {
      const { code, report } = await doctor(book);
      expect(report.lock).toBe('held');
      expect(code).toBe(0);
    } finally {
      await lock.release();
    }
  }, 60_000);

  it('finds no book without creating one (exit 1)', async () => {
    const none = join(folder, 'none', 'fieldbook.db');
    const { code, report } = await doctor(none);
    expect(code).toBe(1);
    expect(report.book.exists).toBe(false);
    expect(report.problems[0]).toContain('no book at');
    expect(existsSync(none)).toBe(false);
  });

  it('reports a damaged book (exit 1)', async () => {
    const damaged = join(folder, 'damaged.db');
    copyFileSync(book, damaged);
    const { page, size } = peek(damaged, (sqlite) => ({
      page: Number(
        sqlite
          .prepare("SELECT pageno FROM dbstat WHERE name = 'consumption_seq' AND pagetype = 'leaf' LIMIT 1")
          .pluck()
          .get(),
      ),
      size: Number(sqlite.pragma('page_size', { simple: true })),
    }));
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page - 1) * size);
    closeSync(fd);
    const { code, report } = await doctor(damaged);
    expect(code).toBe(1);
    expect(report.integrity?.ok).toBe(false);
    expect(report.problems.some((problem) => problem.startsWith('damaged:'))).toBe(true);
  }, 60_000);
});
