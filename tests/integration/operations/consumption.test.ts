import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, ConsumptionCategory } from '../../../shared/types';
import { createOrganization, missingId, openBook, type Book } from './helpers';

let book: Book;
let org: Account;
beforeEach(async () => {
  book = await openBook();
  org = createOrganization(book);
});
afterEach(() => book.close());

const bill = (period: string, category: ConsumptionCategory = 'data', amountFen = 100_00) =>
  book.ok('consumption.create', { accountId: org.id, period, category, amountFen });
const listed = (input: { from?: string; to?: string; limit?: number } = {}) =>
  book
    .ok('consumption.list', { accountId: org.id, ...input })
    .map((record) => `${record.period} ${record.category}`);

describe('consumption.create', () => {
  it('records a bill with defaults, and stores it', () => {
    const created = book.ok('consumption.create', {
      accountId: org.id,
      period: '2026-10',
      category: 'leased_line',
      amountFen: 1_250_000,
    });
    expect(created).toMatchObject({
      accountId: org.id,
      period: '2026-10',
      category: 'leased_line',
      amountFen: 1_250_000,
      quantity: null,
      source: 'manual',
      note: '',
    });
    expect(book.ok('consumption.list', { accountId: org.id })).toEqual([created]);
  });

  it('keeps quantity, source, note and negative amounts (refunds)', () => {
    const refund = book.ok('consumption.create', {
      accountId: org.id,
      period: '2026-10',
      category: 'broadband',
      amountFen: -5_000,
      quantity: 2.5,
      source: 'billing',
      note: '故障减免',
    });
    expect(refund).toMatchObject({ amountFen: -5_000, quantity: 2.5, source: 'billing', note: '故障减免' });
    expect(book.ok('consumption.list', { accountId: org.id })).toEqual([refund]);
  });

  it('rejects a second bill for the same month and category as DUPLICATE_CONSUMPTION, then allows it on request', () => {
    const first = bill('2026-10');
    const error = book.rejects(
      'consumption.create',
      { accountId: org.id, period: '2026-10', category: 'data', amountFen: 1 },
      'DUPLICATE_CONSUMPTION',
    );
    expect(error.details).toEqual({ existing: [first] });
    bill('2026-10', 'voice');
    bill('2026-11', 'data');
    book.ok('consumption.create', {
      accountId: org.id,
      period: '2026-10',
      category: 'data',
      amountFen: 1,
      allowDuplicate: true,
    });
    expect(listed({ from: '2026-10', to: '2026-10' })).toEqual([
      '2026-10 data',
      '2026-10 data',
      '2026-10 voice',
    ]);
  });

  it('allows the same month and category again once the first bill is deleted', () => {
    book.ok('consumption.delete', { id: bill('2026-10').id });
    expect(bill('2026-10').period).toBe('2026-10');
  });

  it('rejects unknown and deleted accounts', () => {
    const input = { period: '2026-10', category: 'data' as const, amountFen: 1 };
    book.rejects('consumption.create', { ...input, accountId: missingId }, 'NOT_FOUND');
    book.ok('accounts.delete', { id: org.id });
    book.rejects('consumption.create', { ...input, accountId: org.id }, 'ACCOUNT_DELETED');
  });

  it('reports a malformed period by its message key', () => {
    const error = book.invalid(
      'consumption.create',
      { accountId: org.id, period: '2026-13', category: 'data', amountFen: 1 },
      ['period'],
    );
    expect(error.issues?.[0]?.code).toBe('invalid_period');
  });
});

describe('consumption.list', () => {
  it('lists newest period first, by category, within from..to and the limit', () => {
    bill('2025-12', 'voice');
    bill('2026-02', 'data');
    bill('2026-01', 'voice');
    bill('2026-01', 'cloud');
    bill('2026-03', 'idc');
    expect(listed()).toEqual([
      '2026-03 idc',
      '2026-02 data',
      '2026-01 cloud',
      '2026-01 voice',
      '2025-12 voice',
    ]);
    expect(listed({ from: '2026-01', to: '2026-02' })).toEqual([
      '2026-02 data',
      '2026-01 cloud',
      '2026-01 voice',
    ]);
    expect(listed({ from: '2026-02' })).toEqual(['2026-03 idc', '2026-02 data']);
    expect(listed({ to: '2025-12' })).toEqual(['2025-12 voice']);
    expect(listed({ limit: 2 })).toEqual(['2026-03 idc', '2026-02 data']);
  });

  it('rejects unknown and deleted accounts', () => {
    book.rejects('consumption.list', { accountId: missingId }, 'NOT_FOUND');
    book.ok('accounts.delete', { id: org.id });
    book.rejects('consumption.list', { accountId: org.id }, 'ACCOUNT_DELETED');
  });
});

describe('consumption.update', () => {
  it('changes the given fields and stores them', () => {
    const created = bill('2026-10');
    const updated = book.ok('consumption.update', {
      id: created.id,
      period: '2026-09',
      category: 'voice',
      amountFen: 99_900,
      quantity: 3,
      note: '调账',
    });
    expect(updated).toEqual({
      ...created,
      period: '2026-09',
      category: 'voice',
      amountFen: 99_900,
      quantity: 3,
      note: '调账',
    });
    expect(book.ok('consumption.list', { accountId: org.id })).toEqual([updated]);
    expect(book.ok('consumption.update', { id: created.id, quantity: null }).quantity).toBeNull();
  });

  it('rejects unknown and deleted records as NOT_FOUND', () => {
    book.rejects('consumption.update', { id: missingId, amountFen: 1 }, 'NOT_FOUND');
    const created = bill('2026-10');
    book.ok('consumption.delete', { id: created.id });
    book.rejects('consumption.update', { id: created.id, amountFen: 1 }, 'NOT_FOUND');
  });
});

describe('consumption.delete and consumption.undelete', () => {
  it('round-trip: a deleted record leaves the list and the summary until undeleted', () => {
    const created = bill('2026-10', 'data', 5_000);
    expect(book.ok('consumption.delete', { id: created.id })).toEqual(created);
    expect(listed()).toEqual([]);
    expect(book.ok('accounts.detail', { id: org.id }).consumption.lifetimeFen).toBe(0);
    expect(book.ok('consumption.undelete', { id: created.id })).toEqual(created);
    expect(listed()).toEqual(['2026-10 data']);
    expect(book.ok('accounts.detail', { id: org.id }).consumption.lifetimeFen).toBe(5_000);
  });

  it('rejects unknown ids, and undeleting onto a deleted account', () => {
    book.rejects('consumption.delete', { id: missingId }, 'NOT_FOUND');
    book.rejects('consumption.undelete', { id: missingId }, 'NOT_FOUND');
    const created = bill('2026-10');
    book.ok('consumption.delete', { id: created.id });
    book.ok('accounts.delete', { id: org.id });
    book.rejects('consumption.undelete', { id: created.id }, 'ACCOUNT_DELETED');
  });
});
