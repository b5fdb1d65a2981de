/** Why a backup was taken: every day while the app runs, by hand, before an upgrade or a restore. */
export type BackupReason = 'daily' | 'manual' | 'upgrade' | 'restore';

/** One backup of the book, as its manifest describes it. */
export interface BackupInfo {
  /** Its file name in the backup folder (what the other backup operations take). */
  readonly file: string;
  /** When the copy was taken (ISO-8601); null when its manifest is missing. */
  readonly at: string | null;
  readonly reason: BackupReason | null;
  readonly bytes: number;
  /** Rows per table at the moment of the copy; null when its manifest is missing. */
  readonly rows: Readonly<Record<string, number>> | null;
  /**
   * It was proven when written (integrity check, rows equal to the book's, digest recorded);
   * false for a file without a readable manifest, which is never restored.
   */
  readonly verifiedWhenWritten: boolean;
}

/** How many automatic backups are kept: the newest of each of the last N days, weeks, months. */
export interface BackupRetention {
  readonly daily: number;
  readonly weekly: number;
  readonly monthly: number;
}

/** `backups.list`: where backups are kept and what is there, newest first. */
export interface BackupList {
  readonly folder: string;
  readonly backups: readonly BackupInfo[];
}

/** `backups.verify`: what is wrong with a backup now (nothing: it is sound). */
export interface BackupVerdict {
  readonly file: string;
  readonly problems: readonly string[];
}

/** `backups.preview`: what a restore would bring back, against what the book holds now. */
export interface BackupPreview {
  readonly backup: BackupInfo;
  /** Rows per table in the book now. */
  readonly current: Readonly<Record<string, number>>;
}

/** `backups.restore`: the book was replaced; the book as it was is kept as `safetyBackup`. */
export interface BackupRestoreResult {
  readonly restored: string;
  readonly safetyBackup: string;
}

/** `audit.verify`: whether the audit log's hash chain holds, and where it breaks first. */
export interface AuditVerdict {
  readonly entries: number;
  readonly firstBroken: { readonly id: number; readonly problem: string } | null;
}
