import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../shared/errors';

/**
 * Encryption at rest, below the data key (docs/ARCHITECTURE.md, "Encryption at rest"): the key
 * ring (db/access/) turns a password into the book's 32 random bytes; here those bytes key
 * every connection and every copy. SQLite3 Multiple Ciphers encrypts each page as it leaves the
 * page cache, so the book, its WAL and a `VACUUM INTO` copy are all ciphertext.
 *
 * The cipher is set explicitly, never left to the library's default (a default may change):
 * AEGIS-256 — authenticated (a flipped byte fails to read, like ChaCha20-Poly1305), and the
 * fastest of the library's ciphers measured on this book's reads (AES hardware instructions).
 * The key is raw: no passphrase KDF inside SQLite, the key ring already ran argon2.
 */
export const bookCipher = { cipher: 'aegis', algorithm: 'aegis-256' } as const;

/** The data key's length: AEGIS-256 takes 32 bytes. */
export const bookKeyBytes = 32;

/** Which key each keyed connection was opened with, so its copies are keyed the same. */
const keys = new WeakMap<BetterSqlite3.Database, Buffer>();

/** The key a connection was opened with, or null for a plain book. */
export const keyOf = (sqlite: BetterSqlite3.Database): Buffer | null => keys.get(sqlite) ?? null;

function checkKey(key: Buffer): void {
  if (key.length !== bookKeyBytes) throw new Error(`A book key is ${bookKeyBytes} bytes`);
}

/**
 * Keys a fresh connection: must be its first statement (before anything reads page 1). The
 * `raw:` prefix with exactly 32 bytes makes SQLite3 Multiple Ciphers take them as the key itself.
 */
export function applyKey(sqlite: BetterSqlite3.Database, key: Buffer): void {
  checkKey(key);
  sqlite.pragma(`cipher = '${bookCipher.cipher}'`);
  sqlite.pragma(`algorithm = '${bookCipher.algorithm}'`);
  const raw = Buffer.concat([Buffer.from('raw:'), key]);
  try {
    sqlite.key(raw);
  } finally {
    raw.fill(0);
  }
  keys.set(sqlite, key);
}

/**
 * A file name SQLite opens already keyed (URI parameters): for the connections this process does
 * not open itself — `VACUUM INTO`'s target and the backup API's destination. Never logged: errors
 * that could carry it go through `withoutKey`.
 */
export function keyedUri(path: string, key: Buffer): string {
  checkKey(key);
  const { cipher, algorithm } = bookCipher;
  return `${pathToFileURL(path).href}?cipher=${cipher}&algorithm=${algorithm}&key=raw:${key.toString('hex')}`;
}

/** The same error with any trace of the key (a keyed URI in SQLite's words) taken out. */
export function withoutKey(error: unknown, key: Buffer): unknown {
  if (!(error instanceof Error)) return error;
  const hex = key.toString('hex');
  if (hex === '' || !error.message.includes(hex)) return error;
  error.message = error.message.replaceAll(hex, '…');
  if (error.stack) error.stack = error.stack.replaceAll(hex, '…');
  return error;
}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

/** The first 24 bytes of a file (fewer if it is shorter; none if it cannot be read). */
function headerOf(path: string): Buffer {
  const header = Buffer.alloc(24);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    return header.subarray(0, readSync(fd, header, 0, header.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Whether the file starts as a plain SQLite database does. */
export function isPlainSqliteFile(path: string): boolean {
  const header = headerOf(path);
  return header.length >= sqliteMagic.length && header.subarray(0, sqliteMagic.length).equals(sqliteMagic);
}

/**
 * Whether the file is a book encrypted by SQLite3 Multiple Ciphers, from its header alone: the
 * first 16 bytes are a random salt instead of "SQLite format 3", while bytes 16–23 stay plain
 * (SQLite reads them before any key applies) and say that every page reserves room for the
 * cipher's nonce and tag. A plain book whose first bytes were overwritten reserves none, so it
 * still reads as damaged, not as locked. A key that does not open an encrypted book and damage
 * to its first 16 bytes cannot be told apart without the right key.
 */
export function isEncryptedBook(path: string): boolean {
  const header = headerOf(path);
  if (header.length < 24 || isPlainSqliteFile(path)) return false;
  const pageSize = header.readUInt16BE(16);
  const validPageSize = pageSize === 1 || (pageSize >= 512 && (pageSize & (pageSize - 1)) === 0);
  const reserved = header[20] ?? 0;
  // 64, 32, 32: the payload fractions SQLite requires of every database.
  return validPageSize && reserved > 0 && header[21] === 64 && header[22] === 32 && header[23] === 32;
}

/**
 * Why a book did not open for want of its key, in words that never carry the key. A plain book
 * given a key is refused too: opening it as plain would silently keep it unencrypted.
 */
export function lockedError(path: string, keyGiven: boolean): ApiError {
  if (!keyGiven)
    return new ApiError('BOOK_LOCKED', 'This book is encrypted; it opens only with its key (sign in)', {
      details: { reason: 'no-key' },
    });
  if (isPlainSqliteFile(path))
    return new ApiError(
      'BOOK_LOCKED',
      'This book is not encrypted, so a key does not open it; it is converted first (encryptBook)',
      { details: { reason: 'not-encrypted' } },
    );
  return new ApiError(
    'BOOK_LOCKED',
    'This book is encrypted and the key given does not open it (without the right key, a wrong key and a damaged first page look the same)',
    { details: { reason: 'wrong-key' } },
  );
}

/**
 * A copy (a backup, the copy before an upgrade), opened read-only: with the key when it is
 * encrypted, as it is when it is plain (a backup taken before the book was encrypted).
 */
export function openCopy(path: string, key: Buffer | null): BetterSqlite3.Database {
  const copy = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    if (key && !isPlainSqliteFile(path)) applyKey(copy, key);
    return copy;
  } catch (error) {
    copy.close();
    throw error;
  }
}
