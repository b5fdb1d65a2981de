import { existsSync, rmSync } from 'node:fs';
import { isPlainSqliteFile, openCopy } from '../cipher';
import { overwriteAndRemove, replaceOverwriting, writeEncryptedCopy } from '../encryptedFiles';
import { defaultBackupFolder, listBackups, verifyBackup, writeDurably } from './copies';
import { countDifferences, fileDigest, manifestPathOf, rowCounts, type BackupManifest } from './files';

/**
 * The backups a book had while it was plain, encrypted with its key once the book is: otherwise
 * its names and numbers would stay readable in `backups/` after the book itself was encrypted.
 * Each backup is proven first (digest, check, rows: `verifyBackup`), copied encrypted, and the
 * copy proven in turn (integrity, rows equal to its manifest's) before it takes the backup's
 * name; its manifest then gets the new digest. A backup that fails its own check is left as it
 * is (and reported): it would not restore anyway, and the user decides what to do with it.
 *
 * A kill between the backup's rename and its manifest's leaves an encrypted backup whose digest
 * is the plain one's: the next run recognises it (it opens with the key, is sound and holds the
 * manifest's rows — the cipher authenticates every page) and writes the digest it now has.
 */
export interface BackupsEncrypted {
  readonly encrypted: number;
  /** Backups left plain because they failed their check, with why. */
  readonly left: readonly { readonly file: string; readonly problems: readonly string[] }[];
}

const partialOf = (backup: string) => `${backup}.encrypting.partial`;
const leftoverOf = (backup: string) => `${backup}.plain-leftover`;

export function encryptBackups(
  bookPath: string,
  key: Buffer,
  folder = defaultBackupFolder(bookPath),
): BackupsEncrypted {
  let encrypted = 0;
  const left: { file: string; problems: string[] }[] = [];
  for (const { path, manifest } of listBackups(bookPath, folder)) {
    rmSync(partialOf(path), { force: true });
    if (existsSync(leftoverOf(path))) overwriteAndRemove(leftoverOf(path));
    if (!manifest) {
      if (isPlainSqliteFile(path))
        left.push({ file: path, problems: ['its manifest is missing or unreadable'] });
      continue;
    }
    if (!isPlainSqliteFile(path)) {
      if (verifyBackup(path, key).some((problem) => problem.kind === 'digest'))
        mendDigest(path, manifest, key);
      continue;
    }
    const problems = verifyBackup(path).map((problem) => problem.text);
    if (problems.length > 0) {
      left.push({ file: path, problems });
      continue;
    }
    const partial = partialOf(path);
    try {
      writeEncryptedCopy(path, partial, key);
      const differences = contentProblems(partial, manifest, key);
      if (differences.length > 0) throw new Error(`the encrypted backup differs: ${differences.join('; ')}`);
      replaceOverwriting(partial, path, leftoverOf(path));
    } finally {
      rmSync(partial, { force: true });
    }
    writeDurably(manifestPathOf(path), manifestText({ ...manifest, ...fileDigest(path) }));
    encrypted++;
  }
  return { encrypted, left };
}

const manifestText = (manifest: BackupManifest) => `${JSON.stringify(manifest, null, 2)}\n`;

/** Integrity and rows of an encrypted backup against its manifest: none when it is right. */
function contentProblems(path: string, manifest: BackupManifest, key: Buffer): string[] {
  const copy = openCopy(path, key);
  try {
    const verdict = String(copy.pragma('integrity_check(1)', { simple: true }));
    if (verdict !== 'ok') return [verdict];
    return countDifferences(manifest.rows, rowCounts(copy), ['its manifest', 'the encrypted copy']);
  } finally {
    copy.close();
  }
}

/** An encrypted backup whose manifest still holds the plain file's digest (see above). */
function mendDigest(path: string, manifest: BackupManifest, key: Buffer): void {
  let sound = false;
  try {
    sound = contentProblems(path, manifest, key).length === 0;
  } catch {
    sound = false;
  }
  if (sound) writeDurably(manifestPathOf(path), manifestText({ ...manifest, ...fileDigest(path) }));
}
