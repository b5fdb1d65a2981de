import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { keyringFileOf } from '../access/keyring';
import { ApiError } from '../../shared/errors';
import type { AuditHead, BackupProblem } from '../../shared/types';
import { auditHeadOf } from '../audit/anchors';
import { bookStem, syncFile, syncFolder, writeVerifiedCopy } from '../bookFiles';
import { openCopy } from '../cipher';
import { quickCheck } from '../openBook';
import {
  backupFileName,
  countDifferences,
  fileDigest,
  isBackupOf,
  manifestPathOf,
  parseManifest,
  rowCounts,
  type BackupManifest,
  type BackupReason,
} from './files';
import { generationsToKeep, type RetentionPolicy } from './retention';

/**
 * Backups of a book: verified copies kept in generations in a folder (by default `backups/`
 * beside the book, same disk). Taken on the job thread's connection, so the window stays free.
 * Automatic (daily) backups are kept in generations (./retention.ts).
 * A backup takes its name only when it is proven: the source passed `quick_check`, the copy
 * passed `integrity_check`, its rows equal the book's at the moment of the copy, and its
 * manifest holds its digest. A damaged book is refused before anything is written or removed,
 * so it never pushes good generations out.
 */

export const defaultBackupFolder = (bookPath: string) => join(dirname(bookPath), 'backups');

export interface BackupEntry {
  readonly path: string;
  readonly manifest: BackupManifest | null;
  readonly bytes: number;
}

export interface BackupOptions {
  readonly bookPath: string;
  readonly folder: string;
  readonly reason: BackupReason;
  readonly now: Date;
  readonly retention: RetentionPolicy;
}

/** Another connection committed while the copy was taken this many times in a row: give up. */
const attempts = 3;

export function createBackup(sqlite: BetterSqlite3.Database, options: BackupOptions): BackupEntry {
  const problems = quickCheck(sqlite);
  if (problems.length > 0) {
    throw new ApiError('DB_CORRUPT', 'This book is damaged: no backup was taken and none was removed', {
      details: { problems },
    });
  }
  mkdirSync(options.folder, { recursive: true, mode: 0o700 });
  // What backups killed half-way left (a later backup has another name: it would not see them).
  const stem = bookStem(options.bookPath);
  for (const name of readdirSync(options.folder)) {
    if (name.startsWith(`${stem}-`) && name.includes('.partial'))
      rmSync(join(options.folder, name), { force: true });
  }
  let target = join(options.folder, backupFileName(stem, options.now, options.reason));
  for (let n = 2; existsSync(target); n++) target = target.replace(/(-\d+)?\.db$/, `-${n}.db`);
  const schemaVersion = String(
    sqlite.prepare("SELECT coalesce(max(name), '') FROM kysely_migration").pluck().get(),
  );
  for (let attempt = 1; ; attempt++) {
    // data_version moves when another connection commits: the counts and the copy are then of
    // different moments, and the comparison would prove nothing.
    const version = () => Number(sqlite.pragma('data_version', { simple: true }));
    const before = version();
    const rows = rowCounts(sqlite);
    let moved = false;
    // Read from the copy: the head is the last entry the backup holds, whatever came after.
    let audit: AuditHead | null = null;
    try {
      writeVerifiedCopy(sqlite, target, {
        content: (copy) => {
          audit = auditHeadOf(copy);
          moved = version() !== before;
          return moved
            ? ['the book changed while it was copied']
            : countDifferences(rows, rowCounts(copy), ['the book', 'the copy']);
        },
        beforeNaming: (partial) => {
          const manifest: BackupManifest = {
            format: 1,
            at: options.now.toISOString(),
            reason: options.reason,
            schemaVersion,
            rows,
            ...fileDigest(partial),
            audit,
          };
          writeDurably(manifestPathOf(target), `${JSON.stringify(manifest, null, 2)}\n`);
        },
      });
    } catch (error) {
      rmSync(manifestPathOf(target), { force: true });
      if (moved && attempt < attempts) continue;
      throw error;
    }
    break;
  }
  keepKeyringBeside(options.bookPath, options.folder);
  if (options.reason === 'daily') prune(options);
  return entryOf(target);
}

