import { ApiError, type ErrorCode } from '../shared/errors';

/**
 * Storage faults as typed errors. SQLite and the file system fail in a handful of ways a user can
 * act on — the book is locked by another process, the disk is full, the file or disk is
 * read-only, the file is damaged, the disk itself failed — and each becomes one code the windows
 * translate (`error.DB_BUSY`…) and the CLI prints on one line. Stacks go to the fault log
 * (./faultLog.ts), never to the user. Every transport maps through `toApiError`: the dispatcher,
 * the job thread, the CLI, IPC.
 */
export type StorageFaultCode = Extract<
  ErrorCode,
  'DB_BUSY' | 'DISK_FULL' | 'READ_ONLY' | 'DB_CORRUPT' | 'DB_IO'
>;

const explanations: Record<StorageFaultCode, string> = {
  DB_BUSY:
    'the book is locked by another program (another Fieldbook window or the command line) and stayed locked for a few seconds; nothing was written, try again in a moment',
  DISK_FULL: 'the disk is full; nothing was written',
  READ_ONLY: 'the book, its folder or the disk can only be read here; nothing was written',
  DB_CORRUPT: 'the book file is damaged; nothing was written',
  DB_IO: 'the disk could not be read or written (was it removed?); nothing was written',
};

/**
 * For a file the app writes beside the book (an export, a sync file): the file, not the book,
 * is what failed, and it may be half written.
 */
const fileExplanations: Record<StorageFaultCode, string> = {
  DB_BUSY: explanations.DB_BUSY,
  DISK_FULL: 'the disk is full; the file was not written completely',
  READ_ONLY: 'the file or its folder cannot be written here',
  DB_CORRUPT: explanations.DB_CORRUPT,
  DB_IO: 'the disk could not be read or written (was it removed?); the file was not written completely',
};

/**
 * SQLite's result codes by their primary code (better-sqlite3 reports the extended code:
 * `SQLITE_BUSY_SNAPSHOT`, `SQLITE_IOERR_WRITE`, `SQLITE_READONLY_DBMOVED`…).
 */
const sqlitePrimaryCodes: Readonly<Record<string, StorageFaultCode>> = {
  // Raised once busy_timeout has passed: another connection holds the write lock.
  SQLITE_BUSY: 'DB_BUSY',
  SQLITE_LOCKED: 'DB_BUSY',
  // A WAL lock that kept changing hands while SQLite retried: contention, as BUSY.
  SQLITE_PROTOCOL: 'DB_BUSY',
  // SQLite turns ENOSPC (and a reached max_page_count) into FULL.
  SQLITE_FULL: 'DISK_FULL',
  SQLITE_READONLY: 'READ_ONLY',
  SQLITE_PERM: 'READ_ONLY',
  SQLITE_CORRUPT: 'DB_CORRUPT',
  SQLITE_NOTADB: 'DB_CORRUPT',
  SQLITE_IOERR: 'DB_IO',
  // The file (or its -wal / -shm beside it) could not be opened: a missing drive, a bad path.
  SQLITE_CANTOPEN: 'DB_IO',
};

/**
 * Extended codes whose primary code would mislead. The book moved or deleted while open is not
 * a read-only disk: the file the app was writing is gone (a USB stick pulled, a sync tool
 * replacing it), which the DB_IO text describes.
 */
const sqliteExtendedCodes: Readonly<Record<string, StorageFaultCode>> = {
  SQLITE_READONLY_DBMOVED: 'DB_IO',
};

/** Node's errno codes where the app writes files (CSV exports, sync files, zips, the log). */
const systemCodes: Readonly<Record<string, StorageFaultCode>> = {
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  EROFS: 'READ_ONLY',
  EACCES: 'READ_ONLY',
  EPERM: 'READ_ONLY',
  EIO: 'DB_IO',
};

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

function faultCodeOf(code: string): StorageFaultCode | null {
  if (code.startsWith('SQLITE_')) {
    const extended = sqliteExtendedCodes[code];
    if (extended) return extended;
    const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
    return sqlitePrimaryCodes[primary] ?? null;
  }
  return systemCodes[code] ?? null;
}

interface Classified {
  readonly fault: StorageFaultCode;
  /** SQLite's extended code or the errno code, as reported. */
  readonly code: string;
  readonly path: string | null;
}

/** Follows `cause` (a failed migration wraps the SQLite error), however the fault was wrapped. */
function classify(error: unknown): Classified | null {
  const seen = new Set<unknown>();
  for (let current = error; current !== undefined && !seen.has(current);) {
    seen.add(current);
    if (current instanceof ApiError) return null;
    const code = codeOf(current);
    const fault = code === null ? null : faultCodeOf(code);
    if (code !== null && fault !== null) return { fault, code, path: pathOf(current) };
    current = current instanceof Error ? current.cause : undefined;
  }
  return null;
}

/** A file system error names the file it failed on: the CLI's one line says which. */
function pathOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('path' in error)) return null;
  return typeof error.path === 'string' ? error.path : null;
}

function faultError(fault: StorageFaultCode, code: string, path: string | null = null): ApiError {
  const where = path === null ? '' : ` (${path})`;
  const explanation = code.startsWith('SQLITE_') ? explanations[fault] : fileExplanations[fault];
  return new ApiError(fault, `${explanation} [${code}]${where}`, { details: { cause: code } });
}

/** The storage fault an error is, as its typed error, or null when it is none. */
export function storageFault(error: unknown): ApiError | null {
  const classified = classify(error);
  return classified && faultError(classified.fault, classified.code, classified.path);
}

/**
 * Any throw as the error a transport carries: an `ApiError` as it is, a storage fault typed,
 * anything else `INTERNAL` (its details stay in the log).
 */
export function toApiError(error: unknown, operation: string): ApiError {
  if (error instanceof ApiError) return error;
  return storageFault(error) ?? new ApiError('INTERNAL', `Internal error in ${operation}`);
}

/**
 * `toApiError` for one connection, which remembers that its disk failed. Once a write has met an
 * I/O error (an ext4 file system shut down under the book, measured), SQLite reads whatever the
 * failing disk returns and reports the file as damaged (SQLITE_CORRUPT) on every later read. The
 * disk is what the user can act on, and "restore a copy" would be the wrong advice, so later
 * DB_CORRUPT faults on that connection are told as DB_IO. A reopened book starts afresh and says
 * DB_CORRUPT if the file really is damaged.
 */
export function createFaultMapper(): (error: unknown, operation: string) => ApiError {
  let diskFailed = false;
  return (error, operation) => {
    const typed = toApiError(error, operation);
    if (typed.code === 'DB_IO') diskFailed = true;
    if (typed.code !== 'DB_CORRUPT' || !diskFailed) return typed;
    return new ApiError('DB_IO', `${explanations.DB_IO} [read as damaged after an I/O error]`, {
      details: typed.details,
    });
  };
}

/**
 * A fault opening the book, told by its cause. SQLite says only CANTOPEN when a book in WAL mode
 * sits on a read-only disk or folder (its -shm index cannot be created there), which is
 * READ_ONLY, not a failing disk.
 */
export function openFault(error: unknown, folderWritable: () => boolean): ApiError | null {
  const classified = classify(error);
  if (classified === null) return null;
  const { fault, code, path } = classified;
  const readOnlyFolder = code.startsWith('SQLITE_CANTOPEN') && !folderWritable();
  return faultError(readOnlyFolder ? 'READ_ONLY' : fault, code, path);
}
