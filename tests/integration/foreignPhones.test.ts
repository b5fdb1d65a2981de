import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatPhone } from '../../shared/domain/phone';
import type { Account, DuplicateMatch, LookupHit } from '../../shared/types';
import { csv, stage } from './imports/importHelpers';
import { createPerson, openBook, type Book } from './operations/helpers';
import { exportFrom, importInto } from './syncHelpers';

/*
 * A number of another country, end to end: stored in E.164 (not as the Chinese-looking digits
 * `+1 415 555 0100` used to become), found by its last digits and whole, shown in its own
 * format, and carried unchanged by sync, CSV export and CSV import.
 */

let book: Book;
let american: Account;
let chinese: Account;
beforeEach(async () => {
  book = await openBook();
  american = createPerson(book, { name: '陈美玲', phones: [{ number: '+1 415 555 0100' }] });
  chinese = createPerson(book, { name: '王芳', phones: [{ number: '138 0013 0100' }] });
});
afterEach(() => book.close());

const search = (target: Book, query: string) => target.ok('lookup.search', { query }).hits;
const names = (hits: readonly LookupHit[]) => hits.map((hit) => hit.account.name);
const marked = (hit: LookupHit | undefined) => (hit ? hit.text.slice(hit.start, hit.end) : '');

describe('a phone of another country', () => {
  it('is stored in E.164 with a label from its type, and shown in its international format', () => {
    const [phone] = book.ok('accounts.detail', { id: american.id }).phones;
    expect(phone).toMatchObject({ number: '+14155550100', label: 'mobile' });
    expect(formatPhone(phone?.number ?? '')).toBe('+1 415 555 0100');
    expect(book.rows('SELECT number_rev FROM account_phones WHERE account_id = ?', american.id)).toEqual([
      { number_rev: '00105555141+' },
    ]);
    const landline = book.ok('phones.add', { accountId: american.id, number: '+44 20 7946 0958' });
    expect(landline).toMatchObject({ number: '+442079460958', label: 'office' });
    expect(book.ok('phones.add', { accountId: american.id, number: '+1 800 555 0100' }).label).toBe('other');
  });

  it('is found by its last four or more digits, next to Chinese numbers ending the same', () => {
    const hits = search(book, '0100');
    expect(names(hits).sort()).toEqual(['王芳', '陈美玲']);
    expect(hits.every((hit) => hit.field === 'phone' && hit.match === 'suffix')).toBe(true);
    expect(hits.map(marked)).toEqual(['0100', '0100']);
    const longer = search(book, '555-0100');
    expect(names(longer)).toEqual(['陈美玲']);
    expect(marked(longer[0])).toBe('5550100');
  });

  it.each([
    '+1 415 555 0100',
    '+1 (415) 555-0100',
    '001 415 555 0100',
    '00 1 415-555-0100',
    '+14155550100',
    '14155550100',
  ])('is found whole, as an exact match, typed as %j', (query) => {
    const hits = search(book, query);
    expect(names(hits)).toEqual(['陈美玲']);
    expect(hits[0]).toMatchObject({ field: 'phone', match: 'exact', text: '+14155550100' });
  });

  it('is found by its national number, which it ends with', () => {
    expect(names(search(book, '(415) 555-0100'))).toEqual(['陈美玲']);
  });

  it('still finds what the old rules stored for the same text (a Chinese-looking 14155550100)', () => {
    // Typed without +, a number is Chinese: the digits the old rules kept for +1 415 555 0100.
    const legacy = createPerson(book, {
      name: '旧记录',
      phones: [{ number: '14155550100' }],
      allowDuplicate: true,
    });
    expect(book.ok('accounts.detail', { id: legacy.id }).phones[0]?.number).toBe('14155550100');
    expect(names(search(book, '+1 415 555 0100')).sort()).toEqual(['旧记录', '陈美玲']);
  });

  it('is one number however it is written: duplicates are caught', () => {
    const again = book.rejects(
      'accounts.create',
      { kind: 'person', name: '陈美玲', phones: [{ number: '001-415-555-0100' }] },
      'DUPLICATE_ACCOUNT',
    );
    expect((again.details as { matches: DuplicateMatch[] }).matches).toEqual([
      expect.objectContaining({
        phone: '+14155550100',
        account: expect.objectContaining({ id: american.id }),
      }),
    ]);
    book.rejects(
      'phones.add',
      { accountId: american.id, number: '+1.415.555.0100' },
      'PHONE_ALREADY_ON_ACCOUNT',
    );
    book.rejects('phones.add', { accountId: chinese.id, number: '+1 415 5550100' }, 'DUPLICATE_PHONE');
  });

  it('is refused when invalid for its country, as Chinese numbers are', () => {
    book.invalid(
      'accounts.create',
      { kind: 'person', name: '错号', phones: [{ number: '+1 155 555 0100' }] },
      ['phones', 0, 'number'],
    );
  });

  it('travels by sync file unchanged, and is found on the other laptop', async () => {
    const other = await openBook();
    try {
      importInto(other, exportFrom(book, true));
      expect(other.ok('accounts.detail', { id: american.id }).phones[0]?.number).toBe('+14155550100');
      expect(names(search(other, '0100')).sort()).toEqual(['王芳', '陈美玲']);
      expect(names(search(other, '+1 415 555 0100'))).toEqual(['陈美玲']);
    } finally {
      other.close();
    }
  });

  it('is exported to CSV as stored and in its international format', () => {
    const result = book.ok('exports.csv', { tables: ['phones'], language: 'en' });
    const text = Buffer.from(result.contentBase64, 'base64').toString('utf8').slice(1);
    const rows = parse(text, { relax_quotes: true }) as string[][];
    const row = rows.find((cells) => cells[1] === '陈美玲');
    expect(row?.slice(2, 5)).toEqual(['="+14155550100"', '="+1 415 555 0100"', 'Mobile']);
  });

  it('is read from a CSV import cell written with its country code', () => {
    const mapping = { customerNo: '客户编号', name: '客户名称', kind: '类型', phone: '手机' };
    const staged = stage(book, csv('客户编号,客户名称,类型,手机', 'HK0001,李嘉欣,个人,+852 9123 4567'));
    const input = {
      stageId: staged.stageId,
      kind: 'accounts',
      mapping,
      matchKey: 'customerNo',
      onExisting: 'update',
    } as const;
    book.ok('imports.apply', input);
    const imported = book.ok('accounts.findByNumber', { customerNo: 'HK0001' });
    expect(book.ok('accounts.detail', { id: imported?.id ?? '' }).phones).toEqual([
      expect.objectContaining({ number: '+85291234567', label: 'mobile' }),
    ]);
  });
});
