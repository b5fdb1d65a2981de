import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDayOf } from '../../../shared/domain/visitRules';
import type { Account } from '../../../shared/types';
import { createOrganization, createPerson, openBook, type Book } from './helpers';

/**
 * Records are corrected as well as entered: every edit and delete is audited, and an edit that
 * would store an incoherent record (a follow-up nobody sees, a follow-up due before its visit,
 * a second birthday) is refused at its field, or asks before a likely duplicate.
 */
let book: Book;
let person: Account;
beforeEach(async () => {
  book = await openBook();
  person = createPerson(book);
});
afterEach(() => book.close());

const issueCodes = (error: { issues?: readonly { path: readonly (string | number)[]; code: string }[] }) =>
  error.issues?.map((issue) => [issue.path.join('.'), issue.code]);

describe('visit follow-ups', () => {
  const base = { kind: 'onsite', content: '拜访', occurredAt: '2026-11-20T09:30:00+08:00' } as const;

  it('refuses a follow-up date without its text, on create', () => {
    const error = book.invalid(
      'visits.create',
      { accountId: person.id, ...base, followUpDue: '2026-12-01' },
      ['followUp'],
    );
    expect(issueCodes(error)).toEqual([['followUp', 'follow_up_text_needed']]);
  });

  it('refuses a follow-up due before the visit’s day, on create and on update', () => {
    const visitDay = localDayOf('2026-11-20T01:30:00.000Z');
    const dayBefore = `2026-11-${String(Number(visitDay.slice(8)) - 1).padStart(2, '0')}`;
    const error = book.invalid(
      'visits.create',
      { accountId: person.id, ...base, followUp: '回访', followUpDue: dayBefore },
      ['followUpDue'],
    );
    expect(issueCodes(error)).toEqual([['followUpDue', 'follow_up_before_visit']]);

    // Due on the visit's own day is fine.
    const visit = book.ok('visits.create', {
      accountId: person.id,
      ...base,
      followUp: '回访',
      followUpDue: visitDay,
    });
    // The update gives only the date: the handler compares it with the stored visit.
    book.invalid('visits.update', { id: visit.id, followUpDue: dayBefore }, ['followUpDue']);
    // Moving the visit after its follow-up is the same mistake.
    book.invalid('visits.update', { id: visit.id, occurredAt: '2026-12-05T09:00:00+08:00' }, ['followUpDue']);
  });

  it('refuses clearing the text of a follow-up whose date stays, and takes clearing both', () => {
    const visit = book.ok('visits.create', {
      accountId: person.id,
      ...base,
      followUp: '寄合同',
      followUpDue: '2026-12-01',
    });
    book.invalid('visits.update', { id: visit.id, followUp: '' }, ['followUp']);
    // Adding a date to a visit without a follow-up: the merged visit has no text.
    const plain = book.ok('visits.create', { accountId: person.id, ...base });
    book.invalid('visits.update', { id: plain.id, followUpDue: '2026-12-01' }, ['followUp']);
    expect(book.ok('visits.update', { id: visit.id, followUp: '', followUpDue: null })).toMatchObject({
      followUp: '',
      followUpDue: null,
    });
  });

  it('stores a visit dated in the future as it is: a planned visit', () => {
    const planned = book.ok('visits.create', {
      accountId: person.id,
      kind: 'onsite',
      content: '计划拜访',
      occurredAt: '2099-01-05T10:00:00+08:00',
    });
    expect(planned.occurredAt).toBe('2099-01-05T02:00:00.000Z');
  });

  it('says how to write a date the forms could not read', () => {
    const error = book.invalid(
      'visits.create',
      { accountId: person.id, ...base, followUp: 'x', followUpDue: '2026/12/01' },
      ['followUpDue'],
    );
    expect(issueCodes(error)).toEqual([['followUpDue', 'invalid_date']]);
  });
});

