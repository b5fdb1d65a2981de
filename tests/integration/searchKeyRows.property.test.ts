import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { openDatabase } from '../../db/openBook';
import { reindexAccountName, searchFields, type IndexedName } from '../../db/queries/searchKeys';
import {
  characterTokens,
  initialTokens,
  nameSearchKeys,
  normalizeName,
  suffixKeys,
} from '../../shared/domain/nameSearch';

/*
 * `reindexAccountName` writes a name's keys with a few multi-row INSERTs (32 keys each). Whatever
 * the name — long ones included, whose keys take several statements, and names whose suffixes
 * repeat — the index must hold exactly what inserting the keys one by one gave, for this
 * account only, and a second reindex must replace them.
 */

type KeyRow = [field: number, archived: number, start: number, key: string, rid: number];

/** The one-key-at-a-time reference: the keys of `suffixKeys`, without duplicates. */
function expectedRows(entry: IndexedName): KeyRow[] {
  if (entry.deleted) return [];
  const normalized = normalizeName(entry.name);
  const pinyin = entry.pinyin === '' ? [] : entry.pinyin.split(' ');
  const fields: [number, string[]][] = [
    [searchFields.text, characterTokens(normalized.replace(/\s+/g, ''))],
    [searchFields.pinyin, pinyin],
    [searchFields.initials, initialTokens(normalized, pinyin)],
  ];
  const rows = new Map<string, KeyRow>();
  for (const [field, tokens] of fields) {
    for (const { key, start } of suffixKeys(tokens)) {
      const row: KeyRow = [field, entry.archived ? 1 : 0, start ? 1 : 0, key, entry.rid];
      rows.set(JSON.stringify(row), row);
    }
  }
  return [...rows.values()].sort(compareRows);
}

function compareRows(a: KeyRow, b: KeyRow): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] as number | string, b[i] as number | string];
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

const pieces = [
  '张',
  '三',
  '曾',
  '单',
  '银行',
  '科技',
  '有限公司',
  'IBM',
  ' ',
  '（',
  '）',
  'a1',
  '汕头',
  '·',
];
const nameArbitrary = fc
  .array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(''));

let directory: string;
let db: Db;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-search-keys-'));
  db = await openDatabase(join(directory, 'book.db'));
});

afterAll(() => {
  db.close();
  rmSync(directory, { recursive: true, force: true });
});

function storedRows(rid: number): KeyRow[] {
  return (
    db.sqlite
      .prepare('SELECT field, archived, start, key, account_rid FROM search_keys WHERE account_rid = ?')
      .raw()
      .all(rid) as KeyRow[]
  ).sort(compareRows);
}

describe('reindexAccountName', () => {
  it('stores exactly the keys one insert per key stored, however many statements they take', () => {
    let rid = 1;
    fc.assert(
      fc.property(
        nameArbitrary,
        fc.constantFrom('person', 'organization' as const),
        fc.boolean(),
        nameArbitrary,
        (name, kind, archived, renamed) => {
          rid++;
          const neighbour: IndexedName = {
            rid: rid + 1_000_000,
            name: '王芳',
            pinyin: 'wang fang',
            archived,
            deleted: false,
          };
          reindexAccountName(db, neighbour);
          const entry: IndexedName = {
            rid,
            name,
            pinyin: nameSearchKeys(name, kind).pinyin.join(' '),
            archived,
            deleted: false,
          };
          reindexAccountName(db, entry);
          expect(storedRows(rid)).toEqual(expectedRows(entry));
          const again = { ...entry, name: renamed, pinyin: nameSearchKeys(renamed, kind).pinyin.join(' ') };
          reindexAccountName(db, again);
          expect(storedRows(rid)).toEqual(expectedRows(again));
          reindexAccountName(db, { ...again, deleted: true });
          expect(storedRows(rid)).toEqual([]);
          expect(storedRows(neighbour.rid)).toEqual(expectedRows(neighbour));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('indexes a name with more keys than one statement takes', () => {
    const name = '汕头市龙湖区长平路八十八号华润大厦二十三楼潮汕电信大客户服务中心有限公司';
    const entry: IndexedName = {
      rid: 9,
      name,
      pinyin: nameSearchKeys(name, 'organization').pinyin.join(' '),
      archived: false,
      deleted: false,
    };
    expect(expectedRows(entry).length).toBeGreaterThan(64);
    reindexAccountName(db, entry);
    expect(storedRows(9)).toEqual(expectedRows(entry));
  });
});
