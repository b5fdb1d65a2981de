import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../shared/errors';
import type { StorageNotice, StorageReadOnlyReason, StorageStatus } from '../shared/types';
import {
  installCopy,
  removePartialCopy,
  removeUpgradeCopy,
  setAside,
  unwritableReason,
  upgradeCopyPath,
  verifiedCopyOf,
  writeVerifiedCopy,
} from './bookFiles';
import { applyPragmas, connect, sqliteCode, wrap, type Db, type OpenOptions } from './connection';
import { removeConversionLeftovers } from './encryptedFiles';
import { migrations as appMigrations, type NamedMigration } from './migrations';
import { applyMigrations, readSchemaState, type SchemaState } from './schemaUpgrade';
import { appendAudit } from './write';

/**
 * Opening a book, safely (docs/ARCHITECTURE.md, "Opening a book"):
 *
 * 1. Look before writing: on a read-only connection, the schema version (a book from a newer
 *    Fieldbook is refused with DB_TOO_NEW, its bytes untouched) and `PRAGMA quick_check`.
 * 2. A damaged book, or one that cannot or must not be written, opens read-only: searches,
 *    pages and exports work, writes are refused (`Fieldbook`), and `storage.get` says why.
 * 3. A book behind the app is upgraded: a verified copy first (`<name>.before-upgrade.db`),
 *    then every pending migration in one transaction with an audit entry, then the check again;
 *    a book damaged by the upgrade is set aside and replaced by the copy, then upgraded again.
 *    The copy is kept until the next start that finds the book sound and current.
 */
export interface OpenedBook {
  readonly db: Db;
  readonly storage: StorageStatus;
}

/** Who the upgrade's audit entries name. */
const upgradeActor = 'fieldbook';

export async function openBook(path: string, options: OpenOptions = {}): Promise<OpenedBook> {
  const opened = await openAsAsked(path, options);
  // The key has opened the book: what a conversion killed after its swap left beside it goes.
  if (options.key && !options.secondary && opened.storage.writable) removeConversionLeftovers(path);
  return opened;
}

async function openAsAsked(path: string, options: OpenOptions): Promise<OpenedBook> {
  const known = options.migrations ?? appMigrations;
  if (options.secondary) {
    const readonly = options.readonly ?? false;
    const sqlite = connect(path, {
      readonly,
      nativeBinding: options.nativeBinding,
      busyTimeoutMs: options.busyTimeoutMs,
      key: options.key,
    });
    applyPragmas(sqlite, readonly, options.busyTimeoutMs, options.key !== undefined);
    return { db: wrap(path, sqlite, readonly), storage: status(path, readonly ? 'requested' : null) };
  }
  if (options.readonly) return openReadOnly(path, 'requested', options, known);
  if (unwritableReason(path) !== null) return openReadOnly(path, 'not-writable', options, known);
  if (!existsSync(path))
    return openWritable(path, options, known, { state: null, checked: true, problems: [] });
  const inspection = inspect(path, options, known);
  if (inspection.problems.length > 0)
    return openReadOnly(path, 'damaged', options, known, inspection.problems);
  return openWritable(path, options, known, inspection);
}

/** `openBook` for callers that need the connection only. */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Db> {
  return (await openBook(path, options)).db;
}

function status(
  path: string,
  reason: StorageReadOnlyReason | null,
  problems: readonly string[] = [],
  notices: readonly StorageNotice[] = [],
): StorageStatus {
  return { path, writable: reason === null, reason, problems, verifiedCopy: verifiedCopyOf(path), notices };
}

/** Errors that mean the file itself is bad, not that SQLite was used wrongly. */
const isDamage = (error: unknown) => /^SQLITE_(CORRUPT|NOTADB|IOERR)/.test(sqliteCode(error));
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `PRAGMA quick_check`: the first problems it finds, none for a sound book. */
export function quickCheck(sqlite: BetterSqlite3.Database): string[] {
  try {
    const rows = sqlite.pragma('quick_check(20)') as { quick_check: string }[];
    // One problem per line; SQLite heads them with "*** in database main ***".
    return rows
      .flatMap((row) => row.quick_check.split('\n'))
      .filter((line) => line !== 'ok' && line !== '' && !line.startsWith('***'));
  } catch (error) {
    if (isDamage(error)) return [messageOf(error)];
    throw error;
  }
}

