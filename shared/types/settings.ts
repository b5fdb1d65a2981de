import type { Tier } from './common';
import type { BackupRetention } from './backups';
import type { PurgeRules } from './purge';
import type { SyncPassphraseStorage } from './sync';

/** Preferences of this device (not synced). */
export interface Settings {
  readonly managerCode: string;
  readonly managerName: string;
  /** null: follow the system's language. */
  readonly language: 'zh-CN' | 'en' | null;
  /** Days ahead to remind of anniversaries, by tier. */
  readonly leadDays: Readonly<Record<Tier, readonly number[]>>;
  readonly launchAtLogin: boolean;
  /** Days between visits each tier should get; accounts past it show in visit coverage. */
  readonly visitCadenceDays: Readonly<Record<Tier, number>>;
  /**
   * How many hours ahead of this computer's clock a sync file's changes may be dated; a file
   * with changes dated later is refused (SYNC_CLOCK_AHEAD), and this device's own clock never
   * runs further ahead than this.
   */
  readonly maxClockDriftHours: number;
  /** Automatic daily backups while the app runs, and how many generations of them are kept. */
  readonly backups: { readonly daily: boolean; readonly keep: BackupRetention };
  /** Which accounts the Maintenance page proposes for erasure. */
  readonly purge: PurgeRules;
  /** Minutes without use before the window locks and the book's key leaves memory. */
  readonly autoLockMinutes: number;
  /** A team passphrase for sync files is set on this device (the passphrase itself never leaves). */
  readonly syncPassphraseSet: boolean;
  /**
   * Where a passphrase set now is kept: `protected` on disk by the OS (Electron safeStorage), or
   * `memory` only until the app closes (preview mode, tests, CLI, no OS keyring).
   */
  readonly syncPassphraseStorage: SyncPassphraseStorage;
  /**
   * Who the app records as author and whose accounts are "mine" (reminders): the manager code,
   * else the transport's fallback (the OS user). Read-only.
   */
  readonly actor: string;
}
