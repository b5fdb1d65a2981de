import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import {
  existsSync,
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { removePartialCopy, syncFolder } from './bookFiles';
import { isPlainSqliteFile, keyedUri, withoutKey } from './cipher';

/**
 * Files on the way from plain to encrypted (./encryption.ts): an encrypted copy of a plain file,
 * and the swap that puts it in the plain file's place and overwrites the plain bytes after. The
 * overwrite is best effort (docs/ARCHITECTURE.md, "Encryption at rest"): SSDs and copy-on-write
 * file systems may keep the old blocks, and without hard links (FAT32) they are freed unwritten.
 */

/**
 * An encrypted copy of a plain SQLite file (a backup taken before the book was encrypted): for a
 * restore into an encrypted book, and for encrypting old backups. The target is never plain.
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

/**
 * Puts `next` in `path`'s place by one rename (atomic in one folder: before it the old file,
 * after it the new one), then overwrites the old file's bytes, reached through a hard link
 * (`leftover`) made before the rename, and removes them.
 */
export function replaceOverwriting(next: string, path: string, leftover: string): void {
  rmSync(leftover, { force: true });
  let linked = false;
  try {
    linkSync(path, leftover);
    linked = true;
  } catch {
    // No hard links here (FAT32): the old blocks are freed unwritten.
  }
  renameSync(next, path);
  syncFolder(dirname(path));
  if (linked) overwriteAndRemove(leftover);
}

export const encryptedName = (path: string) => `${path}.encrypted`;
/** The plain book's blocks, kept reachable by a hard link until they are overwritten. */
export const plainLeftover = (path: string) => `${path}.plain-leftover`;

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
export function overwriteAndRemove(file: string): void {
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
