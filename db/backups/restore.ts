import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError } from '../../shared/errors';
import { bookStem, installCopy, setAside, upgradeCopyPath } from '../bookFiles';
import { isPlainSqliteFile, keyOf, openCopy } from '../cipher';
import { connect, type Db } from '../connection';
import { writeEncryptedCopy } from '../encryptedFiles';
import { toApiError } from '../faults';
import type { NamedMigration } from '../migrations/index';
import { openDatabase } from '../openBook';
import { claimNode, homeOf } from '../sync/node';
import { appendAudit } from '../write';
import { createBackup, entryOf, listBackups, verifyBackup, type BackupOptions } from './copies';
import { eraseAgain, erasedAccountsOf } from './erasures';
import { backupIntoEncrypted } from './keyedBackup';

/**
 * Restoring a backup. A restore never loses the book it replaces: that book is backed up first
 * (reason `restore`), or, when it cannot be read whole, kept aside under another name. A
 * restored book takes a new sync node id: the changes it makes from now on must not reuse the
 * numbers the replaced book already sent to other laptops.
 */
export interface RestoreResult {
  /** The backup of the book as it was before the restore (null: it could not be read whole). */
  readonly safetyBackup: string | null;
  /** Where a book too damaged to back up was set aside, kept as it was. */
  readonly setAsideAs: string | null;
  /** The accounts erased in the replaced book that the backup held: erased again (./erasures.ts). */
  readonly erasedAgain: readonly string[];
}

type RestoreOptions = Omit<BackupOptions, 'reason'> & { readonly known: readonly NamedMigration[] };

/** The backup's problems as the refusal a restore gives, or its manifest's schema as too new. */
function checkRestorable(backup: string, known: readonly NamedMigration[], key: Buffer | null): void {
  const problems = verifyBackup(backup, key);
  if (problems.length > 0) {
    throw new ApiError('BACKUP_INVALID', 'This backup failed its check and was not restored', {
      details: { problems: problems.map((problem) => problem.text) },
    });
  }
  const version = entryOf(backup).manifest?.schemaVersion ?? '';
  if (version !== '' && !known.some((migration) => migration.name === version)) {
    throw new ApiError('DB_TOO_NEW', 'This backup was written by a newer Fieldbook; update the app', {
      details: { bookVersion: version },
    });
  }
}

/**
 * Restores into the open book, through SQLite's backup API: one write transaction replaces
 * every page, so the window's connection, the job thread's and another process's see the old
 * book or the restored one, never a mix, and a crash half-way leaves the old book. A backup of
 * an older schema is upgraded on a staged copy first, so the open book is always current. Into
 * an encrypted book, a plain backup (taken before the book was encrypted) is staged as an
 * encrypted copy first: the restored book stays encrypted, and so does every staged file.
 */
export async function restoreInPlace(
  db: Db,
  backup: string,
  options: RestoreOptions & { readonly actor: string },
): Promise<RestoreResult> {
  const key = keyOf(db.sqlite);
  checkRestorable(backup, options.known, key);
  // This computer's preferences (the manager code, language, the team passphrase kept by the OS)
  // are not part of the archive a backup restores: they stay as they are.
  const preferences = db.statement('SELECT key, value FROM settings').all() as {
    key: string;
    value: string;
  }[];
  const erased = erasedAccountsOf(db.sqlite);
  const safetyBackup = createBackup(db.sqlite, { ...options, reason: 'restore' }).path;
  const latest = options.known.at(-1)?.name ?? '';
  const staged = join(options.folder, `${bookStem(db.path)}-restore-staging.db.partial`);
  let source = backup;
  try {
    const plainIntoEncrypted = key !== null && isPlainSqliteFile(backup);
    if (plainIntoEncrypted || (entryOf(backup).manifest?.schemaVersion ?? '') !== latest) {
      if (plainIntoEncrypted) writeEncryptedCopy(backup, staged, key);
      else copyFileSync(backup, staged);
      (await openDatabase(staged, { migrations: options.known, ...(key ? { key } : {}) })).close();
      source = staged;
    }
    const reader = openCopy(source, key);
    try {
      if (key) await backupIntoEncrypted(reader, db.path, key);
      else await reader.backup(db.path);
    } finally {
      reader.close();
    }
  } finally {
    for (const file of [staged, `${staged}-wal`, `${staged}-shm`, upgradeCopyPath(staged)])
      rmSync(file, { force: true });
  }
  db.transaction(() => {
    db.statement('DELETE FROM settings').run();
    const keep = db.statement('INSERT INTO settings (key, value) VALUES (@key, @value)');
    for (const preference of preferences) keep.run(preference);
  });
  renewNode(db, options.actor);
  const again = eraseAgain(db, erased, { actor: options.actor, backup: basename(backup) });
  appendAudit(db, {
    actor: options.actor,
    action: 'backup.restore',
    entity: 'book',
    entityId: null,
    before: { safetyBackup },
    after: { restored: backup, at: entryOf(backup).manifest?.at ?? null, erasedAgain: again.accounts.length },
  });
  return { safetyBackup, setAsideAs: null, erasedAgain: again.accounts };
}

