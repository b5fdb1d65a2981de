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

/**
 * One thing wrong with a backup, by kind (the window says it in its language) and in SQLite's or
 * Fieldbook's words (`text`, for the log and the command line): no readable manifest, bytes
 * other than those written, a failed `integrity_check`, rows other than the manifest's, or a
 * file SQLite cannot read.
 */
export interface BackupProblem {
  readonly kind: 'manifest' | 'digest' | 'integrity' | 'rows' | 'unreadable';
  readonly text: string;
}

/** `backups.verify`: what is wrong with a backup now (nothing: it is sound). */
export interface BackupVerdict {
  readonly file: string;
  readonly problems: readonly BackupProblem[];
}

/** `backups.preview`: what a restore would bring back, against what the book holds now. */
export interface BackupPreview {
  readonly backup: BackupInfo;
  /** Rows per table in the book now. */
  readonly current: Readonly<Record<string, number>>;
  /**
   * Accounts erased in this book since the backup was taken that the backup still holds: the
   * restore erases them again, so no erasure is undone.
   */
  readonly erasedAgain: number;
}

/** `backups.remove`: the backup named is gone (its file and its manifest). */
export interface BackupRemoved {
  readonly file: string;
}

/** `backups.restore`: the book was replaced; the book as it was is kept as `safetyBackup`. */
export interface BackupRestoreResult {
  readonly restored: string;
  readonly safetyBackup: string;
  /** Accounts erased in the replaced book that the backup held, erased again in the restored one. */
  readonly erasedAgain: number;
}

/**
 * Where the audit chain breaks first: entries missing before it, its values changed, its fields
 * (or an entry before it) changed, marked erased while still holding values; or, against the
 * heads the backups recorded, entries cut from the end (`truncated`) or an entry a backup
 * recorded that the book now holds otherwise (`rewritten`).
 */
export interface AuditBreak {
  readonly id: number;
  readonly kind: 'missing' | 'values' | 'fields' | 'erased' | 'truncated' | 'rewritten';
  /** The same in English words, for the log and the command line. */
  readonly problem: string;
  /** `truncated` / `rewritten`: when the backup was taken that recorded entry `recordedId`. */
  readonly backupAt?: string;
  readonly recordedId?: number;
  /** `truncated` / `rewritten`: the last entry the book holds. */
  readonly lastId?: number;
}

/** The last entry of the audit chain: what a backup's manifest records of it. */
export interface AuditHead {
  readonly id: number;
  readonly hash: string;
}

/** What the backups' records of the chain's end proved. */
export interface AuditAnchors {
  /** Backups whose recorded last entry was compared with the book. */
  readonly checked: number;
  /** Backups from the history a restore replaced, not compared. */
  readonly replaced: number;
  /**
   * The newest entry a backup recorded that the book holds unchanged: every entry up to it is
   * proven there; entries after it (written since that backup) are not. Null: none.
   */
  readonly coveredTo: number | null;
  /** When that backup was taken (ISO 8601). */
  readonly newestAt: string | null;
}

/** `audit.verify`: whether the audit log's hash chain holds, and where it breaks first. */
export interface AuditVerdict {
  readonly entries: number;
  readonly firstBroken: AuditBreak | null;
  readonly anchors: AuditAnchors;
}
