/** Backups of a book: verified copies in generations (./copies.ts), and restoring one (./restore.ts). */
export {
  createBackup,
  defaultBackupFolder,
  listBackups,
  verifyBackup,
  type BackupEntry,
  type BackupOptions,
} from './copies';
export type { BackupManifest, BackupReason } from './files';
export { restoreBackup, restoreInPlace, type RestoreResult } from './restore';
export { defaultRetention, type RetentionPolicy } from './retention';
