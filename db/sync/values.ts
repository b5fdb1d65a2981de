import { cleanText } from '../../shared/domain/text';
import { ApiError } from '../../shared/errors';
import type { Db } from '../connection';
import type { SyncedTable } from '../schema';
import { entities } from '../entities';
import type { SyncValue } from './ops';

/**
 * What an incoming value must fit to be stored (`planBundle` checks each value that would be
 * written): its column as this database declares it, and the column's rule.
 */

export interface ColumnInfo {
  readonly type: 'TEXT' | 'INTEGER' | 'REAL';
  readonly notNull: boolean;
  /** The column default, or undefined when an insert must supply the column. */
  readonly fallback: SyncValue | undefined;
  /**
   * Values already found to fit (rules are pure): a file repeats most of them (an account's id
   * on each of its bills, a period, a category). Bounded; emptied when full.
   */
  readonly fits: Set<SyncValue>;
}

const rememberedFits = 4096;

const columnCache = new WeakMap<Db, Map<SyncedTable, Map<string, ColumnInfo>>>();

/** The synced columns as the database declares them: what an incoming value must fit. */
export function columnsOf(db: Db, table: SyncedTable): Map<string, ColumnInfo> {
  let tables = columnCache.get(db);
  if (!tables) columnCache.set(db, (tables = new Map()));
  let columns = tables.get(table);
  if (columns) return columns;
  const declared = db.sqlite.prepare(`PRAGMA table_info(${table})`).all() as {
    name: string;
    type: string;
    notnull: number;
    dflt_value: string | null;
  }[];
  columns = new Map();
  for (const column of declared) {
    if (!entities[table].synced.includes(column.name)) continue;
    const type = column.type.toUpperCase() as ColumnInfo['type'];
    columns.set(column.name, {
      type,
      notNull: column.notnull === 1,
      fallback:
        column.dflt_value === null ? (column.notnull === 1 ? undefined : null) : literal(column.dflt_value),
      fits: new Set(),
    });
  }
  tables.set(table, columns);
  return columns;
}

function literal(sql: string): SyncValue {
  if (/^'.*'$/s.test(sql)) return sql.slice(1, -1).replaceAll("''", "'");
  const number = Number(sql);
  return Number.isFinite(number) ? number : sql;
}

export function invalid(reason: string, details: Record<string, unknown>): never {
  throw new ApiError('SYNC_INVALID_CONTENT', `op refused: ${reason}`, { details: { reason, ...details } });
}

export function checkValue(
  info: ColumnInfo | undefined,
  table: SyncedTable,
  column: string,
  value: SyncValue,
): void {
  if (!info) invalid(`${table}.${column} is not a column of this book`, { table, column });
  if (info.fits.has(value)) return;
  const fits =
    value === null
      ? !info.notNull
      : info.type === 'TEXT'
        ? typeof value === 'string'
        : info.type === 'INTEGER'
          ? Number.isInteger(value)
          : typeof value === 'number';
  if (!fits) invalid(`${table}.${column} does not take ${JSON.stringify(value)}`, { table, column });
  if (!meetsRule(table, column, value)) {
    const checked = entities[table].rules[column]?.safeParse(value);
    const problem = checked?.error?.issues[0]?.message ?? 'not in its stored form';
    invalid(`${table}.${column} breaks its rule (${problem}): ${JSON.stringify(value).slice(0, 80)}`, {
      table,
      column,
      problem,
    });
  }
  if (info.fits.size >= rememberedFits) info.fits.clear();
  info.fits.add(value);
}

/**
 * Held to the rule a form's value meets, in the form it is stored in (`TableSpec.rules`), with
 * the tolerance text written before these rules needs (older books must still sync, and books
 * converge only if they take a value as its sender has it):
 * - a text that differs from its stored form only by the cleaning forms apply (NFC, trimmed
 *   ends) is taken as it is;
 * - line breaks and tabs in a one-line field (cells pasted from Excel under older versions) and
 *   the bidirectional embedding marks Windows adds to copied text (U+202A–U+202C) are tolerated.
 * Never tolerated: NUL, other control characters, lone surrogates, overrides and isolates
 * (U+202D, U+202E, U+2066–U+2069), a text too long, and every non-text rule.
 */
function meetsRule(table: SyncedTable, column: string, value: SyncValue): boolean {
  const rule = entities[table].rules[column];
  if (!rule) return false;
  const checked = rule.safeParse(value);
  if (checked.success) return checked.data === value || isOnlyUncleaned(value, checked.data);
  if (typeof value !== 'string' || !legacyText.test(value)) return false;
  const tolerated = rule.safeParse(value.replace(legacyText, ' '));
  return tolerated.success && typeof tolerated.data === 'string';
}

const legacyText = /[\t\n\r\u202A-\u202C]/g;

function isOnlyUncleaned(value: SyncValue, parsed: unknown): boolean {
  return typeof value === 'string' && typeof parsed === 'string' && cleanText(value) === parsed;
}