describe('like anniversaries', () => {
  const birthday = (calendar: 'gregorian' | 'lunar', month: number, day: number, extra = {}) => ({
    accountId: person.id,
    kind: 'birthday' as const,
    calendar,
    month,
    day,
    ...extra,
  });

  it('asks before a second birthday by the same calendar, and keeps both when told to', () => {
    const first = book.ok('anniversaries.create', birthday('gregorian', 3, 8));
    const error = book.rejects('anniversaries.create', birthday('gregorian', 3, 18), 'DUPLICATE_ANNIVERSARY');
    expect(error.details).toEqual({ existing: [first] });
    // A lunar birthday beside a Gregorian one is common, not a conflict.
    book.ok('anniversaries.create', birthday('lunar', 1, 20));
    book.ok('anniversaries.create', birthday('gregorian', 3, 18, { allowDuplicate: true }));
    expect(book.ok('accounts.detail', { id: person.id }).anniversaries).toHaveLength(3);
  });

  it('asks when an edit makes a repeat, not when a kept pair is edited otherwise', () => {
    const gregorian = book.ok('anniversaries.create', birthday('gregorian', 3, 8));
    const lunar = book.ok('anniversaries.create', birthday('lunar', 1, 20));
    book.rejects('anniversaries.update', { id: lunar.id, calendar: 'gregorian' }, 'DUPLICATE_ANNIVERSARY');
    book.ok('anniversaries.update', { id: lunar.id, calendar: 'gregorian', allowDuplicate: true });
    // Both Gregorian now, kept on purpose: a note or lead days change asks nothing.
    book.ok('anniversaries.update', { id: gregorian.id, note: '身份证上的日期' });
    // An edit of a single birthday's own date is no repeat of itself.
    const other = createPerson(book);
    const only = book.ok('anniversaries.create', { ...birthday('gregorian', 5, 1), accountId: other.id });
    book.ok('anniversaries.update', { id: only.id, day: 2 });
  });

  it('asks before the same founding day or contract day twice, but takes two contracts', () => {
    const org = createOrganization(book);
    const day = (kind: 'founding' | 'contract', month: number, day: number) => ({
      accountId: org.id,
      kind,
      calendar: 'gregorian' as const,
      month,
      day,
    });
    book.ok('anniversaries.create', day('founding', 6, 1));
    book.rejects('anniversaries.create', day('founding', 7, 1), 'DUPLICATE_ANNIVERSARY');
    book.ok('anniversaries.create', day('contract', 9, 1));
    book.ok('anniversaries.create', day('contract', 10, 1));
    book.rejects('anniversaries.create', day('contract', 9, 1), 'DUPLICATE_ANNIVERSARY');
  });
});

describe('corrections are audited', () => {
  it('records before and after of an edit, and each delete and undelete, for all four records', () => {
    const other = createOrganization(book);
    const detail = () => book.ok('accounts.detail', { id: person.id });
    const phone = book.ok('phones.add', { accountId: person.id, number: '13800138000' });
    const link = book.ok('relationships.create', { fromId: other.id, toId: person.id, type: 'employs' });
    const visit = book.ok('visits.create', { accountId: person.id, kind: 'phone', content: '电话' });
    const day = book.ok('anniversaries.create', {
      accountId: person.id,
      kind: 'birthday',
      calendar: 'gregorian',
      month: 3,
      day: 8,
    });
    book.ok('phones.update', { id: phone.id, number: '139 0013 9000', label: 'office' });
    book.ok('relationships.update', { id: link.id, role: '总经理' });
    book.ok('visits.update', { id: visit.id, content: '电话回访', kind: 'onsite' });
    book.ok('anniversaries.update', { id: day.id, day: 9 });
    expect(detail().phones[0]?.number).toBe('13900139000');

    const cases = [
      [
        'phone',
        phone.id,
        'phones',
        { number: '13800138000', label: 'mobile' },
        { number: '13900139000', label: 'office' },
      ],
      ['relationship', link.id, 'relationships', { role: '' }, { role: '总经理' }],
      [
        'visit',
        visit.id,
        'visits',
        { content: '电话', kind: 'phone' },
        { content: '电话回访', kind: 'onsite' },
      ],
      ['anniversary', day.id, 'anniversaries', { day: 8 }, { day: 9 }],
    ] as const;
    for (const [entity, id, domain, before, after] of cases) {
      book.ok(`${domain}.delete`, { id });
      book.ok(`${domain}.undelete`, { id });
      const entries = book.ok('audit.list', { entity, entityId: id });
      expect(
        entries.map((entry) => entry.action),
        entity,
      ).toEqual(['undelete', 'delete', 'update', 'create']);
      expect(entries[2], entity).toMatchObject({ actor: 'm001', before, after });
    }
  });
});
