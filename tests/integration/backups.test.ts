import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBackup,
  defaultBackupFolder,
  defaultRetention,
  listBackups,
  restoreBackup,
  restoreInPlace,
  verifyBackup,
} from '../../db/backups';
import { manifestPathOf } from '../../db/backups/files';
import { migrations } from '../../db/migrations/index';
import { seedDatabase } from '../../db/seed';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { ApiError } from '../../shared/errors';
import { buildOldBook, oldVersion } from '../faults/books';
import { bookDigest } from '../faults/helpers';

/*
 * Backups against real books: each is proven before it takes its name (check, rows, digest), a
 * changed byte fails `verify`, a restore gives back exactly what was backed up and keeps the
 * book it replaces, and a damaged book neither writes a backup nor pushes good ones out.
 */
const manager = { actor: 'm001' };
let directory: string;
let counter = 0;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-backups-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

async function seededBook(): Promise<{ path: string; book: Fieldbook }> {
  const folder = join(directory, `book-${++counter}`);
  mkdirSync(folder);
  const path = join(folder, 'fieldbook.db');
  const book = await openFieldbook(path);
  seedDatabase(book.db, { accounts: 80, seed: counter, actor: manager.actor });
  return { path, book };
}

const options = (path: string, now = new Date(2026, 11, 6, 9, 30)) => ({
  bookPath: path,
  folder: defaultBackupFolder(path),
  now,
  retention: defaultRetention,
});

function flipByte(path: string, at: number): void {
  const fd = openSync(path, 'r+');
  const byte = Buffer.alloc(1);
  readSync(fd, byte, 0, 1, at);
  byte[0] = (byte[0] ?? 0) ^ 0x01;
  writeSync(fd, byte, 0, 1, at);
  closeSync(fd);
}

