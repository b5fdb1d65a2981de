import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestMigration } from '../../db/migrations/index';
import { decodeBundle } from '../unit/decodeBundle';
import {
  expectErasedEverywhere,
  expectStatisticsFromBills,
  foundInFiles,
  needles,
  secretDigits,
  secretName,
  seedErasureBook,
} from './erasureBook';
import { openBook, type Book } from './operations/helpers';
import { exportFrom, passphrase } from './syncHelpers';

/*
 * Erasing a person on request: afterwards their name, phone and words are found nowhere — in
 * any table, in the raw bytes of the book file and its log (free pages included), in a later
 * sync file — while statistics still equal the remaining bills and the audit chain holds.
 */
let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

describe('accounts.erase', () => {
  it('leaves none of the person in the tables, the file, its log or a sync file', () => {
    const { person, other } = seedErasureBook(book);
    exportFrom(book, true);
    book.fieldbook.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // The data is there to be found before: the check can fail.
    expect(foundInFiles(book.fieldbook.db.path)).toEqual(needles);

    const result = book.ok('accounts.erase', { id: person.id, reason: '本人依个人信息保护法要求删除' });
    expect(result.rows).toMatchObject({ account: 1, phone: 1, relationship: 1, visit: 1, consumption: 2 });
    expect(result.auditEntries).toBeGreaterThan(0);
    expect(result.compacted).toBe(true);

    expectErasedEverywhere(book, person.id);
    expect(foundInFiles(book.fieldbook.db.path)).toEqual([]);
    const file = decodeBundle(exportFrom(book, true), passphrase, { latestSchemaVersion: latestMigration });
    const text = JSON.stringify(file.ops);
    for (const needle of needles) expect(text.includes(needle), needle).toBe(false);
    expectStatisticsFromBills(book);
    expect(book.ok('accounts.get', { id: other.id }).name).toBe('王芳');

    const [entry] = book.rows("SELECT * FROM audit_log WHERE action = 'erase'");
    expect(entry).toMatchObject({ actor: 'm001', entity: 'account', entity_id: person.id, erased: null });
    const erasedEntries = book.rows('SELECT erased FROM audit_log WHERE erased IS NOT NULL');
    expect(erasedEntries.length).toBe(result.auditEntries);
    expect(JSON.parse(String(erasedEntries[0]?.['erased']))).toMatchObject({
      by: 'm001',
      why: '本人依个人信息保护法要求删除',
    });
    book.rejects('accounts.get', { id: person.id }, 'NOT_FOUND');
  });

  it('exports everything held about the person, as JSON and CSV, and records that it did', () => {
    const { person, other } = seedErasureBook(book);
    const exported = book.ok('accounts.exportPersonalData', { id: person.id });
    const data = JSON.parse(exported.json) as { records: Record<string, unknown[]>; audit: unknown[] };
    expect(Object.keys(data.records).sort()).toEqual(
      ['account', 'anniversary', 'consumption', 'contract', 'phone', 'relationship', 'visit'].sort(),
    );
    expect(data.records['consumption']).toHaveLength(2);
    expect(data.audit.length).toBeGreaterThan(0);
    for (const text of [exported.json, exported.csv])
      for (const needle of [secretName, secretDigits, '家住南山'])
        expect(text.includes(needle), needle).toBe(true);
    expect(exported.csv.includes('王芳') || exported.json.includes(other.id)).toBe(false);
    expect(book.rows("SELECT actor, entity_id FROM audit_log WHERE action = 'export.personal'")).toEqual([
      { actor: 'm001', entity_id: person.id },
    ]);
  });

  it('refuses without a reason and writes nothing', () => {
    const { person } = seedErasureBook(book);
    book.invalid('accounts.erase', { id: person.id, reason: ' ' }, ['reason']);
  });
});
