import { localToday } from '../../../db/queries/records';
import { nextOccurrence } from '../../../shared/domain/anniversaryDates';
import { LunarYear } from 'lunar-typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/types';
import { createOrganization, createPerson, missingId, openBook, type Book } from './helpers';

let book: Book;
let person: Account;
let org: Account;
beforeEach(async () => {
  book = await openBook();
  person = createPerson(book);
  org = createOrganization(book);
});
afterEach(() => book.close());

const stored = (accountId: string) => book.ok('accounts.detail', { id: accountId }).anniversaries;

describe('anniversaries.create', () => {
  it('records a gregorian birthday with defaults, and stores it', () => {
    const created = book.ok('anniversaries.create', {
      accountId: person.id,
      kind: 'birthday',
      calendar: 'gregorian',
      month: 2,
      day: 29,
    });
    expect(created).toMatchObject({
      accountId: person.id,
      kind: 'birthday',
      label: '',
      calendar: 'gregorian',
      month: 2,
      day: 29,
      leapMonth: false,
      year: null,
      leadDays: null,
      note: '',
    });
    expect(stored(person.id)).toEqual([created]);
  });

  it('records a lunar leap-month birthday in a year that has that leap month', () => {
    const leap = LunarYear.fromYear(2023).getLeapMonth();
    expect(leap).toBe(2);
    const created = book.ok('anniversaries.create', {
      accountId: person.id,
      kind: 'birthday',
      calendar: 'lunar',
      month: leap,
      day: 10,
      leapMonth: true,
      year: 2023,
      leadDays: [7, 1],
      note: '闰二月初十',
    });
    expect(created).toMatchObject({
      calendar: 'lunar',
      month: 2,
      leapMonth: true,
      year: 2023,
      leadDays: [7, 1],
    });
    expect(stored(person.id)).toEqual([created]);
  });

  it('records a founding day and a named custom day on an organization', () => {
    const founding = book.ok('anniversaries.create', {
      accountId: org.id,
      kind: 'founding',
      calendar: 'gregorian',
      month: 9,
      day: 1,
      year: 1998,
    });
    const custom = book.ok('anniversaries.create', {
      accountId: org.id,
      kind: 'custom',
      label: '签约十周年',
      calendar: 'lunar',
      month: 1,
      day: 8,
    });
    expect(stored(org.id)).toEqual([custom, founding]);
  });

  it.each([
    [
      'a birthday on an organization',
      () => ({ accountId: org.id, kind: 'birthday' as const }),
      'organization',
    ],
    ['a wedding on an organization', () => ({ accountId: org.id, kind: 'wedding' as const }), 'organization'],
    ['a founding day on a person', () => ({ accountId: person.id, kind: 'founding' as const }), 'person'],
  ])('rejects %s as INVALID_ANNIVERSARY', (_what, target, accountKind) => {
    const error = book.rejects(
      'anniversaries.create',
      { ...target(), calendar: 'gregorian', month: 5, day: 1 },
      'INVALID_ANNIVERSARY',
    );
    expect(error.details).toMatchObject({ accountKind });
  });

  it('rejects unknown and deleted accounts', () => {
    const input = {
      kind: 'custom' as const,
      label: '入职',
      calendar: 'gregorian' as const,
      month: 5,
      day: 1,
    };
    book.rejects('anniversaries.create', { ...input, accountId: missingId }, 'NOT_FOUND');
    book.ok('accounts.delete', { id: person.id });
    book.rejects('anniversaries.create', { ...input, accountId: person.id }, 'ACCOUNT_DELETED');
  });

  it('reports why a rule cannot exist, by its message key', () => {
    const error = book.invalid(
      'anniversaries.create',
      { accountId: person.id, kind: 'birthday', calendar: 'gregorian', month: 4, day: 31 },
      ['day'],
    );
    expect(error.issues?.[0]?.code).toBe('gregorian_day_out_of_range');
  });
});

