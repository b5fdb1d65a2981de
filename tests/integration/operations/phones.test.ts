import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/types';
import { createOrganization, createPerson, missingId, openBook, type Book } from './helpers';

let book: Book;
let person: Account;
beforeEach(async () => {
  book = await openBook();
  person = createPerson(book, { name: '陈大文', phones: [{ number: '13800138000' }] });
});
afterEach(() => book.close());

const numbersOf = (accountId: string) =>
  book.ok('accounts.detail', { id: accountId }).phones.map((phone) => phone.number);
const phoneHits = (query: string) =>
  book
    .ok('lookup.search', { query })
    .hits.filter((hit) => hit.field === 'phone')
    .map((hit) => hit.account.id);

describe('phones.add', () => {
  it.each([
    ['+86 139-0000-1111', '13900001111', 'mobile'],
    ['(020) 8888 1234', '02088881234', 'office'],
    ['+86 754 88123456', '075488123456', 'office'],
    ['400-820-8820', '4008208820', 'other'],
  ])('adds %j as %s with the label %s, and stores it', (number, digits, label) => {
    const phone = book.ok('phones.add', { accountId: person.id, number });
    expect(phone).toMatchObject({ accountId: person.id, number: digits, label, note: '' });
    expect(book.ok('accounts.detail', { id: person.id }).phones).toContainEqual(phone);
    expect(phoneHits(digits.slice(-4))).toEqual([person.id]);
  });

  it('keeps a label and note given explicitly', () => {
    const phone = book.ok('phones.add', {
      accountId: person.id,
      number: '13900001111',
      label: 'home',
      note: '太太',
    });
    expect(phone).toMatchObject({ label: 'home', note: '太太' });
  });

  it('rejects a number the account already has as PHONE_ALREADY_ON_ACCOUNT, even with allowDuplicate', () => {
    const error = book.rejects(
      'phones.add',
      { accountId: person.id, number: '+86 138 0013 8000', allowDuplicate: true },
      'PHONE_ALREADY_ON_ACCOUNT',
    );
    expect(error.details).toEqual({ number: '13800138000' });
  });

  it('rejects another account’s number as DUPLICATE_PHONE with the match, then allows it on request', () => {
    const org = createOrganization(book);
    const error = book.rejects(
      'phones.add',
      { accountId: org.id, number: '138-0013-8000' },
      'DUPLICATE_PHONE',
    );
    expect(error.details).toEqual({
      number: '13800138000',
      matches: [
        { account: expect.objectContaining({ id: person.id }), reasons: ['phone'], phone: '13800138000' },
      ],
    });
    book.ok('phones.add', { accountId: org.id, number: '138-0013-8000', allowDuplicate: true });
    expect(numbersOf(org.id)).toEqual(['13800138000']);
    expect(phoneHits('8000').sort()).toEqual([person.id, org.id].sort());
  });

  it('rejects an unknown account as NOT_FOUND and a deleted one as ACCOUNT_DELETED', () => {
    book.rejects('phones.add', { accountId: missingId, number: '13900001111' }, 'NOT_FOUND');
    const other = createPerson(book);
    book.ok('accounts.delete', { id: other.id });
    book.rejects('phones.add', { accountId: other.id, number: '13900001111' }, 'ACCOUNT_DELETED');
  });
});

