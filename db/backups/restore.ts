import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/errors';
import { bookStem, installCopy, setAside, upgradeCopyPath } from '../bookFiles';
import type { Db } from '../connection';
import { toApiError } from '../faults';
import type { NamedMigration } from '../migrations/index';
import { openDatabase } from '../openBook';
import { claimNode, homeOf } from '../sync/node';
import { appendAudit } from '../write';
import { createBackup, entryOf, verifyBackup, type BackupOptions } from './copies';

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
}

type RestoreOptions = Omit<BackupOptions, 'reason'> & { readonly known: readonly NamedMigration[] };

/** The backup's problems as the refusal a restore gives, or its manifest's schema as too new. */
function checkRestorable(backup: string, known: readonly NamedMigration[]): void {
  const problems = verifyBackup(backup);
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
 * an older schema is upgraded on a staged copy first, so the open book is always current.
 */
export async function restoreInPlace(
  db: Db,
  backup: string,
  options: RestoreOptions & { readonly actor: string },
): Promise<RestoreResult> {
  checkRestorable(backup, options.known);
  // This computer's preferences (the manager code, language, the team passphrase kept by the OS)
  // are not part of the archive a backup restores: they stay as they are.
  const preferences = db.statement('SELECT key, value FROM settings').all() as {
    key: string;
    value: string;
  }[];
  const safetyBackup = createBackup(db.sqlite, { ...options, reason: 'restore' }).path;
  const latest = options.known.at(-1)?.name ?? '';
  const staged = join(options.folder, `${bookStem(db.path)}-restore-staging.db.partial`);
  let source = backup;
  try {
    if ((entryOf(backup).manifest?.schemaVersion ?? '') !== latest) {
      copyFileSync(backup, staged);
      (await openDatabase(staged, { migrations: options.known })).close();
      source = staged;
    }
    const reader = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
    try {
      await reader.backup(db.path);
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
  appendAudit(db, {
    actor: options.actor,
    action: 'backup.restore',
    entity: 'book',
    entityId: null,
    before: { safetyBackup },
    after: { restored: backup, at: entryOf(backup).manifest?.at ?? null },
  });
  return { safetyBackup, setAsideAs: null };
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
 * its first write claims a new node id by itself.
 */
export function restoreBackup(backup: string, options: RestoreOptions): RestoreResult {
  checkRestorable(backup, options.known);
  let safetyBackup: string | null = null;
  if (existsSync(options.bookPath)) {
    try {
      const book = new BetterSqlite3(options.bookPath, { fileMustExist: true });
      try {
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
  const setAsideAs = existsSync(options.bookPath) ? setAside(options.bookPath, options.now) : null;
  installCopy(entryOf(backup).path, options.bookPath);
  if (setAsideAs !== null && safetyBackup !== null) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${setAsideAs}${suffix}`, { force: true });
    return { safetyBackup, setAsideAs: null };
  }
  return { safetyBackup, setAsideAs };
}
