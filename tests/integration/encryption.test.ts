import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBackupFolder, defaultRetention, restoreBackup } from '../../db/backups';
import { manifestPathOf } from '../../db/backups/files';
import { isEncryptedBook } from '../../db/encryption';
import { jobThreadFromSource } from '../../db/jobs/fromSource';
import { migrations } from '../../db/migrations/index';
import { openBook } from '../../db/openBook';
import { openFieldbook, type Fieldbook } from '../../db/service';
import type { ApiError } from '../../shared/errors';
import type { Account, AccountPage, BackupInfo, CsvExport, ErasureResult } from '../../shared/types';

/*
 * Encryption at rest, proven on the bytes: a book written through the app's handlers, with its
 * job thread, and every file the app writes for it (its WAL, the copy before an upgrade, backups,
 * the safety backup of a restore, the book after an erasure) grepped for known names and phone
 * numbers. The same run on a plain book finds them, so the grep can fail.
 */
const context = { actor: 'm001' };
const needles = ['张三丰', '13800138000', '李清照', '13700007777', '郭靖'];
let directory: string;
let counter = 0;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-encryption-'));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const freshFolder = () => {
  const folder = join(directory, `book-${++counter}`);
  mkdirSync(folder);
  return { folder, path: join(folder, 'fieldbook.db') };
};

/** Every needle found in the file's raw bytes. */
function found(file: string): string[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  return needles.filter((needle) => bytes.includes(Buffer.from(needle, 'utf8')));
}