describe('phones.update', () => {
  const onlyPhoneId = () => book.ok('accounts.detail', { id: person.id }).phones[0]?.id ?? '';

  it('changes the number, label and note, and stores them', () => {
    const id = onlyPhoneId();
    const updated = book.ok('phones.update', { id, number: '0754 8812 3456', label: 'office', note: '前台' });
    expect(updated).toMatchObject({ id, number: '075488123456', label: 'office', note: '前台' });
    expect(book.ok('accounts.detail', { id: person.id }).phones).toEqual([updated]);
    expect(phoneHits('8000')).toEqual([]);
    expect(phoneHits('3456')).toEqual([person.id]);
  });

  it('accepts the number it already has', () => {
    const id = onlyPhoneId();
    expect(book.ok('phones.update', { id, number: '+8613800138000', note: '新' }).number).toBe('13800138000');
  });

  it('rejects the number of another phone of the same account as PHONE_ALREADY_ON_ACCOUNT', () => {
    const second = book.ok('phones.add', { accountId: person.id, number: '13900001111' });
    book.rejects('phones.update', { id: second.id, number: '13800138000' }, 'PHONE_ALREADY_ON_ACCOUNT');
  });

  it('rejects another account’s number as DUPLICATE_PHONE, then allows it on request', () => {
    const other = createPerson(book, { phones: [{ number: '13900001111' }] });
    const id = onlyPhoneId();
    const error = book.rejects('phones.update', { id, number: '139 0000 1111' }, 'DUPLICATE_PHONE');
    expect(error.details).toMatchObject({ number: '13900001111', matches: [{ account: { id: other.id } }] });
    expect(book.ok('phones.update', { id, number: '139 0000 1111', allowDuplicate: true }).number).toBe(
      '13900001111',
    );
  });

  it('rejects an unknown or deleted phone as NOT_FOUND, and a phone of a deleted account as ACCOUNT_DELETED', () => {
    book.rejects('phones.update', { id: missingId, note: 'x' }, 'NOT_FOUND');
    const id = onlyPhoneId();
    book.ok('phones.delete', { id });
    book.rejects('phones.update', { id, note: 'x' }, 'NOT_FOUND');
    book.ok('phones.undelete', { id });
    book.ok('accounts.delete', { id: person.id });
    book.rejects('phones.update', { id, note: 'x' }, 'ACCOUNT_DELETED');
  });
});

describe('phones.delete and phones.undelete', () => {
  it('round-trip: a deleted phone leaves the detail and the lookup until undeleted', () => {
    const phone = book.ok('phones.add', { accountId: person.id, number: '13900001111', note: '旧号' });
    const deleted = book.ok('phones.delete', { id: phone.id });
    expect(deleted).toEqual(phone);
    expect(numbersOf(person.id)).toEqual(['13800138000']);
    expect(phoneHits('1111')).toEqual([]);

    expect(book.ok('phones.undelete', { id: phone.id })).toEqual(phone);
    expect(numbersOf(person.id)).toEqual(['13800138000', '13900001111']);
    expect(phoneHits('1111')).toEqual([person.id]);
  });

  it('frees the number for another account while deleted', () => {
    const id = book.ok('accounts.detail', { id: person.id }).phones[0]?.id ?? '';
    book.ok('phones.delete', { id });
    const other = createPerson(book);
    expect(book.ok('phones.add', { accountId: other.id, number: '13800138000' }).accountId).toBe(other.id);
  });

  it('rejects undeleting a number that was added to the account again as PHONE_ALREADY_ON_ACCOUNT', () => {
    const id = book.ok('accounts.detail', { id: person.id }).phones[0]?.id ?? '';
    book.ok('phones.delete', { id });
    book.ok('phones.add', { accountId: person.id, number: '138 0013 8000' });
    book.rejects('phones.undelete', { id }, 'PHONE_ALREADY_ON_ACCOUNT');
  });

  it('rejects unknown phones as NOT_FOUND and undeleting onto a deleted account as ACCOUNT_DELETED', () => {
    book.rejects('phones.delete', { id: missingId }, 'NOT_FOUND');
    book.rejects('phones.undelete', { id: missingId }, 'NOT_FOUND');
    const id = book.ok('accounts.detail', { id: person.id }).phones[0]?.id ?? '';
    book.ok('phones.delete', { id });
    book.ok('accounts.delete', { id: person.id });
    book.rejects('phones.undelete', { id }, 'ACCOUNT_DELETED');
  });
});
