import { format } from 'date-fns';
import i18next from 'i18next';
import type { BackupInfo } from '../../../shared/types';
import { currentLanguage, dateLocale } from '../../i18n';
import { dateOnly, dateTime } from '../account/format';

/**
 * The tables a backup's counts are shown for, as the schema names them, with their labels'
 * keys: what a manager recognises of the book (not its caches and logs).
 */
export const countedTables = [
  ['accounts', 'backups.counts.accounts'],
  ['account_phones', 'backups.counts.phones'],
  ['visits', 'backups.counts.visits'],
  ['consumption', 'backups.counts.consumption'],
  ['anniversaries', 'backups.counts.anniversaries'],
  ['contracts', 'backups.counts.contracts'],
] as const;

/** The counts the list shows per backup (the dialog shows all of `countedTables`). */
export const listedTables = countedTables.filter(
  ([table]) => table !== 'account_phones' && table !== 'anniversaries',
);

/** A count as the app writes numbers, or a dash when the backup does not say. */
export function countText(rows: Readonly<Record<string, number>> | null, table: string): string {
  const count = rows?.[table];
  return count === undefined ? '—' : count.toLocaleString(currentLanguage());
}

/** Megabytes with one decimal; a small book is not "0.0 MB". */
export function sizeText(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  if (megabytes > 0 && megabytes < 0.1) return '< 0.1';
  return megabytes.toLocaleString(currentLanguage(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** When it was taken, in local time; a backup without a manifest does not say. */
export function backupTime(backup: BackupInfo): string {
  return backup.at === null ? '—' : dateTime(backup.at);
}

/**
 * The same moment as `backupTime`, as its day and its time of day: a narrow window puts them on
 * two lines instead of pushing the row's buttons out of view.
 */
export function backupTimeParts(backup: BackupInfo): readonly [day: string, time: string] {
  if (backup.at === null) return ['—', ''];
  return [dateOnly(backup.at), format(new Date(backup.at), 'p', { locale: dateLocale() })];
}

export function reasonText(backup: BackupInfo): string {
  return i18next.t(`backups.reason.${backup.reason ?? 'unknown'}`);
}
