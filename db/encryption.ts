import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { countDifferences, rowCounts } from './backups/files';
import { removePartialCopy, syncFolder, writeVerifiedCopy } from './bookFiles';
import { isEncryptedBook, isPlainSqliteFile, keyedUri, withoutKey } from './cipher';
import { connect } from './connection';

export { isEncryptedBook } from './cipher';

/**
 * Converting a plain book into an encrypted one, in place (docs/ARCHITECTURE.md, "Encryption at
 * rest"). The encrypted copy is written and proven first — `VACUUM INTO` a keyed name, then
 * `integrity_check` and every table's rows equal to the book's at the same moment — and only
 * then takes the book's name, by one rename. A kill at any point leaves the plain book or the
 * encrypted one at the book's name, each whole; what a kill leaves beside it is cleared by the
 * next run (`encryptBook` again, or `openBook` with the key).
 *
 * The plain bytes: the book is switched out of WAL mode first (its -wal and -shm are folded in
 * and removed), and a hard link to it keeps its blocks reachable after the rename so they can be
 * overwritten before they are unlinked. Best effort only: an SSD remaps blocks it is told to
 * overwrite, a copy-on-write file system (APFS, Btrfs) writes the zeros elsewhere, and a file
 * system without hard links (FAT32) frees the blocks unwritten. Old plain bytes may survive in
 * free space until the disk reuses them; full-disk encryption is what covers that.
 */
export interface EncryptionResult {
  /** False when the book was encrypted already (a run after a kill that came after the swap). */
  readonly converted: boolean;
  /** Rows per table, equal in the plain book and its encrypted copy. */
  readonly rows: Readonly<Record<string, number>>;
  readonly bytes: number;
}

export interface EncryptOptions {
  readonly nativeBinding?: string;
  readonly busyTimeoutMs?: number;
}

const encryptedName = (path: string) => `${path}.encrypted`;
/** The plain book's blocks, kept reachable by a hard link until they are overwritten. */
const plainLeftover = (path: string) => `${path}.plain-leftover`;

/** Another connection committed while the copy was taken this many times in a row: give up. */
const attempts = 3;

export function encryptBook(path: string, key: Buffer, options: EncryptOptions = {}): EncryptionResult {
  const target = encryptedName(path);
  if (isEncryptedBook(path)) {
    // Converted already: prove the key opens it before anything beside it is removed.
    connect(path, { readonly: true, key, ...options }).close();
    removeConversionLeftovers(path);
    return { converted: false, rows: {}, bytes: statSync(path).size };
  }
  // A link left by a kill before the swap shares the plain book's blocks: unlinked, never overwritten.
  rmSync(plainLeftover(path), { force: true });
  rmSync(target, { force: true });
  removePartialCopy(target);
  const plain = connect(path, { readonly: false, ...options });
  let rows: Record<string, number> = {};
  try {
    plain.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Its WAL folded into the file and removed: nothing plain is left beside it.
    plain.pragma('journal_mode = DELETE');
    const version = () => Number(plain.pragma('data_version', { simple: true }));
    for (let attempt = 1; ; attempt++) {
      const before = version();
      rows = rowCounts(plain);
      let moved = false;
      try {
        writeVerifiedCopy(
          plain,
          target,
          {
            content: (copy) => {
              moved = version() !== before;
              return moved
                ? ['the book changed while it was copied']
                : countDifferences(rows, rowCounts(copy), ['the book', 'the encrypted copy']);
            },
          },
          key,
        );
      } catch (error) {
        if (moved && attempt < attempts) continue;
        throw error;
      }
      if (version() === before) break;
      if (attempt >= attempts)
        throw new Error('the book kept changing while it was encrypted; it is unchanged');
    }
  } catch (error) {
    rmSync(target, { force: true });
    throw withoutKey(error, key);
  } finally {
    plain.close();
  }
  let linked = false;
  try {
    linkSync(path, plainLeftover(path));
    linked = true;
  } catch {
    // No hard links here (FAT32): the plain blocks are freed unwritten (see above).
  }
  // The swap: one rename, atomic on the same folder. Before it, the plain book; after, the encrypted.
  renameSync(target, path);
  syncFolder(dirname(path));
  if (linked) overwriteAndRemove(plainLeftover(path));
  return { converted: true, rows, bytes: statSync(path).size };
}

/**
 * What a conversion killed after its swap left beside an encrypted book: the plain book's blocks
 * (overwritten, then removed) and the copy's name. Only ever called once the book at `path` is
 * known to be encrypted and to open with its key.
 */
export function removeConversionLeftovers(path: string): void {
  if (existsSync(plainLeftover(path))) overwriteAndRemove(plainLeftover(path));
  rmSync(encryptedName(path), { force: true });
  removePartialCopy(encryptedName(path));
  for (const suffix of ['-journal', '-wal', '-shm'])
    if (existsSync(`${plainLeftover(path)}${suffix}`)) overwriteAndRemove(`${plainLeftover(path)}${suffix}`);
}

const chunkBytes = 1 << 20;

/** Zeros over every byte of the file, on disk, then the file removed (best effort, see above). */
function overwriteAndRemove(file: string): void {
  try {
    const size = statSync(file).size;
    const zeros = Buffer.alloc(Math.min(chunkBytes, Math.max(size, 1)));
    const fd = openSync(file, 'r+');
    try {
      for (let at = 0; at < size; at += zeros.length)
        writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * An encrypted copy of a plain SQLite file (a backup taken before the book was encrypted), for a
 * restore into an encrypted book: the staged file is never plain.
 */
export function writeEncryptedCopy(source: string, target: string, key: Buffer): void {
  if (!isPlainSqliteFile(source)) throw new Error('only a plain book is copied encrypted');
  rmSync(target, { force: true });
  const plain = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    plain.prepare('VACUUM INTO ?').run(keyedUri(target, key));
  } catch (error) {
    rmSync(target, { force: true });
    throw withoutKey(error, key);
  } finally {
    plain.close();
  }
}
