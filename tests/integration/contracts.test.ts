import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAgenda } from '../../db/handlers/agenda';
import { openRenewals } from '../../db/renewals';
import { addDays } from '../../shared/domain/lunarCalendar';
import { localToday } from '../../db/queries/records';
import { createAccount, manager, openBook, type Book } from './operations/helpers';
import { content, exportFrom, importInto } from './syncHelpers';

/**
 * Contracts end to end below the UI: the 360° view, lookup by number, sync between two books,
 * the CSV export read back by the contracts import, renewal reminders by tier, the statistics
 * card's figures.
 */
let a: Book;
let b: Book;

beforeAll(async () => {
  a = await openBook();
  b = await openBook();
});

afterAll(() => {
  a.close();
  b.close();
});

const today = localToday();

function contractFor(book: Book, accountId: string, number: string, endsIn: number, monthlyFen = 500_000) {
  return book.ok('contracts.create', {
    accountId,
    number,
    service: 'leased_line',
    startDate: addDays(today, endsIn - 365),
    endDate: addDays(today, endsIn),
    monthlyFen,
  });
}

describe('contracts', () => {
  it('are on the account, found by number (upper case, exact or by its start)', () => {
    const account = createAccount(a, 'organization', { owner: manager.actor, tier: 'strategic' });
    const contract = contractFor(a, account.id, 'ht-2026-0101', 20);
    expect(contract.number).toBe('HT-2026-0101');
    expect(a.ok('accounts.detail', { id: account.id }).contracts.map((c) => c.id)).toEqual([contract.id]);
    const exact = a.ok('lookup.search', { query: 'HT-2026-0101', limit: 5, includeArchived: true });
    expect(exact.hits[0]).toMatchObject({ account: { id: account.id }, field: 'contractNo', match: 'exact' });
    const found = a.ok('contracts.find', { number: 'ht-2026-01', limit: 5 });
    expect(found.map((item) => item.contract.id)).toContain(contract.id);
  });

  it('refuse an end before the start, on create and on an update of one date', () => {
    const account = createAccount(a, 'organization');
    const contract = contractFor(a, account.id, 'HT-DATES', 100);
    a.invalid('contracts.update', { id: contract.id, endDate: addDays(contract.startDate, -1) }, ['endDate']);
    a.invalid(
      'contracts.create',
      {
        accountId: account.id,
        number: 'X',
        service: 'cloud',
        startDate: '2026-05-01',
        endDate: '2026-04-30',
      },
      ['endDate'],
    );
  });

  it('sync from one book to another, edits and deletes included', () => {
    const account = createAccount(a, 'organization', { owner: manager.actor });
    const contract = contractFor(a, account.id, 'HT-SYNC-1', 45, 1_234_500);
    importInto(b, exportFrom(a, true));
    expect(b.ok('accounts.detail', { id: account.id }).contracts).toEqual([contract]);
    b.ok('contracts.update', { id: contract.id, endDate: addDays(contract.endDate, 365), autoRenew: true });
    importInto(a, exportFrom(b));
    const onA = a.ok('accounts.detail', { id: account.id }).contracts[0];
    expect(onA).toMatchObject({ endDate: addDays(contract.endDate, 365), autoRenew: true });
    a.ok('contracts.delete', { id: contract.id });
    importInto(b, exportFrom(a));
    expect(b.ok('accounts.detail', { id: account.id }).contracts).toEqual([]);
    expect(content(a)['contracts']).toEqual(content(b)['contracts']);
  });

  it('go out in a CSV export and come back through the contracts import unchanged', () => {
    const account = createAccount(a, 'organization', { owner: 'm-csv' });
    const contract = a.ok('contracts.create', {
      accountId: account.id,
      number: 'HT-CSV-7',
      service: 'cloud',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      monthlyFen: 880_050,
      autoRenew: true,
      notes: '含 "引号", 和逗号',
    });
    const exported = a.ok('exports.csv', { tables: ['contracts'], language: 'zh-CN', owner: 'm-csv' });
    expect(exported.rows['contracts']).toBe(1);
    const text = Buffer.from(exported.contentBase64, 'base64').toString('utf8');
    // Into another book that has the account but not the contract: the import creates it.
    const other = createAccount(b, 'organization', { customerNo: account.customerNo });
    const staged = b.ok('imports.stage', {
      fileName: 'contracts.csv',
      contentBase64: Buffer.from(text).toString('base64'),
    });
    const input = {
      stageId: staged.stageId,
      kind: 'contracts' as const,
      mapping: staged.suggested.contracts,
      matchKey: 'customerNo' as const,
    };
    expect(b.ok('imports.preview', input).counts).toMatchObject({ create: 1, errors: 0 });
    b.ok('imports.apply', input);
    const [copy] = b.ok('accounts.detail', { id: other.id }).contracts;
    const { id: _id, createdAt: _created, accountId: _account, ...terms } = contract;
    expect(copy).toMatchObject(terms);
    // The same file again finds the contract by its number: nothing to change.
    const again = b.ok('imports.stage', {
      fileName: 'contracts.csv',
      contentBase64: Buffer.from(text).toString('base64'),
    });
    expect(
      b.ok('imports.preview', { ...input, stageId: again.stageId, onExisting: 'update' }).counts,
    ).toMatchObject({
      create: 0,
      unchanged: 1,
    });
  });

  it('remind of renewals 90/30/7 days ahead by tier, on the agenda, and count in the card', () => {
    const strategic = createAccount(a, 'organization', { owner: 'm-renew', tier: 'strategic' });
    const general = createAccount(a, 'organization', { owner: 'm-renew', tier: 'general' });
    contractFor(a, strategic.id, 'HT-R-60', 60, 100_000);
    contractFor(a, general.id, 'HT-R-60G', 60, 200_000);
    contractFor(a, general.id, 'HT-R-20', 20, 300_000);
    contractFor(a, general.id, 'HT-R-200', 200, 400_000);
    const renewals = openRenewals(a.fieldbook.db, today, 'm-renew');
    expect(renewals.map((r) => [r.contract.number, r.leadDays])).toEqual([
      ['HT-R-20', 30],
      ['HT-R-60', 90],
    ]);
    const agenda = readAgenda(a.fieldbook.db, 'm-renew', today, 50, new Date());
    expect(agenda.renewals.map((r) => r.contract.number)).toEqual(['HT-R-20', 'HT-R-60']);
    const card = a.ok('contracts.expiring', { owner: 'm-renew' });
    expect(card).toMatchObject({ count: 3, monthlyFen: 600_000 });
  });
});
