import i18next from 'i18next';
import { isHlc, parseHlc } from '../../../shared/domain/hlc';
import type { SharedNumberKind, SyncEntityCounts } from '../../../shared/types';

/** A device as people can compare it: the first 8 hex digits of its clock's node id. */
export function shortDevice(node: string): string {
  return node.slice(0, 8);
}

/** The device that wrote a clock (`…-<node>`), or null for a text that is no clock. */
export function deviceOfClock(clock: string): string | null {
  return isHlc(clock) ? shortDevice(parseHlc(clock).node) : null;
}

/** The time a clock was written (ISO), or null for a text that is no clock. */
export function timeOfClock(clock: string): string | null {
  return isHlc(clock) ? new Date(parseHlc(clock).millis).toISOString() : null;
}

/** An entity's name as a heading (`account` → Accounts); unknown names as they are. */
export function entityName(entity: string): string {
  return i18next.t(`sync.entity.${entity}`, { defaultValue: entity });
}

/** A synced column's name as the forms call it (`follow_up` → Follow-up). */
export function columnName(column: string): string {
  const key = column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  return i18next.t(`field.${key}`, { defaultValue: column });
}

/** What two accounts share, as the account form names it (Customer number, credit code). */
export function sharedNumberLabel(kind: SharedNumberKind): string {
  return i18next.t(`field.${kind}`);
}

/** How far ahead a clock is: hours below two days, else days. */
export function aheadText(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours < 48
    ? i18next.t('sync.import.hours', { count: hours })
    : i18next.t('sync.import.days', { count: Math.round(hours / 24) });
}

/** Counts of one import record, whatever shape it was stored in. */
export function importTotals(counts: Readonly<Record<string, unknown>>): SyncEntityCounts {
  const totals = { new: 0, changed: 0, ignoredOlder: 0, conflicts: 0 };
  for (const value of Object.values(counts)) {
    if (typeof value !== 'object' || value === null) continue;
    const entry = value as Partial<Record<keyof SyncEntityCounts, unknown>>;
    for (const key of Object.keys(totals) as (keyof SyncEntityCounts)[]) {
      const count = entry[key];
      if (typeof count === 'number') totals[key] += count;
    }
  }
  return totals;
}

/** Records of one export record (rows per entity). */
export function exportTotal(counts: Readonly<Record<string, unknown>>): number {
  return Object.values(counts).reduce<number>(
    (sum, value) => sum + (typeof value === 'number' ? value : 0),
    0,
  );
}

/** Saves bytes (base64) as a file through the browser's download (Electron asks where). */
export function downloadBase64(fileName: string, contentBase64: string, mediaType: string): void {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
