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

export function reindexAccountName(db: Db, entry: IndexedName): void {
  db.statement('DELETE FROM search_keys WHERE account_rid = ?').run(entry.rid);
  if (entry.deleted) return;
  const insert = db.statement('INSERT OR IGNORE INTO search_keys VALUES (?, ?, ?, ?, ?)');
  const archived = entry.archived ? 1 : 0;
  const normalized = normalizeName(entry.name);
  const pinyin = entry.pinyin === '' ? [] : entry.pinyin.split(' ');
  const fields: [number, string[]][] = [
    [searchFields.text, characterTokens(normalized.replace(/\s+/g, ''))],
    [searchFields.pinyin, pinyin],
    [searchFields.initials, initialTokens(normalized, pinyin)],
  ];
  for (const [field, tokens] of fields) {
    for (const { key, start } of suffixKeys(tokens))
      insert.run(field, archived, start ? 1 : 0, key, entry.rid);
  }
}
