import { rmSync, statSync } from 'node:fs';
import { encryptBackups, type BackupsEncrypted } from './backups/encryptBackups';
import { countDifferences, rowCounts } from './backups/files';
import { removePartialCopy, writeVerifiedCopy } from './bookFiles';
import { isEncryptedBook, withoutKey } from './cipher';
import { connect } from './connection';
import {
  encryptedName,
  plainLeftover,
  removeConversionLeftovers,
  replaceOverwriting,
} from './encryptedFiles';

export { isEncryptedBook } from './cipher';
export { removeConversionLeftovers, writeEncryptedCopy } from './encryptedFiles';

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
 * free space until the disk reuses them; full-disk encryption is what covers that. The book's
 * backups taken while it was plain are encrypted after it (./backups/encryptBackups.ts).
 */
export interface EncryptionResult {
  /** False when the book was encrypted already (a run after a kill that came after the swap). */
  readonly converted: boolean;
  /** Rows per table, equal in the plain book and its encrypted copy. */
  readonly rows: Readonly<Record<string, number>>;
  readonly bytes: number;
  /** The book's plain backups (default folder), now encrypted, and those left as they were. */
  readonly backups: BackupsEncrypted;
}

export interface EncryptOptions {
  readonly nativeBinding?: string;
  readonly busyTimeoutMs?: number;
}

/** Another connection committed while the copy was taken this many times in a row: give up. */
const attempts = 3;

export function encryptBook(path: string, key: Buffer, options: EncryptOptions = {}): EncryptionResult {
  const target = encryptedName(path);
  if (isEncryptedBook(path)) {
    // Converted already: prove the key opens it before anything beside it is removed.
    connect(path, { readonly: true, key, ...options }).close();
    removeConversionLeftovers(path);
    const backups = encryptBackups(path, key);
    return { converted: false, rows: {}, bytes: statSync(path).size, backups };
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
  // The swap: one rename. Before it, the plain book; after, the encrypted one.
  replaceOverwriting(target, path, plainLeftover(path));
  const backups = encryptBackups(path, key);
  return { converted: true, rows, bytes: statSync(path).size, backups };
}
