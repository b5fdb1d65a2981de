import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { VerifiedCopy } from '../shared/types';
import { isPlainSqliteFile, keyedUri, keyOf, openCopy, withoutKey } from './cipher';

/**
 * The files beside a book: the verified copy made before an upgrade, a damaged book set aside,
 * and whether the book's file and folder can be written at all. Nothing here deletes a book:
 * a damaged one is renamed aside, a copy replaces only an older copy of the same name.
 */

export const bookStem = (path: string) => basename(path).replace(/\.(db|sqlite3?)$/i, '');

/** `fieldbook.db` → `fieldbook.before-upgrade.db`, in the same folder (same disk, same rights). */
export function upgradeCopyPath(path: string): string {
  return join(dirname(path), `${bookStem(path)}.before-upgrade.db`);
}

/**
 * Removes the copy an earlier upgrade kept: a start has found the book sound and current. Never
 * fails (a read-only folder keeps it).
 */
export function removeUpgradeCopy(path: string): void {
  try {
    rmSync(upgradeCopyPath(path), { force: true });
  } catch {
    // kept for the next start
  }
}

/** The copy beside the book and when it was written, if there is one. */
export function verifiedCopyOf(path: string): VerifiedCopy | null {
  const copy = upgradeCopyPath(path);
  try {
    return { path: copy, at: statSync(copy).mtime.toISOString() };
  } catch {
    return null;
  }
}

const partialOf = (target: string) => `${target}.partial`;
const sidecars = ['', '-journal', '-wal', '-shm'];

/** What a copy interrupted half-way (a crash, a kill) left behind: never a usable copy. */
export function removePartialCopy(target: string): void {
  for (const suffix of sidecars) rmSync(`${partialOf(target)}${suffix}`, { force: true });
}

export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A rename is durable once its folder is (POSIX); Windows has no folder handles to sync. */
export function syncFolder(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What else a copy must pass before it takes its name: problems found, none when it is right. */
export interface CopyChecks {
  /** Checks of the copy's content (its row counts, say), opened read-only. */
  readonly content?: (copy: BetterSqlite3.Database) => string[];
  /** Runs on the verified copy, still under its `.partial` name (its manifest, say). */
  readonly beforeNaming?: (partial: string) => void;
}

/**
 * Writes a consistent copy of the open book (`VACUUM INTO`: one read snapshot, compacted) to
 * `target`. It takes the name only after `integrity_check` (and `checks.content`) pass on it and
 * it is on disk, so a copy under that name is always a whole, sound book; a kill half-way leaves
 * a `.partial`, which the next copy removes. The copy of an encrypted book is encrypted with the
 * same key (`key`, by default the connection's), named in the target's URI rather than left to
 * what `VACUUM INTO` inherits, and checked to be so before it takes its name.
 */
export function writeVerifiedCopy(
  sqlite: BetterSqlite3.Database,
  target: string,
  checks: CopyChecks = {},
  key: Buffer | null = keyOf(sqlite),
): void {
  const partial = partialOf(target);
  removePartialCopy(target);
  try {
    try {
      sqlite.prepare('VACUUM INTO ?').run(key ? keyedUri(partial, key) : partial);
    } catch (error) {
      throw key ? withoutKey(error, key) : error;
    }
    if (key && isPlainSqliteFile(partial)) throw new Error('the copy of the book was not encrypted');
    // VACUUM INTO writes a rollback-journal book: read-only, it needs no -shm beside it.
    const copy = openCopy(partial, key);
    let problems: string[];
    try {
      const verdict = String(copy.pragma('integrity_check(1)', { simple: true }));
      problems = verdict === 'ok' ? (checks.content?.(copy) ?? []) : [verdict];
    } finally {
      copy.close();
    }
    if (problems.length > 0) throw new Error(`the copy of the book failed its check: ${problems.join('; ')}`);
    syncFile(partial);
    checks.beforeNaming?.(partial);
  } catch (error) {
    // A disk too full for the copy gets its space back at once.
    removePartialCopy(target);
    throw error;
  }
  renameSync(partial, target);
  syncFolder(dirname(target));
}

/**
 * Renames a damaged book (with its WAL, which holds part of it) to
 * `<name>.damaged-<time>.db` beside it, and returns that name. Closed connections only.
 */
export function setAside(path: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  let aside = join(dirname(path), `${bookStem(path)}.damaged-${stamp}.db`);
  for (let n = 2; existsSync(aside); n++)
    aside = join(dirname(path), `${bookStem(path)}.damaged-${stamp}-${n}.db`);
  renameSync(path, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${aside}${suffix}`);
  }
  syncFolder(dirname(path));
  return aside;
}

/** Puts a verified copy where the book was (the book must have been set aside first). */
export function installCopy(copy: string, path: string): void {
  const incoming = `${path}.restoring`;
  copyFileSync(copy, incoming);
  syncFile(incoming);
  renameSync(incoming, path);
  syncFolder(dirname(path));
}

/**
 * Why this process cannot write the book here, or null if it can: SQLite needs the file and, in
 * WAL mode, its folder (for the -wal and -shm files beside it). A read-only medium answers
 * EROFS even to root; permissions answer EACCES / EPERM.
 */
export function unwritableReason(path: string): string | null {
  // No folder: nothing to read either; the writable open says so in SQLite's words.
  if (!existsSync(dirname(path))) return null;
  const targets = existsSync(path) ? [path, dirname(path)] : [dirname(path)];
  for (const target of targets) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EACCES';
      return `${target === path ? 'the file' : 'its folder'} cannot be written (${code})`;
    }
  }
  return null;
}
