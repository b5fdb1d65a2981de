import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBackupFolder, verifyBackup } from '../../db/backups';
import { manifestPathOf } from '../../db/backups/files';
import { encryptBook, isEncryptedBook } from '../../db/encryption';
import { openFieldbook, type Fieldbook } from '../../db/service';
import type { AccountPage, BackupInfo } from '../../shared/types';
import { bookDigest } from '../faults/helpers';

/*
 * Converting a plain book in place: the encrypted book holds exactly what the plain one held,
 * nothing plain of it stays beside it, a second run changes nothing, and a backup taken while
 * it was plain restores into it encrypted.
 */
const context = { actor: 'm001' };
const needles = ['张三丰', '13800138000'];
let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-encrypt-book-'));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const leaks = (file: string) => {
  const bytes = readFileSync(file);
  return needles.filter((needle) => bytes.includes(Buffer.from(needle, 'utf8')));
};

async function ok<T>(book: Fieldbook, name: string, input: unknown): Promise<T> {
  const result = await book.call(name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('encryptBook', () => {
  it('converts a plain book in place: same content, no plain bytes left, and a plain backup restores encrypted', async () => {
    const folder = join(directory, 'round-trip');
    mkdirSync(folder);
    const path = join(folder, 'fieldbook.db');
    const plain = await openFieldbook(path);
    await ok(plain, 'accounts.create', {
      kind: 'person',
      name: '张三丰',
      phones: [{ number: '13800138000' }],
    });
    const backup = await ok<BackupInfo>(plain, 'backups.create', { kind: 'manual' });
    await ok(plain, 'accounts.create', { kind: 'person', name: '李清照' });
    plain.close();
    expect(isEncryptedBook(path)).toBe(false);
    expect(leaks(path)).toEqual(needles);
    const before = bookDigest(path);
    // A plain backup kept elsewhere (a USB stick), brought back after the conversion.
    const backups = defaultBackupFolder(path);
    const elsewhere = join(directory, 'elsewhere.db');
    copyFileSync(join(backups, backup.file), elsewhere);
    copyFileSync(manifestPathOf(join(backups, backup.file)), `${elsewhere}.json`);

    const key = randomBytes(32);
    const result = encryptBook(path, key);
    expect(result.converted).toBe(true);
    expect(result.rows['accounts']).toBe(2);
    expect(result.backups).toEqual({ encrypted: 1, left: [] });
    expect(isEncryptedBook(path)).toBe(true);
    expect(bookDigest(path, [], key)).toBe(before);
    // Only the book and its backups are left: no -wal, -shm, copy or link of the plain book.
    expect(readdirSync(folder).sort()).toEqual(['backups', 'fieldbook.db']);
    expect(leaks(path)).toEqual([]);
    // The backup taken while the book was plain is encrypted now, its manifest's digest renewed.
    expect(readdirSync(backups).sort()).toEqual([backup.file, backup.file.replace(/\.db$/, '.json')]);
    expect(leaks(join(backups, backup.file))).toEqual([]);
    expect(verifyBackup(join(backups, backup.file), key)).toEqual([]);
    // As a kill between the backup's rename and its manifest's leaves it: the next run mends it.
    copyFileSync(`${elsewhere}.json`, manifestPathOf(join(backups, backup.file)));
    expect(verifyBackup(join(backups, backup.file), key).map((problem) => problem.kind)).toEqual(['digest']);
    expect(encryptBook(path, key).converted).toBe(false);
    expect(verifyBackup(join(backups, backup.file), key)).toEqual([]);
    expect(bookDigest(path, [], key)).toBe(before);

    const book = await openFieldbook(path, { key });
    try {
      expect(await ok(book, 'backups.verify', { file: backup.file })).toMatchObject({ problems: [] });
      // The plain one brought back restores too, and the book stays encrypted.
      const plainFile = backup.file.replace(/(\d{8}-\d{6})/, '20200101-000000');
      expect(plainFile).not.toBe(backup.file);
      copyFileSync(elsewhere, join(backups, plainFile));
      copyFileSync(`${elsewhere}.json`, manifestPathOf(join(backups, plainFile)));
      expect(leaks(join(backups, plainFile))).toEqual(needles);
      expect(await ok(book, 'backups.verify', { file: plainFile })).toMatchObject({ problems: [] });
      await ok(book, 'backups.restore', { file: plainFile });
      const listed = await ok<AccountPage>(book, 'accounts.list', {});
      expect(listed.rows.map((account) => account.name)).toEqual(['张三丰']);
    } finally {
      book.close();
    }
    expect(isEncryptedBook(path)).toBe(true);
    for (const file of [path, `${path}-wal`].filter(existsSync)) expect(leaks(file)).toEqual([]);
    // The safety backup the restore took is of the encrypted book: encrypted.
    const safety = readdirSync(defaultBackupFolder(path)).filter((name) => name.endsWith('-restore.db'));
    expect(safety).toHaveLength(1);
    expect(leaks(join(defaultBackupFolder(path), safety[0] ?? ''))).toEqual([]);
  });

  it('clears what a conversion killed after its swap left: the plain blocks, overwritten then removed', async () => {
    const folder = join(directory, 'leftover');
    mkdirSync(folder);
    const path = join(folder, 'fieldbook.db');
    const plain = await openFieldbook(path);
    await ok(plain, 'accounts.create', {
      kind: 'person',
      name: '张三丰',
      phones: [{ number: '13800138000' }],
    });
    plain.close();
    const key = randomBytes(32);
    // As a kill right after the rename leaves it: the encrypted book, and the plain one's link.
    copyFileSync(path, join(folder, 'plain.db'));
    encryptBook(path, key);
    renameSync(join(folder, 'plain.db'), `${path}.plain-leftover`);
    const book = await openFieldbook(path, { key });
    book.close();
    expect(readdirSync(folder).filter((name) => !name.endsWith('.log'))).toEqual(['fieldbook.db']);
  });

  it('refuses a wrong key for a book already encrypted, and leaves it as it was', async () => {
    const folder = join(directory, 'wrong-key');
    mkdirSync(folder);
    const path = join(folder, 'fieldbook.db');
    (await openFieldbook(path)).close();
    const key = randomBytes(32);
    encryptBook(path, key);
    const before = readFileSync(path);
    expect(() => encryptBook(path, randomBytes(32))).toThrow(
      expect.objectContaining({ code: 'BOOK_LOCKED' }) as Error,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
