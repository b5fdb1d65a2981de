import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBackupFolder, listBackups } from '../../db/backups';
import { jobThreadFromSource } from '../../db/jobs/fromSource';
import { openFieldbook, type Fieldbook } from '../../db/service';
import type { ApiResult } from '../../shared/errors';

/*
 * Backups through the service as the app runs it: taken, checked and restored on the job
 * thread while the window's connection stays open, and the day's backup taken by itself.
 */
const manager = { actor: 'm001' };
let directory: string;
let counter = 0;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-backups-service-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const bookPath = () => join(directory, `book-${++counter}.db`);

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 20_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('backups in the app', () => {
  it('back up, change, restore: the window sees the book as it was, told by data.changed', async () => {
    const book: Fieldbook = await openFieldbook(bookPath(), {
      jobThread: jobThreadFromSource,
      integrityCheck: 'background',
    });
    try {
      const told: string[] = [];
      book.onDataChanged((operation) => told.push(operation));
      await book.call('accounts.create', { kind: 'person', name: '备份前' }, manager);
      const backup = value<{ file: string; verifiedWhenWritten: boolean }>(
        await book.call('backups.create', {}, manager),
      );
      expect(backup.verifiedWhenWritten).toBe(true);
      expect(
        value<{ problems: string[] }>(await book.call('backups.verify', { file: backup.file }, manager)),
      ).toEqual({
        file: backup.file,
        problems: [],
      });
      await book.call('accounts.create', { kind: 'person', name: '备份后' }, manager);
      const preview = value<{ backup: { rows: Record<string, number> }; current: Record<string, number> }>(
        await book.call('backups.preview', { file: backup.file }, manager),
      );
      expect(preview.backup.rows['accounts']).toBe(1);
      expect(preview.current['accounts']).toBe(2);

      const restored = value<{ safetyBackup: string }>(
        await book.call('backups.restore', { file: backup.file }, manager),
      );
      expect(told).toContain('backups.restore');
      const search = async (query: string) =>
        value<{ hits: unknown[] }>(await book.call('lookup.search', { query }, manager)).hits.length;
      expect(await search('备份后')).toBe(0);
      expect(await search('备份前')).toBe(1);
      const list = value<{ backups: { file: string; reason: string }[] }>(
        await book.call('backups.list', {}, manager),
      );
      expect(list.backups.map((entry) => entry.file)).toContain(restored.safetyBackup);
      // The window's connection writes on, under the new node id the thread gave the book.
      expect((await book.call('accounts.create', { kind: 'person', name: '恢复后' }, manager)).ok).toBe(true);
      const audit = book.db.sqlite
        .prepare("SELECT action FROM audit_log WHERE entity = 'book' ORDER BY id")
        .pluck()
        .all();
      // The book is the backup's: its own record of being copied came after the copy. The
      // restore itself is recorded in it; the history it replaced is in the safety backup.
      expect(audit).toEqual(['backup.restore']);
    } finally {
      book.close();
    }
  }, 60_000);

  it('removes a backup with its manifest, recorded; a name that is not a backup is refused', async () => {
    const path = bookPath();
    const book = await openFieldbook(path);
    try {
      const backup = value<{ file: string }>(await book.call('backups.create', {}, manager));
      expect(value(await book.call('backups.remove', { file: backup.file }, manager))).toEqual({
        file: backup.file,
      });
      expect(listBackups(path, defaultBackupFolder(path))).toEqual([]);
      // The folder is shared by this file's books: none of this one's files is left in it.
      const own = `${basename(path, '.db')}-`;
      expect(readdirSync(defaultBackupFolder(path)).filter((name) => name.startsWith(own))).toEqual([]);
      const actions = book.db.sqlite
        .prepare("SELECT action FROM audit_log WHERE entity = 'book' ORDER BY id")
        .pluck()
        .all();
      expect(actions).toEqual(['backup.create', 'backup.remove']);
      const again = await book.call('backups.remove', { file: backup.file }, manager);
      expect(again.ok ? 'ok' : again.error.code).toBe('NOT_FOUND');
    } finally {
      book.close();
    }
  });

  it("takes the day's backup by itself once the check has passed, and only one a day", async () => {
    const path = bookPath();
    const options = {
      jobThread: jobThreadFromSource,
      integrityCheck: 'background',
      automaticBackups: true,
    } as const;
    const first = await openFieldbook(path, options);
    await until(() => listBackups(path, defaultBackupFolder(path)).length === 1, 'the daily backup');
    first.close();
    const second = await openFieldbook(path, options);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    second.close();
    const backups = listBackups(path, defaultBackupFolder(path));
    expect(backups.map((entry) => entry.manifest?.reason)).toEqual(['daily']);
  }, 60_000);

  it('takes none when the user turned them off', async () => {
    const path = bookPath();
    const setUp = await openFieldbook(path);
    await setUp
      .client(manager)
      .settings.update({ backups: { daily: false, keep: { daily: 7, weekly: 4, monthly: 12 } } });
    setUp.close();
    const book = await openFieldbook(path, {
      jobThread: jobThreadFromSource,
      integrityCheck: 'background',
      automaticBackups: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    book.close();
    expect(listBackups(path, defaultBackupFolder(path))).toEqual([]);
  }, 60_000);
});
