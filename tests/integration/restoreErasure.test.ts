import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestMigration } from '../../db/migrations/index';
import type { BackupRestoreResult } from '../../shared/types';
import { decodeBundle } from '../unit/decodeBundle';
import {
  expectErasedEverywhere,
  expectStatisticsFromBills,
  foundInFiles,
  needles,
  secretName,
  seedErasureBook,
} from './erasureBook';
import { manager, openBook, type Book } from './operations/helpers';
import { exportFrom, importInto, passphrase } from './syncHelpers';

/*
 * A backup written before an erasure still holds the person. Restoring it must not bring them
 * back: the restore erases them again, keeps them in `erased_accounts`, and the next sync file
 * carries the erasure and none of their rows.
 */
let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

const decode = (file: Buffer) => decodeBundle(file, passphrase, { latestSchemaVersion: latestMigration });

describe('a restore after an erasure', () => {
  it('erases the person again: nowhere in the tables, the file or the next sync file', async () => {
    const { person, other } = seedErasureBook(book);
    // An export before the backup: the restored book's next export starts after it.
    exportFrom(book);
    const backup = book.ok('backups.create', { kind: 'manual' });
    book.ok('accounts.erase', { id: person.id, reason: '本人依个人信息保护法要求删除' });
    exportFrom(book);
    expect(book.ok('backups.preview', { file: backup.file }).erasedAgain).toBe(1);

    const result = await book.fieldbook.call('backups.restore', { file: backup.file }, manager);
    if (!result.ok) throw new Error(result.error.message);
    expect((result.value as BackupRestoreResult).erasedAgain).toBe(1);

    book.rejects('accounts.get', { id: person.id }, 'NOT_FOUND');
    expect(book.ok('accounts.get', { id: other.id }).name).toBe('王芳');
    expectErasedEverywhere(book, person.id);
    expect(foundInFiles(book.fieldbook.db.path)).toEqual([]);
    expectStatisticsFromBills(book);
    expect(book.rows('SELECT account_id FROM erased_accounts')).toEqual([{ account_id: person.id }]);
    expect(book.rows("SELECT entity_id, after FROM audit_log WHERE action = 'erase'")).toEqual([
      { entity_id: person.id, after: JSON.stringify({ restore: backup.file }) },
    ]);
    // The backup still holds them: restoring it once more would erase them again.
    expect(book.ok('backups.preview', { file: backup.file }).erasedAgain).toBe(1);

    const next = decode(exportFrom(book));
    expect(next.ops).toContainEqual({ e: person.id });
    const text = JSON.stringify(next.ops.filter((op) => !('e' in op)));
    for (const needle of [...needles, person.id]) expect(text.includes(needle), needle).toBe(false);
    const full = JSON.stringify(decode(exportFrom(book, true)).ops.filter((op) => !('e' in op)));
    for (const needle of [secretName, person.id]) expect(full.includes(needle), needle).toBe(false);
  });

  it('a book that learned of the erasure by sync keeps it through a restore too', async () => {
    const source = await openBook();
    try {
      const { person } = seedErasureBook(source);
      importInto(book, exportFrom(source, true));
      const backup = book.ok('backups.create', { kind: 'manual' });
      source.ok('accounts.erase', { id: person.id, reason: '客户书面申请' });
      importInto(book, exportFrom(source));
      book.rejects('accounts.get', { id: person.id }, 'NOT_FOUND');

      const result = await book.fieldbook.call('backups.restore', { file: backup.file }, manager);
      expect(result.ok).toBe(true);
      book.rejects('accounts.get', { id: person.id }, 'NOT_FOUND');
      expectErasedEverywhere(book, person.id);
      expect(foundInFiles(book.fieldbook.db.path)).toEqual([]);
    } finally {
      source.close();
    }
  });

  it('a backup that never held the person erases no one and says so', () => {
    const backup = book.ok('backups.create', { kind: 'manual' });
    const { person } = seedErasureBook(book);
    book.ok('accounts.erase', { id: person.id, reason: '客户书面申请' });
    expect(book.ok('backups.preview', { file: backup.file }).erasedAgain).toBe(0);
  });
});