/** Version and soundness of an existing book, read without writing a byte of it. */
function inspect(path: string, options: OpenOptions, known: readonly NamedMigration[]): Inspection {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = connect(path, {
      readonly: true,
      nativeBinding: options.nativeBinding,
      busyTimeoutMs: options.busyTimeoutMs,
      key: options.key,
    });
  } catch (error) {
    // Encrypted, and no key (or not this one) was given: not damage, and nothing is written.
    if (error instanceof ApiError && error.code === 'BOOK_LOCKED') throw error;
    if (isDamage(error)) return { state: null, checked: true, problems: [messageOf(error)] };
    // A hot rollback journal, a WAL to recover: only a writing connection may (openWritable).
    if (sqliteCode(error).startsWith('SQLITE_READONLY') || error instanceof ApiError) {
      return { state: null, checked: false, problems: [] };
    }
    throw error;
  }
  try {
    const state = readSchemaState(sqlite, known);
    return { state, checked: true, problems: options.check === false ? [] : quickCheck(sqlite) };
  } catch (error) {
    if (isDamage(error)) return { state: null, checked: true, problems: [messageOf(error)] };
    throw error;
  } finally {
    sqlite.close();
  }
}

interface Inspection {
  readonly state: SchemaState | null;
  /** Whether `problems` is the verdict (false: the book could not be read without writing). */
  readonly checked: boolean;
  readonly problems: readonly string[];
}

