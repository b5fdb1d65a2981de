import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, VisitKind } from '../../../shared/types';
import { createPerson, missingId, openBook, type Book } from './helpers';

let book: Book;
let person: Account;
beforeEach(async () => {
  book = await openBook();
  person = createPerson(book);
});
afterEach(() => book.close());

const visit = (occurredAt: string, kind: VisitKind = 'onsite', content = occurredAt) =>
  book.ok('visits.create', { accountId: person.id, kind, content, occurredAt });

describe('visits.create', () => {
  it('records a visit with defaults (now, this manager), and stores it', () => {
    const before = Date.now();
    const created = book.ok('visits.create', {
      accountId: person.id,
      kind: 'walk_in',
      content: ' 来营业厅办宽带 ',
    });
    expect(created).toMatchObject({
      accountId: person.id,
      kind: 'walk_in',
      content: '来营业厅办宽带',
      participants: '',
      feedback: '',
      followUp: '',
      followUpDue: null,
      manager: 'm001',
    });
    expect(Date.parse(created.occurredAt)).toBeGreaterThanOrEqual(before - 1);
    expect(book.ok('visits.list', { accountId: person.id })).toEqual([created]);
  });

  it('stores every field and the time in UTC', () => {
    const created = book.ok('visits.create', {
      accountId: person.id,
      kind: 'complaint',
      occurredAt: '2026-11-20T09:30:00+08:00',
      participants: '陈总、林经理',
      content: '专线中断两小时',
      feedback: '要求赔偿',
      followUp: '申请减免',
      followUpDue: '2026-11-25',
      manager: 'm002',
    });
    expect(created).toMatchObject({
      occurredAt: '2026-11-20T01:30:00.000Z',
      participants: '陈总、林经理',
      feedback: '要求赔偿',
      followUp: '申请减免',
      followUpDue: '2026-11-25',
      manager: 'm002',
    });
    expect(book.ok('accounts.detail', { id: person.id }).visits).toEqual([created]);
  });

  it('records visits on archived accounts but rejects unknown and deleted ones', () => {
    book.ok('accounts.archive', { id: person.id });
    visit('2026-01-01T00:00:00Z');
    book.rejects('visits.create', { accountId: missingId, kind: 'phone', content: '电话' }, 'NOT_FOUND');
    book.ok('accounts.delete', { id: person.id });
    book.rejects(
      'visits.create',
      { accountId: person.id, kind: 'phone', content: '电话' },
      'ACCOUNT_DELETED',
    );
  });
});

describe('visits.list', () => {
  it('lists newest first, filters by kind, and pages with before and limit', () => {
    const times = ['2026-03-01T08:00:00.000Z', '2026-01-01T08:00:00.000Z', '2026-02-01T08:00:00.000Z'];
    visit(times[0] ?? '', 'phone');
    visit(times[1] ?? '', 'onsite');
    visit(times[2] ?? '', 'phone');
    const occurred = (input: { kind?: VisitKind; before?: string; limit?: number }) =>
      book.ok('visits.list', { accountId: person.id, ...input }).map((v) => v.occurredAt);
    expect(occurred({})).toEqual([...times].sort().reverse());
    expect(occurred({ kind: 'phone' })).toEqual(['2026-03-01T08:00:00.000Z', '2026-02-01T08:00:00.000Z']);
    expect(occurred({ limit: 1 })).toEqual(['2026-03-01T08:00:00.000Z']);
    expect(occurred({ before: '2026-03-01T08:00:00.000Z' })).toEqual([
      '2026-02-01T08:00:00.000Z',
      '2026-01-01T08:00:00.000Z',
    ]);
    expect(occurred({ before: '2026-02-01T16:00:00+08:00' })).toEqual(['2026-01-01T08:00:00.000Z']);
  });

  it('rejects unknown and deleted accounts', () => {
    book.rejects('visits.list', { accountId: missingId }, 'NOT_FOUND');
    book.ok('accounts.delete', { id: person.id });
    book.rejects('visits.list', { accountId: person.id }, 'ACCOUNT_DELETED');
  });
});

describe('visits.update', () => {
  it('changes the given fields and stores them', () => {
    const created = visit('2026-01-01T00:00:00.000Z', 'onsite', '初访');
    const updated = book.ok('visits.update', {
      id: created.id,
      kind: 'marketing',
      content: '推介云专线',
      occurredAt: '2026-01-02T10:00:00+08:00',
      followUp: '报价',
      followUpDue: '2026-02-01',
    });
    expect(updated).toEqual({
      ...created,
      kind: 'marketing',
      content: '推介云专线',
      occurredAt: '2026-01-02T02:00:00.000Z',
      followUp: '报价',
      followUpDue: '2026-02-01',
    });
    expect(book.ok('visits.list', { accountId: person.id })).toEqual([updated]);
    expect(book.ok('visits.update', { id: created.id, followUpDue: null }).followUpDue).toBeNull();
  });

  it('rejects unknown and deleted visits as NOT_FOUND', () => {
    book.rejects('visits.update', { id: missingId, content: 'x' }, 'NOT_FOUND');
    const created = visit('2026-01-01T00:00:00.000Z');
    book.ok('visits.delete', { id: created.id });
    book.rejects('visits.update', { id: created.id, content: 'x' }, 'NOT_FOUND');
  });
});

describe('visits.delete and visits.undelete', () => {
  it('round-trip: a deleted visit leaves the list and the count until undeleted', () => {
    const kept = visit('2026-01-01T00:00:00.000Z');
    const removed = visit('2026-02-01T00:00:00.000Z');
    expect(book.ok('visits.delete', { id: removed.id })).toEqual(removed);
    expect(book.ok('visits.list', { accountId: person.id })).toEqual([kept]);
    expect(book.ok('accounts.detail', { id: person.id }).visitCount).toBe(1);
    expect(book.ok('visits.undelete', { id: removed.id })).toEqual(removed);
    expect(book.ok('visits.list', { accountId: person.id })).toEqual([removed, kept]);
    expect(book.ok('accounts.detail', { id: person.id }).visitCount).toBe(2);
  });

  it('rejects unknown visits and undeleting onto a deleted account', () => {
    book.rejects('visits.delete', { id: missingId }, 'NOT_FOUND');
    book.rejects('visits.undelete', { id: missingId }, 'NOT_FOUND');
    const created = visit('2026-01-01T00:00:00.000Z');
    book.ok('visits.delete', { id: created.id });
    book.ok('accounts.delete', { id: person.id });
    book.rejects('visits.undelete', { id: created.id }, 'ACCOUNT_DELETED');
  });
});