/**
 * An encrypted book's backups open with the same data key, which only the key ring beside the
 * book unwraps: a copy of the ring (no secret without a password) is kept in the backup folder,
 * renewed with every backup, so a lost laptop folder restored from its backups can be opened.
 */
function keepKeyringBeside(bookPath: string, folder: string): void {
  const ring = keyringFileOf(bookPath);
  if (existsSync(ring))
    writeDurably(keyringFileOf(join(folder, basename(bookPath))), readFileSync(ring, 'utf8'));
}

/** Every backup of the book in `folder`, newest first; a partial one is not listed. */
export function listBackups(bookPath: string, folder: string): BackupEntry[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => isBackupOf(bookStem(bookPath), name))
    .map((name) => entryOf(join(folder, name)))
    .sort((a, b) => (b.manifest?.at ?? '').localeCompare(a.manifest?.at ?? ''));
}

/**
 * What is wrong with a backup: none for a sound one (its digest, its check and its rows). An
 * encrypted backup is read with `key` (the book's); without it, it is unreadable.
 */
export function verifyBackup(path: string, key: Buffer | null = null): BackupProblem[] {
  const { manifest } = entryOf(path);
  if (!manifest) return [{ kind: 'manifest', text: 'its manifest is missing or unreadable' }];
  const { sha256, bytes } = fileDigest(path);
  if (bytes !== manifest.bytes || sha256 !== manifest.sha256)
    return [{ kind: 'digest', text: 'its bytes are not those written (the file was changed or damaged)' }];
  let copy: BetterSqlite3.Database;
  try {
    copy = openCopy(path, key);
  } catch (error) {
    return [{ kind: 'unreadable', text: error instanceof Error ? error.message : String(error) }];
  }
  try {
    const verdict = String(copy.pragma('integrity_check(1)', { simple: true }));
    if (verdict !== 'ok') return [{ kind: 'integrity', text: verdict }];
    return countDifferences(manifest.rows, rowCounts(copy), ['its manifest', 'the file']).map((text) => ({
      kind: 'rows',
      text,
    }));
  } catch (error) {
    return [{ kind: 'unreadable', text: error instanceof Error ? error.message : String(error) }];
  } finally {
    copy.close();
  }
}

/**
 * Removes the automatic backups the generations no longer keep. Backups taken by hand, before an
 * upgrade or before a restore are the user's to remove; one without a manifest is left for
 * the user to see.
 */
function prune(options: BackupOptions): void {
  const sound = listBackups(options.bookPath, options.folder).filter(
    (entry) => entry.manifest?.reason === 'daily',
  );
  const keep = generationsToKeep(
    sound.map((entry) => ({ file: entry.path, at: new Date(entry.manifest?.at ?? 0) })),
    options.retention,
  );
  for (const entry of sound) {
    if (keep.has(entry.path)) continue;
    rmSync(entry.path, { force: true });
    rmSync(manifestPathOf(entry.path), { force: true });
  }
}

export function entryOf(path: string): BackupEntry {
  let manifest: BackupManifest | null = null;
  try {
    manifest = parseManifest(readFileSync(manifestPathOf(path), 'utf8'));
  } catch {
    manifest = null; // none, or not one Fieldbook wrote: the backup is unverifiable
  }
  return { path, manifest, bytes: statSync(path).size };
}

/** Writes a small file under its name only once it is whole and on disk. */
export function writeDurably(path: string, text: string): void {
  const partial = `${path}.partial`;
  writeFileSync(partial, text, { mode: 0o600 });
  syncFile(partial);
  renameSync(partial, path);
  syncFolder(dirname(path));
}
