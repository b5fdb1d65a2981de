import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestMigration } from '../../db/migrations/index';
import { decodeBundle } from '../unit/decodeBundle';
import {
  expectErasedEverywhere,
  expectStatisticsFromBills,
  foundInFiles,
  needles,
  secretName,
  seedErasureBook,
} from './erasureBook';
import { openBook, type Book } from './operations/helpers';
import { exportFrom, importInto, passphrase } from './syncHelpers';

/*
 * An erasure travels by sync as an op carrying the account's id alone; every book that imports
 * it erases the same, and a file still carrying the account's rows — written before the erasure,
 * or by a book that has not heard of it, with any clock — brings nothing back.
 */
let a: Book;
let b: Book;
let c: Book;
beforeEach(async () => {
  [a, b, c] = await Promise.all([openBook(), openBook(), openBook()]);
});
afterEach(() => {
  for (const book of [a, b, c]) book.close();
});

const decode = (file: Buffer) => decodeBundle(file, passphrase, { latestSchemaVersion: latestMigration });

describe('erasure by sync', () => {
  it('erases the person in a book that imports it, and an older file brings nothing back', () => {
    const { person, other } = seedErasureBook(a);
    const everything = exportFrom(a, true);
    importInto(b, everything);
    importInto(c, everything);
    expect(b.ok('accounts.get', { id: person.id }).name).toBe(secretName);
    // C edits the person after the erasure's author last saw them: its clock is later.
    c.ok('accounts.update', { id: person.id, notes: `${secretName}搬家了，新号码 13912345678` });
    c.ok('consumption.create', {
      accountId: person.id,
      period: '2026-12',
      category: 'voice',
      amountFen: 500,
    });
    const fromC = exportFrom(c);

    a.ok('accounts.erase', { id: person.id, reason: '客户书面申请' });
    const erasure = exportFrom(a);
    const ops = decode(erasure).ops;
    expect(ops).toContainEqual({ e: person.id });
    expect(JSON.stringify(ops).includes(secretName)).toBe(false);

    const outcome = importInto(b, erasure);
    expect(outcome.alreadyImported).toBe(false);
    b.rejects('accounts.get', { id: person.id }, 'NOT_FOUND');
    expectErasedEverywhere(b, person.id);
    expect(foundInFiles(b.fieldbook.db.path)).toEqual([]);
    expect(b.rows("SELECT entity_id, after FROM audit_log WHERE action = 'erase'")).toEqual([
      { entity_id: person.id, after: JSON.stringify({ bundle: decode(erasure).manifest.bundleId }) },
    ]);

    // The older file from C: the person's rows and C's later edit are dropped, whatever the clocks.
    const late = importInto(b, fromC);
    expect(late.totals.new + late.totals.changed).toBe(0);
    b.rejects('accounts.get', { id: person.id }, 'NOT_FOUND');
    expectErasedEverywhere(b, person.id);
    expect(foundInFiles(b.fieldbook.db.path)).toEqual([]);
    expectStatisticsFromBills(b);
    expect(b.ok('accounts.get', { id: other.id }).name).toBe('王芳');

    // B relays the erasure: C, which never heard from A again, erases too.
    const relayed = exportFrom(b);
    expect(decode(relayed).ops).toContainEqual({ e: person.id });
    importInto(c, relayed);
    expectErasedEverywhere(c, person.id);
    expect(foundInFiles(c.fieldbook.db.path)).toEqual([]);
    expectStatisticsFromBills(c);
    // And A refuses C's old rows too.
    importInto(a, fromC);
    expectErasedEverywhere(a, person.id);
    for (const book of [a, b, c])
      expect(needles.filter((needle) => foundInFiles(book.fieldbook.db.path).includes(needle))).toEqual([]);
  });
});