async function openReadOnly(
  path: string,
  reason: StorageReadOnlyReason,
  options: OpenOptions,
  known: readonly NamedMigration[],
  foundProblems?: readonly string[],
): Promise<OpenedBook> {
  if (!existsSync(path)) {
    throw new ApiError('READ_ONLY', `There is no book at ${path}, and none can be made read-only`);
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = connect(path, {
      readonly: true,
      nativeBinding: options.nativeBinding,
      busyTimeoutMs: options.busyTimeoutMs,
      key: options.key,
    });
  } catch (error) {
    if (isDamage(error))
      throw new ApiError('DB_CORRUPT', `The book cannot be read: ${messageOf(error)}`, {
        details: { cause: sqliteCode(error) },
      });
    throw error;
  }
  try {
    applyPragmas(sqlite, true, options.busyTimeoutMs, options.key !== undefined);
    let problems = [...(foundProblems ?? [])];
    let state: SchemaState | null = null;
    try {
      state = readSchemaState(sqlite, known);
    } catch (error) {
      if (!isDamage(error)) throw error;
      problems.push(messageOf(error));
    }
    if (foundProblems === undefined && state !== null && options.check !== false)
      problems = quickCheck(sqlite);
    if (problems.length === 0 && state !== null && state.pending.length > 0) {
      throw new ApiError(
        'READ_ONLY',
        state.hasTables
          ? 'This book is from an older Fieldbook and must be upgraded first, which needs it writable: copy it to a folder you can write to'
          : 'This file holds no book yet, and a read-only one cannot be set up',
      );
    }
    const storage = status(path, problems.length > 0 ? 'damaged' : reason, problems);
    return { db: wrap(path, sqlite, true), storage };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

async function openWritable(
  path: string,
  options: OpenOptions,
  known: readonly NamedMigration[],
  inspected: Inspection,
): Promise<OpenedBook> {
  const copyPath = upgradeCopyPath(path);
  let sqlite = connect(path, {
    readonly: false,
    nativeBinding: options.nativeBinding,
    busyTimeoutMs: options.busyTimeoutMs,
    key: options.key,
  });
  try {
    if (!inspected.checked) {
      // Recovered by this connection (a hot journal, a WAL): now it can be looked at.
      const problems = options.check === false ? [] : quickCheck(sqlite);
      if (problems.length > 0) {
        sqlite.close();
        return await openReadOnly(path, 'damaged', options, known, problems);
      }
    }
    const state = inspected.state ?? readSchemaState(sqlite, known);
    // A copy cut short by a crash is never a usable copy: its name says so (.partial).
    removePartialCopy(copyPath);
    applyPragmas(sqlite, false, options.busyTimeoutMs, options.key !== undefined);
    if (state.pending.length === 0) {
      // This start found the book sound and current: the upgrade before it has proved itself.
      // A check left for later (the app's job thread, the CLI's first write) removes it then.
      if (options.check !== false) removeUpgradeCopy(path);
      return { db: wrap(path, sqlite, false), storage: status(path, null) };
    }
    if (!state.hasTables) {
      await applyMigrations(sqlite, state.pending);
      return { db: wrap(path, sqlite, false), storage: status(path, null) };
    }
    const upgraded = await upgrade(path, sqlite, state, known, options);
    sqlite = upgraded.sqlite;
    return { db: wrap(path, sqlite, false), storage: status(path, null, [], upgraded.notices) };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw toOpenError(error);
  }
}

/** The version recorded in a copy beside the book ('' if it has none or cannot be read). */
function versionOf(copy: string, known: readonly NamedMigration[], key: Buffer | undefined): string {
  if (!existsSync(copy)) return '';
  try {
    const sqlite = connect(copy, { readonly: true, key });
    try {
      return readSchemaState(sqlite, known).version;
    } finally {
      sqlite.close();
    }
  } catch {
    return '';
  }
}

/**
 * The copy, the transaction, the check after. Returns the connection to use (a new one when the
 * book had to be replaced by the copy) and what to tell the user.
 */
async function upgrade(
  path: string,
  first: BetterSqlite3.Database,
  state: SchemaState,
  known: readonly NamedMigration[],
  options: OpenOptions,
): Promise<{ sqlite: BetterSqlite3.Database; notices: StorageNotice[] }> {
  const copyPath = upgradeCopyPath(path);
  const to = known.at(-1)?.name ?? '';
  const resumed = versionOf(copyPath, known, options.key) === state.version;
  const seen = first.pragma('data_version', { simple: true });
  writeVerifiedCopy(first, copyPath);
  const notices: StorageNotice[] = [];
  let sqlite = first;
  for (let attempt = 1; ; attempt++) {
    const db = wrap(path, sqlite, false);
    const upgradedNotice: StorageNotice = {
      kind: 'upgraded',
      from: state.version,
      to,
      copy: copyPath,
      resumed,
    };
    const noticesNow = [...notices, upgradedNotice];
    const connection = sqlite;
    let problems: string[];
    try {
      await applyMigrations(connection, state.pending, () => {
        // Another process wrote between the copy and this transaction: the copy would be stale.
        if (attempt === 1 && connection.pragma('data_version', { simple: true }) !== seen) {
          throw new Error(
            'the book changed while it was being copied before the upgrade; nothing was changed',
          );
        }
        for (const notice of noticesNow) auditNotice(db, notice);
      });
      problems = options.check === false ? [] : quickCheck(connection);
    } catch (error) {
      // The caller closes the connection it gave; one opened here after a restore is closed here.
      if (connection !== first) connection.close();
      if (error instanceof ApiError) throw error;
      throw new Error(
        `Fieldbook could not upgrade this book: ${messageOf(error)}. It is unchanged, at version ${state.version}; a verified copy of it is at ${copyPath}`,
        { cause: error },
      );
    }
    if (problems.length === 0) return { sqlite, notices: noticesNow };
    // The upgrade left a damaged book (the disk failed under it): back to the copy, kept aside.
    sqlite.close();
    const damagedKeptAs = setAside(path);
    installCopy(copyPath, path);
    if (attempt === 2) {
      throw new ApiError(
        'DB_CORRUPT',
        `Upgrading the book damaged it twice (${problems[0] ?? ''}); it was put back as it was before the upgrade, and the damaged file kept as ${basename(damagedKeptAs)}`,
      );
    }
    notices.push({ kind: 'restored', copy: copyPath, damagedKeptAs });
    sqlite = connect(path, {
      readonly: false,
      nativeBinding: options.nativeBinding,
      busyTimeoutMs: options.busyTimeoutMs,
      key: options.key,
    });
    applyPragmas(sqlite, false, options.busyTimeoutMs, options.key !== undefined);
  }
}

function auditNotice(db: Db, notice: StorageNotice): void {
  if (notice.kind === 'upgraded') {
    appendAudit(db, {
      actor: upgradeActor,
      action: 'book.upgrade',
      entity: 'book',
      entityId: null,
      before: { version: notice.from },
      after: { version: notice.to, copy: notice.copy, resumed: notice.resumed },
    });
  } else {
    appendAudit(db, {
      actor: upgradeActor,
      action: 'book.restore',
      entity: 'book',
      entityId: null,
      before: { damagedKeptAs: notice.damagedKeptAs },
      after: { copy: notice.copy },
    });
  }
}

/** An upgrade that ran out of disk says so in the words the user can act on. */
function toOpenError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const code = sqliteCode(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new ApiError('DISK_FULL', `Not enough disk space to open the book: ${messageOf(error)}`, {
      details: { cause: code },
    });
  }
  return error;
}