/** Forgets where the node id was given, so the book claims a new one (db/sync/node.ts). */
function renewNode(db: Db, actor: string): void {
  const home = homeOf(db.path);
  if (home === null) return;
  db.statement('UPDATE sync_clock SET home = NULL WHERE id = 1').run();
  claimNode(db, home, actor);
}

/**
 * Restores a book no connection has open, by putting the file in its place: for a book too
 * damaged to open (the command line, with the app closed). The restored file is a new file, so
 * it claims a new node id, before the write that erases again what the replaced book had erased
 * (read from it as far as it can be read, and from the backups taken after the one restored).
 */
export async function restoreBackup(
  backup: string,
  options: RestoreOptions & { readonly key?: Buffer; readonly actor?: string },
): Promise<RestoreResult> {
  const key = options.key ?? null;
  checkRestorable(backup, options.known, key);
  let safetyBackup: string | null = null;
  const erased = new Set(erasedInLaterBackups(backup, options, key));
  if (existsSync(options.bookPath)) {
    try {
      // Refused (BOOK_LOCKED) before anything changes when the key does not open the book.
      const book = connect(options.bookPath, { readonly: false, ...(key ? { key } : {}) });
      try {
        for (const id of erasedAccountsOf(book)) erased.add(id);
        safetyBackup = createBackup(book, { ...options, reason: 'restore' }).path;
      } finally {
        book.close();
      }
    } catch (error) {
      // A book that cannot be read whole is set aside as it is; any other failure (a full
      // disk) stops the restore before anything has changed.
      if (toApiError(error, 'backups.restore').code !== 'DB_CORRUPT') throw error;
    }
  }
  // The old file (with its -wal, which belongs to it) leaves the name before the backup takes it.
  let setAsideAs = existsSync(options.bookPath) ? setAside(options.bookPath, options.now) : null;
  if (key && isPlainSqliteFile(backup)) {
    // A plain backup restored for an encrypted book is installed encrypted.
    const staged = `${options.bookPath}.encrypting`;
    try {
      writeEncryptedCopy(backup, staged, key);
      installCopy(staged, options.bookPath);
    } finally {
      rmSync(staged, { force: true });
    }
  } else installCopy(entryOf(backup).path, options.bookPath);
  if (setAsideAs !== null && safetyBackup !== null) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${setAsideAs}${suffix}`, { force: true });
    setAsideAs = null;
  }
  const erasedAgain = await eraseAgainInFile(options.bookPath, [...erased], {
    key,
    known: options.known,
    actor: options.actor ?? 'fieldbook',
    backup: basename(backup),
  });
  return { safetyBackup, setAsideAs, erasedAgain };
}

/**
 * The erasures the backups taken after `backup` recorded: what a damaged book that cannot be
 * read any more had erased, as far as its later backups know.
 */
function erasedInLaterBackups(backup: string, options: RestoreOptions, key: Buffer | null): string[] {
  const since = entryOf(backup).manifest?.at ?? '';
  const found: string[] = [];
  for (const entry of listBackups(options.bookPath, options.folder)) {
    if ((entry.manifest?.at ?? '') <= since || entry.path === backup) continue;
    try {
      const copy = openCopy(entry.path, key);
      try {
        found.push(...erasedAccountsOf(copy));
      } finally {
        copy.close();
      }
    } catch {
      // An unreadable backup knows nothing to carry.
    }
  }
  return found;
}

/** `eraseAgain` in a restored book no connection has open: opened (and upgraded) for it alone. */
async function eraseAgainInFile(
  path: string,
  erased: readonly string[],
  options: { key: Buffer | null; known: readonly NamedMigration[]; actor: string; backup: string },
): Promise<readonly string[]> {
  if (erased.length === 0) return [];
  const db = await openDatabase(path, {
    migrations: options.known,
    ...(options.key ? { key: options.key } : {}),
  });
  try {
    renewNode(db, options.actor);
    return eraseAgain(db, erased, options).accounts;
  } finally {
    db.close();
  }
}