describe('anniversaries.update', () => {
  const lunarBirthday = () =>
    book.ok('anniversaries.create', {
      accountId: person.id,
      kind: 'birthday',
      calendar: 'lunar',
      month: 8,
      day: 15,
    });

  it('changes the rule, lead days and note, and stores them', () => {
    const created = lunarBirthday();
    const updated = book.ok('anniversaries.update', {
      id: created.id,
      calendar: 'gregorian',
      month: 10,
      day: 1,
      year: 1980,
      leadDays: [3],
      note: '改公历',
    });
    expect(updated).toEqual({
      ...created,
      calendar: 'gregorian',
      month: 10,
      day: 1,
      year: 1980,
      leadDays: [3],
      note: '改公历',
      next: nextOccurrence(
        { calendar: 'gregorian', month: 10, day: 1, leapMonth: false, year: 1980 },
        localToday(),
      ),
    });
    expect(stored(person.id)).toEqual([updated]);
    const cleared = book.ok('anniversaries.update', { id: created.id, leadDays: null, year: null });
    expect(cleared).toMatchObject({ leadDays: null, year: null });
  });

  it('drops the leap-month flag when switching to the gregorian calendar', () => {
    const created = book.ok('anniversaries.create', {
      accountId: person.id,
      kind: 'birthday',
      calendar: 'lunar',
      month: 6,
      day: 1,
      leapMonth: true,
    });
    expect(book.ok('anniversaries.update', { id: created.id, calendar: 'gregorian' }).leapMonth).toBe(false);
  });

  it('checks the merged rule: a year without the leap month is refused at the day', () => {
    const created = book.ok('anniversaries.create', {
      accountId: person.id,
      kind: 'birthday',
      calendar: 'lunar',
      month: 6,
      day: 1,
      leapMonth: true,
    });
    expect(LunarYear.fromYear(2025).getLeapMonth()).toBe(6);
    expect(book.ok('anniversaries.update', { id: created.id, year: 2025 }).year).toBe(2025);
    const error = book.invalid('anniversaries.update', { id: created.id, year: 2024 }, ['day']);
    expect(error.issues?.[0]?.code).toBe('lunar_leap_month_missing_in_year');
  });

  it('rejects changing a person’s day to a founding day as INVALID_ANNIVERSARY', () => {
    book.rejects('anniversaries.update', { id: lunarBirthday().id, kind: 'founding' }, 'INVALID_ANNIVERSARY');
  });

  it('rejects unknown and deleted anniversaries as NOT_FOUND', () => {
    book.rejects('anniversaries.update', { id: missingId, note: 'x' }, 'NOT_FOUND');
    const created = lunarBirthday();
    book.ok('anniversaries.delete', { id: created.id });
    book.rejects('anniversaries.update', { id: created.id, note: 'x' }, 'NOT_FOUND');
  });
});

describe('anniversaries.delete and anniversaries.undelete', () => {
  it('round-trip: a deleted anniversary leaves the detail until undeleted', () => {
    const created = book.ok('anniversaries.create', {
      accountId: org.id,
      kind: 'founding',
      calendar: 'gregorian',
      month: 3,
      day: 18,
    });
    expect(book.ok('anniversaries.delete', { id: created.id })).toEqual(created);
    expect(stored(org.id)).toEqual([]);
    expect(book.ok('anniversaries.undelete', { id: created.id })).toEqual(created);
    expect(stored(org.id)).toEqual([created]);
  });

  it('rejects unknown ids, and undeleting onto a deleted account', () => {
    book.rejects('anniversaries.delete', { id: missingId }, 'NOT_FOUND');
    book.rejects('anniversaries.undelete', { id: missingId }, 'NOT_FOUND');
    const created = book.ok('anniversaries.create', {
      accountId: person.id,
      kind: 'wedding',
      calendar: 'gregorian',
      month: 5,
      day: 20,
    });
    book.ok('anniversaries.delete', { id: created.id });
    book.ok('accounts.delete', { id: person.id });
    book.rejects('anniversaries.undelete', { id: created.id }, 'ACCOUNT_DELETED');
  });
});
