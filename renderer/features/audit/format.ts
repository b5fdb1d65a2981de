import i18next from 'i18next';
import { entityName } from '../sync/format';

/** An action as people say it (`backup.create` → Backup); unknown actions as they are. */
export function actionName(action: string): string {
  return i18next.t(`audit.action.${action.replaceAll('.', '_')}`, { defaultValue: action });
}

/** What an entry is about: the audit's own records by name, synced ones as the sync page says them. */
export function recordName(entity: string): string {
  return i18next.t(`audit.entity.${entity}`, { defaultValue: entityName(entity) });
}

/** A value of a before/after: text as it is, anything else as indented JSON; absent as a dash. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value, null, 2);
}

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly changed: boolean;
}

const asFields = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

/**
 * Before → after field by field: every field either side names, in the order they come, each
 * marked changed when the two sides differ. Values that are not objects are one field, `value`.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const left = asFields(before) ?? (before === null ? {} : { value: before });
  const right = asFields(after) ?? (after === null ? {} : { value: after });
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return fields.map((field) => ({
    field,
    before: left[field],
    after: right[field],
    changed: JSON.stringify(left[field] ?? null) !== JSON.stringify(right[field] ?? null),
  }));
}

/** A local day's first instant (ISO), and the next day's: the page's time filter. */
export function dayStart(day: string, offsetDays = 0): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date + offsetDays).toISOString();
}