/** Every SQLite file under `folder` (books, sidecars, backups, copies), but manifests. */
function sqliteFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.json') && !entry.name.endsWith('.log'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The file's bytes, hashed: what "unchanged" means for a book that cannot be opened. */
const bytesDigest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function ok<T>(book: Fieldbook, name: string, input: unknown): Promise<T> {
  const result = await book.call(name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const person = (book: Fieldbook, name: string, phone: string) =>
  ok<Account>(book, 'accounts.create', { kind: 'person', name, phones: [{ number: phone }] });

async function refusal(opening: Promise<unknown>): Promise<ApiError> {
  const error = await opening.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (error === null) throw new Error('the book opened');
  return error as ApiError;
}

describe.each([
  { mode: 'encrypted', key: randomBytes(32) },
  { mode: 'plain', key: null },
])('a $mode book, with its job thread', ({ mode, key }) => {
  const keyed = key ? { key } : {};
  const encrypted = mode === 'encrypted';

  it('keeps the names and numbers out of (or, plain, in) the raw bytes of every file it writes', async () => {
    const { folder, path } = freshFolder();
    // Older first: the upgrade to the app's schema writes its copy beside the book.
    const old = await openBook(path, { ...keyed, migrations: migrations.slice(0, -1) });
    old.db.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('note', ?)").run('"郭靖"');
    old.db.close();
    const book = await openFieldbook(path, { ...keyed, jobThread: jobThreadFromSource });
    try {
      expect(book.storage().notices.map((notice) => notice.kind)).toEqual(['upgraded']);
      const upgradeCopy = join(folder, 'fieldbook.before-upgrade.db');
      expect(found(upgradeCopy)).toEqual(encrypted ? [] : ['郭靖']);

      const zhang = await person(book, '张三丰', '13800138000');
      await person(book, '李清照', '13700007777');
      // The writes are in the WAL now (not checkpointed yet).
      expect(found(`${path}-wal`)).toEqual(
        encrypted ? [] : ['张三丰', '13800138000', '李清照', '13700007777'],
      );

      // The job thread reads the encrypted book: a CSV export carries the names out, as asked.
      const exported = await ok<CsvExport>(book, 'exports.csv', { tables: ['accounts'] });
      expect(Buffer.from(exported.contentBase64, 'base64').toString('utf8')).toContain('张三丰');

      const backup = await ok<BackupInfo>(book, 'backups.create', { kind: 'manual' });
      const backupFile = join(defaultBackupFolder(path), backup.file);
      expect(found(backupFile)).toEqual(
        encrypted ? [] : ['张三丰', '13800138000', '李清照', '13700007777', '郭靖'],
      );
      expect(await ok(book, 'backups.verify', { file: backup.file })).toMatchObject({ problems: [] });

      await person(book, '郭靖', '13600000000');
      const restored = await ok<{ safetyBackup: string }>(book, 'backups.restore', { file: backup.file });
      const safety = join(defaultBackupFolder(path), restored.safetyBackup);
      expect(found(safety).length).toBe(encrypted ? 0 : needles.length);
      // The restore took the book back to the backup: 郭靖 the person is gone, the others are there.
      const listed = await ok<AccountPage>(book, 'accounts.list', {});
      expect(listed.rows.map((account) => account.name).sort()).toEqual(['张三丰', '李清照']);

      const erased = await ok<ErasureResult>(book, 'accounts.erase', { id: zhang.id, reason: 'asked' });
      expect(erased.compacted).toBe(true);
      expect(found(path)).toEqual(encrypted ? [] : ['李清照', '13700007777', '郭靖']);
      expect(found(`${path}-wal`)).toEqual([]);
      expect(isEncryptedBook(path)).toBe(encrypted);
    } finally {
      book.close();
    }
    const everything = sqliteFiles(folder);
    expect(everything.length).toBeGreaterThanOrEqual(4);
    const leaks = everything.filter((file) => found(file).length > 0);
    if (encrypted) expect(leaks).toEqual([]);
    else expect(leaks.length).toBeGreaterThan(0);
  });
});

describe('an encrypted book', () => {
  it('opens only with its key: none or another is BOOK_LOCKED, and its files stay as they were', async () => {
    const { folder, path } = freshFolder();
    const key = randomBytes(32);
    const book = await openFieldbook(path, { key });
    await person(book, '张三丰', '13800138000');
    book.close();
    const before = bytesDigest(path);
    // Besides the book, only the fault log may appear (it records the refusals).
    const bookFiles = () =>
      readdirSync(folder)
        .filter((name) => !name.endsWith('.log'))
        .sort();
    const files = bookFiles();

    const none = await refusal(openFieldbook(path));
    expect(none).toMatchObject({ code: 'BOOK_LOCKED', details: { reason: 'no-key' } });
    const wrong = await refusal(openFieldbook(path, { key: randomBytes(32) }));
    expect(wrong).toMatchObject({ code: 'BOOK_LOCKED', details: { reason: 'wrong-key' } });
    expect(wrong.message).toContain('the key given does not open it');
    const readOnly = await refusal(openFieldbook(path, { readonly: true }));
    expect(readOnly).toMatchObject({ code: 'BOOK_LOCKED' });
    expect(bytesDigest(path)).toBe(before);
    expect(bookFiles()).toEqual(files);
    // No key bytes in what a refusal says or logs.
    const log = join(folder, 'fieldbook.log');
    const logged = existsSync(log) ? readFileSync(log, 'utf8') : '';
    for (const text of [none.message, wrong.message, logged, JSON.stringify(wrong.details)])
      expect(text).not.toContain(key.toString('hex'));

    const again = await openFieldbook(path, { key });
    const listed = await ok<AccountPage>(again, 'accounts.list', {});
    expect(listed.rows.map((account) => account.name)).toEqual(['张三丰']);
    again.close();
  });

  it('is restored with the app closed (file level) from an encrypted or a plain backup, encrypted', async () => {
    const { folder, path } = freshFolder();
    const key = randomBytes(32);
    const plainPath = join(folder, 'plain.db');
    const plain = await openFieldbook(plainPath);
    await person(plain, '李清照', '13700007777');
    const plainBackup = await ok<BackupInfo>(plain, 'backups.create', { kind: 'manual' });
    plain.close();
    const book = await openFieldbook(path, { key });
    await person(book, '张三丰', '13800138000');
    const backup = await ok<BackupInfo>(book, 'backups.create', { kind: 'manual' });
    await person(book, '郭靖', '13600000000');
    book.close();
    const restoreOptions = {
      bookPath: path,
      folder: defaultBackupFolder(path),
      now: new Date(2026, 11, 6, 10),
      retention: defaultRetention,
      known: migrations,
    };
    await expect(restoreBackup(join(defaultBackupFolder(path), backup.file), restoreOptions)).rejects.toThrow(
      expect.objectContaining({ code: 'BACKUP_INVALID' }) as Error,
    );
    const restored = await restoreBackup(join(defaultBackupFolder(path), backup.file), {
      ...restoreOptions,
      key,
    });
    expect(restored.setAsideAs).toBeNull();
    const names = async () => {
      const opened = await openFieldbook(path, { key });
      try {
        return (await ok<AccountPage>(opened, 'accounts.list', {})).rows.map((account) => account.name);
      } finally {
        opened.close();
      }
    };
    expect(await names()).toEqual(['张三丰']);
    // A plain backup (of another book here, as one brought on a USB stick) goes in encrypted.
    const fromPlain = join(defaultBackupFolder(path), plainBackup.file.replace('plain-', 'fieldbook-'));
    copyFileSync(join(defaultBackupFolder(plainPath), plainBackup.file), fromPlain);
    copyFileSync(
      manifestPathOf(join(defaultBackupFolder(plainPath), plainBackup.file)),
      manifestPathOf(fromPlain),
    );
    await restoreBackup(fromPlain, { ...restoreOptions, now: new Date(2026, 11, 6, 11), key });
    expect(isEncryptedBook(path)).toBe(true);
    expect(found(path)).toEqual([]);
    expect(await names()).toEqual(['李清照']);
    for (const file of readdirSync(defaultBackupFolder(path)))
      if (file.endsWith('-restore.db')) expect(found(join(defaultBackupFolder(path), file))).toEqual([]);
  });

  it('a plain book given a key is refused, not opened unencrypted', async () => {
    const { path } = freshFolder();
    (await openFieldbook(path)).close();
    const before = bytesDigest(path);
    const error = await refusal(openFieldbook(path, { key: randomBytes(32) }));
    expect(error).toMatchObject({ code: 'BOOK_LOCKED', details: { reason: 'not-encrypted' } });
    expect(bytesDigest(path)).toBe(before);
  });
});