describe('backups', () => {
  it('are written beside the book with a manifest of their rows and digest, and verify', async () => {
    const { path, book } = await seededBook();
    const backup = createBackup(book.db.sqlite, { ...options(path), reason: 'manual' });
    expect(backup.path).toBe(
      join(directory, `book-${counter}`, 'backups', 'fieldbook-20261206-093000-manual.db'),
    );
    expect(backup.manifest?.rows['accounts']).toBe(80);
    expect(backup.manifest?.schemaVersion).toBe(migrations.at(-1)?.name);
    expect(verifyBackup(backup.path)).toEqual([]);
    expect(listBackups(path, defaultBackupFolder(path)).map((entry) => entry.path)).toEqual([backup.path]);
    book.close();
  });

  it('fail verify when one byte is changed, or the manifest is missing or edited', async () => {
    const { path, book } = await seededBook();
    const backup = createBackup(book.db.sqlite, { ...options(path), reason: 'manual' });
    book.close();
    flipByte(backup.path, Math.floor(backup.bytes / 2));
    expect(verifyBackup(backup.path)).toEqual([
      { kind: 'digest', text: 'its bytes are not those written (the file was changed or damaged)' },
    ]);
    flipByte(backup.path, Math.floor(backup.bytes / 2));
    expect(verifyBackup(backup.path)).toEqual([]);
    writeFileSync(manifestPathOf(backup.path), '{"format":1}');
    expect(verifyBackup(backup.path)).toEqual([
      { kind: 'manifest', text: 'its manifest is missing or unreadable' },
    ]);
  });

  it('restore gives back exactly what was backed up; the replaced book is itself backed up first', async () => {
    const { path, book } = await seededBook();
    const backup = createBackup(book.db.sqlite, { ...options(path), reason: 'manual' });
    book.close();
    const atBackup = bookDigest(path);
    const later = await openFieldbook(path);
    await later.client(manager).accounts.create({ kind: 'person', name: '备份后新增' });
    later.close();
    const beforeRestore = bookDigest(path);
    expect(beforeRestore).not.toBe(atBackup);

    const result = await restoreBackup(backup.path, {
      ...options(path, new Date(2026, 11, 6, 10, 0)),
      known: migrations,
    });
    expect(bookDigest(path)).toBe(atBackup);
    expect(result.setAsideAs).toBeNull();
    expect(result.safetyBackup).not.toBeNull();
    expect(verifyBackup(result.safetyBackup ?? '')).toEqual([]);
    // The safety backup holds the book as it was just before: restoring it undoes the restore.
    await restoreBackup(result.safetyBackup ?? '', {
      ...options(path, new Date(2026, 11, 6, 10, 5)),
      known: migrations,
    });
    expect(bookDigest(path)).toBe(beforeRestore);
    // The restored book opens and writes.
    const reopened = await openFieldbook(path);
    await reopened.client(manager).accounts.create({ kind: 'person', name: '恢复后新增' });
    reopened.close();
  });

  it('restore into the open book: the same content, a new node id, the restore audited, the book still writes', async () => {
    const { path, book } = await seededBook();
    const client = book.client(manager);
    const backup = createBackup(book.db.sqlite, { ...options(path), reason: 'manual' });
    const atBackup = bookDigest(path, ['audit_log', 'sync_clock', 'settings']);
    await client.accounts.create({ kind: 'person', name: '备份后新增' });
    await client.settings.update({ managerCode: 'm042', language: 'en' });
    const nodeBefore = String(book.db.sqlite.prepare('SELECT node FROM sync_clock').pluck().get());
    const result = await restoreInPlace(book.db, backup.path, {
      ...options(path, new Date(2026, 11, 6, 11, 0)),
      known: migrations,
      actor: manager.actor,
    });
    expect(bookDigest(path, ['audit_log', 'sync_clock', 'settings'])).toBe(atBackup);
    expect((await client.lookup.search({ query: '备份后新增' })).hits).toHaveLength(0);
    // This computer's preferences are not the archive's: they stay.
    expect(await client.settings.get()).toMatchObject({ managerCode: 'm042', language: 'en' });
    expect(String(book.db.sqlite.prepare('SELECT node FROM sync_clock').pluck().get())).not.toBe(nodeBefore);
    const actions = book.db.sqlite
      .prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 2')
      .pluck()
      .all();
    expect(actions).toEqual(['backup.restore', 'node.renew']);
    expect(verifyBackup(result.safetyBackup ?? '')).toEqual([]);
    await client.accounts.create({ kind: 'person', name: '恢复后新增' });
    expect((await client.lookup.search({ query: '恢复后新增' })).hits).toHaveLength(1);
    book.close();
  });

  it('restore of an older backup brings it up to date first', async () => {
    const folder = join(directory, `book-${++counter}`);
    mkdirSync(folder);
    const oldPath = join(folder, 'old.db');
    await buildOldBook(oldPath, { accounts: 20, bills: 40, visits: 5 });
    const old = new BetterSqlite3(oldPath);
    const backup = createBackup(old, { ...options(oldPath), reason: 'manual' });
    old.close();
    expect(backup.manifest?.schemaVersion).toBe(oldVersion);
    const path = join(folder, 'fieldbook.db');
    const book = await openFieldbook(path);
    await restoreInPlace(book.db, backup.path, { ...options(path), known: migrations, actor: manager.actor });
    expect(String(book.db.sqlite.prepare('SELECT max(name) FROM kysely_migration').pluck().get())).toBe(
      migrations.at(-1)?.name,
    );
    expect(book.db.sqlite.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(20);
    await book.client(manager).accounts.create({ kind: 'person', name: '恢复后新增' });
    book.close();
  });

  it('refuse to restore a changed backup, and leave the book as it was', async () => {
    const { path, book } = await seededBook();
    const backup = createBackup(book.db.sqlite, { ...options(path), reason: 'manual' });
    book.close();
    const before = bookDigest(path);
    flipByte(backup.path, 200);
    const error: unknown = await restoreBackup(backup.path, { ...options(path), known: migrations }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'BACKUP_INVALID' });
    expect(bookDigest(path)).toBe(before);
    expect(listBackups(path, defaultBackupFolder(path))).toHaveLength(1);
  });

  it('of a damaged book: none is written and none removed', async () => {
    const { path, book } = await seededBook();
    const good = createBackup(book.db.sqlite, { ...options(path), reason: 'daily' });
    // Damage an index page of the book the connection has open.
    const page = Number(
      book.db.sqlite
        .prepare("SELECT pageno FROM dbstat WHERE name = 'consumption_seq' AND pagetype = 'leaf' LIMIT 1")
        .pluck()
        .get(),
    );
    const size = Number(book.db.sqlite.pragma('page_size', { simple: true }));
    book.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page - 1) * size);
    closeSync(fd);
    const error = (() => {
      try {
        createBackup(book.db.sqlite, {
          ...options(path, new Date(2026, 11, 20)),
          reason: 'daily',
          retention: { daily: 0, weekly: 0, monthly: 0 },
        });
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    book.close();
    expect(error).toMatchObject({ code: 'DB_CORRUPT' });
    expect(listBackups(path, defaultBackupFolder(path)).map((entry) => entry.path)).toEqual([good.path]);
    expect(verifyBackup(good.path)).toEqual([]);
  });

  it('are kept in generations as days pass, and what a killed backup left is cleared', async () => {
    const { path, book } = await seededBook();
    const folder = defaultBackupFolder(path);
    const leftover = join(folder, 'fieldbook-20260101-000000-daily.db.partial');
    for (let day = 0; day < 20; day++) {
      createBackup(book.db.sqlite, {
        ...options(path, new Date(2026, 10, 1 + day, 12)),
        reason: 'daily',
        retention: { daily: 3, weekly: 2, monthly: 1 },
      });
      if (day === 0) writeFileSync(leftover, 'half a copy');
    }
    book.close();
    const kept = listBackups(path, folder).map((entry) => entry.manifest?.at.slice(0, 10));
    // Nov 20, 19, 18 (days); the newest of the week before (Sun Nov 15 ends ISO week 46).
    expect(kept).toEqual(
      ['2026-11-20', '2026-11-19', '2026-11-18', '2026-11-15'].map((day) =>
        new Date(`${day}T12:00:00`).toISOString().slice(0, 10),
      ),
    );
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(folder).filter((name) => name.endsWith('.json'))).toHaveLength(4);
  });
});
