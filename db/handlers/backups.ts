import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ApiHandlers } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { BackupInfo } from '../../shared/types';
import type { AuditAnchor } from '../audit/anchors';
import { verifyAuditChain } from '../audit/chain';
import { createBackup, defaultBackupFolder, listBackups, verifyBackup, type BackupEntry } from '../backups';
import { erasedAccountsOf, heldByBackup } from '../backups/erasures';
import { manifestPathOf, rowCounts } from '../backups/files';
import { keyOf } from '../cipher';
import type { Db } from '../connection';
import { appendAudit } from '../write';
import { readSettings } from './settings';

/**
 * Backups of the open book, in the folder beside it (db/backups/). Taking one and checking one
 * run on the job thread (seconds on a large book); restoring one replaces the open book, so the
 * service runs it (db/service.ts), not a handler.
 */
export function backupHandlers(
  db: Db,
): Pick<
  ApiHandlers,
  'backups.list' | 'backups.create' | 'backups.verify' | 'backups.preview' | 'backups.remove' | 'audit.verify'
> {
  const folder = () => defaultBackupFolder(db.path);
  return {
    'backups.list': () => ({
      folder: folder(),
      backups: listBackups(db.path, folder()).map(backupInfo),
    }),
    'backups.create': ({ kind }, { actor }) => {
      const { backups } = readSettings(db);
      const entry = createBackup(db.sqlite, {
        bookPath: db.path,
        folder: folder(),
        reason: kind,
        now: new Date(),
        retention: backups.keep,
      });
      // A copy of the whole archive is on record like an export: who, when, where, how much.
      appendAudit(db, {
        actor,
        action: 'backup.create',
        entity: 'book',
        entityId: null,
        before: null,
        after: { file: entry.path, reason: kind, rows: entry.manifest?.rows ?? null },
      });
      return backupInfo(entry);
    },
    'backups.verify': ({ file }) => ({
      file,
      problems: verifyBackup(backupPath(db, file), keyOf(db.sqlite)),
    }),
    'backups.preview': ({ file }) => {
      const entry = listBackups(db.path, folder()).find(
        (candidate) => candidate.path === backupPath(db, file),
      );
      if (!entry) throw notFound(file);
      return {
        backup: backupInfo(entry),
        current: rowCounts(db.sqlite),
        erasedAgain: heldByBackup(entry.path, keyOf(db.sqlite), erasedAccountsOf(db.sqlite)),
      };
    },
    'backups.remove': ({ file }, { actor }) => {
      const path = backupPath(db, file);
      // The record and the removal stand or fall together: a file that cannot be removed rolls
      // its entry back.
      db.transaction(() => {
        appendAudit(db, {
          actor,
          action: 'backup.remove',
          entity: 'book',
          entityId: null,
          before: { file: path },
          after: null,
        });
        rmSync(path);
        rmSync(manifestPathOf(path), { force: true });
      });
      return { file };
    },
    // The chain, and its end against the last entry each backup recorded (db/audit/anchors.ts).
    'audit.verify': () => verifyAuditChain(db.sqlite, auditAnchors(listBackups(db.path, folder()))),
  };
}

/** The chain heads the backups' manifests recorded (backups written before they did record none). */
function auditAnchors(entries: readonly BackupEntry[]): AuditAnchor[] {
  return entries.flatMap(({ path, manifest }) =>
    manifest?.audit ? [{ file: basename(path), at: manifest.at, head: manifest.audit }] : [],
  );
}

/** The path of a backup of this book named by its file name; NOT_FOUND for any other name. */
export function backupPath(db: Db, file: string): string {
  const folder = defaultBackupFolder(db.path);
  const path = join(folder, file);
  if (!listBackups(db.path, folder).some((entry) => entry.path === path)) throw notFound(file);
  return path;
}

const notFound = (file: string) =>
  new ApiError('NOT_FOUND', `No backup of this book is named ${file}`, { details: { file } });

export function backupInfo(entry: BackupEntry): BackupInfo {
  return {
    file: basename(entry.path),
    at: entry.manifest?.at ?? null,
    reason: entry.manifest?.reason ?? null,
    bytes: entry.bytes,
    rows: entry.manifest?.rows ?? null,
    verifiedWhenWritten: entry.manifest !== null,
  };
}
