import { characterTokens, initialTokens, normalizeName, suffixKeys } from '../../shared/domain/nameSearch';
import type { Db } from '../connection';

/**
 * The name index: every suffix of a name's characters, pinyin and initials, so a prefix range
 * scan finds any substring (two-character names included, which FTS5 trigrams cannot). Keys
 * sort by (field, archived, start, key), so active names and name starts come first.
 */
export const searchFields = { text: 1, pinyin: 2, initials: 3 } as const;
export type SearchField = keyof typeof searchFields;

export interface IndexedName {
  readonly rid: number;
  readonly name: string;
  /** Space-separated pinyin tokens, one per name segment (`accounts.name_pinyin`). */
  readonly pinyin: string;
  readonly archived: boolean;
  readonly deleted: boolean;
}

const columnsPerKey = 5;
/**
 * Keys per INSERT statement. A name has about 16 keys; one statement for all of them instead of
 * one per key spares the per-statement cost (binding, stepping, the call into SQLite), which
 * was most of an account's indexing time when accounts are written in bulk (seed, import, sync).
 */
const keysPerStatement = 32;
const insertSql: string[] = [];

function insertKeys(count: number): string {
  let sql = insertSql[count];
  if (sql === undefined) {
    const row = `(${Array.from({ length: columnsPerKey }, () => '?').join(', ')})`;
    sql = `INSERT OR IGNORE INTO search_keys VALUES ${Array.from({ length: count }, () => row).join(', ')}`;
    insertSql[count] = sql;
  }
  return sql;
}

/** The name's index rows, flat: (field, archived, start, key, account_rid) after one another. */
export function searchKeyRows(entry: IndexedName): (number | string)[] {
  const archived = entry.archived ? 1 : 0;
  const normalized = normalizeName(entry.name);
  const pinyin = entry.pinyin === '' ? [] : entry.pinyin.split(' ');
  const fields: [number, string[]][] = [
    [searchFields.text, characterTokens(normalized.replace(/\s+/g, ''))],
    [searchFields.pinyin, pinyin],
    [searchFields.initials, initialTokens(normalized, pinyin)],
  ];
  const rows: (number | string)[] = [];
  for (const [field, tokens] of fields) {
    for (const { key, start } of suffixKeys(tokens))
      rows.push(field, archived, start ? 1 : 0, key, entry.rid);
  }
  return rows;
}

export function reindexAccountName(db: Db, entry: IndexedName): void {
  db.statement('DELETE FROM search_keys WHERE account_rid = ?').run(entry.rid);
  if (entry.deleted) return;
  const rows = searchKeyRows(entry);
  const step = keysPerStatement * columnsPerKey;
  for (let offset = 0; offset < rows.length; offset += step) {
    const values = rows.slice(offset, offset + step);
    db.statement(insertKeys(values.length / columnsPerKey)).run(values);
  }
}
