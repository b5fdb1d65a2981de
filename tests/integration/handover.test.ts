import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localToday } from '../../db/queries/records';
import type { InputOf, OperationName, OutputOf } from '../../shared/api';
import { addDays } from '../../shared/domain/lunarCalendar';
import { createOrganization, openBook, type Book } from './operations/helpers';
import { exportFrom, importInto } from './syncHelpers';

/**
 * Handing one manager's accounts to another (人员调动交接): owners change in one synced batch
 * with one audit entry, visits keep their authors, open follow-ups and reminders follow the
 * successor, and a refusal writes nothing.
 */
let office: Book;

beforeEach(async () => {
  office = await openBook();
});
afterEach(() => office.close());

/** An operation run by someone other than the fixture's manager. */
function as<N extends OperationName>(book: Book, actor: string, name: N, input: InputOf<N>): OutputOf<N> {
  const result = book.fieldbook.dispatch(name, input, { actor });
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as OutputOf<N>;
}

function followUpIds(book: Book, actor: string): string[] {
  const agenda = as(book, actor, 'agenda.list', {});
  return Object.values(agenda.buckets)
    .flatMap((bucket) => bucket.items)
    .flatMap((item) => (item.type === 'followUp' ? [item.visit.id] : []));
}

/** m001's book: two strategic accounts with history, one general; m003 has one of their own. */
function seedBook(book: Book) {
  const today = localToday();
  const strategic = [1, 2].map(() =>
    createOrganization(book, { owner: 'm001', tier: 'strategic', region: '鼓楼' }),
  );
  const general = createOrganization(book, { owner: 'm001', tier: 'general', region: '台江' });
  const other = createOrganization(book, { owner: 'm003', tier: 'strategic' });
  const [first, second] = strategic as [(typeof strategic)[0], (typeof strategic)[0]];
  const visit = (accountId: string, actor: string, followUp: string) =>
    as(book, actor, 'visits.create', {
      accountId,
      kind: 'phone',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      content: '季度回访',
      followUp,
      followUpDue: addDays(today, 2),
    });
  const byLeaver = visit(first.id, 'm001', '发报价');
  const byColleague = visit(second.id, 'm005', '上门演示');
  const onOther = visit(other.id, 'm001', '协助催缴');
  as(book, 'm001', 'anniversaries.create', {
    accountId: first.id,
    kind: 'founding',
    calendar: 'gregorian',
    month: Number(addDays(today, 10).slice(5, 7)),
    day: Number(addDays(today, 10).slice(8, 10)),
  });
  as(book, 'm001', 'contracts.create', {
    accountId: second.id,
    number: 'HT-2026-001',
    service: 'broadband',
    startDate: addDays(today, -300),
    endDate: addDays(today, 60),
  });
  return { first, second, general, other, byLeaver, byColleague, onOther };
}

describe('accounts.handover', () => {
  it('previews, then moves the owners of the chosen accounts, keeping every visit author', () => {
    const seeded = seedBook(office);
    const input = { from: 'm001', to: 'm002', tiers: ['strategic' as const] };
    const preview = as(office, 'm900', 'accounts.handoverPreview', input);
    expect(preview).toMatchObject({ accounts: 2, openFollowUps: 2, anniversaries: 1, renewals: 1 });
    expect(office.rows("SELECT count(*) AS n FROM accounts WHERE owner = 'm002'")[0]).toEqual({ n: 0 });

    const report = as(office, 'm900', 'accounts.handover', input);
    expect(report.rows.map((row) => row.accountId).sort()).toEqual(
      [seeded.first.id, seeded.second.id].sort(),
    );
    expect(report).toMatchObject({ accounts: 2, openFollowUps: 2, anniversaries: 1, renewals: 1 });
    const firstRow = report.rows.find((row) => row.accountId === seeded.first.id);
    expect(firstRow?.lastVisitAt).toBe(seeded.byLeaver.occurredAt);
    expect(firstRow?.anniversaries[0]?.date).toBe(addDays(localToday(), 10));

    const owners = Object.fromEntries(
      office.rows('SELECT id, owner FROM accounts').map((row) => [row['id'], row['owner']]),
    );
    expect(owners).toEqual({
      [seeded.first.id]: 'm002',
      [seeded.second.id]: 'm002',
      [seeded.general.id]: 'm001',
      [seeded.other.id]: 'm003',
    });
    const authors = office.rows('SELECT id, manager FROM visits ORDER BY id');
    expect(authors).toEqual(
      [
        { id: seeded.byLeaver.id, manager: 'm001' },
        { id: seeded.byColleague.id, manager: 'm005' },
        { id: seeded.onOther.id, manager: 'm001' },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it("puts the accounts' open follow-ups on the successor's agenda, not the leaver's or a colleague's", () => {
    const seeded = seedBook(office);
    expect(followUpIds(office, 'm001').sort()).toEqual(
      [seeded.byLeaver.id, seeded.byColleague.id, seeded.onOther.id].sort(),
    );
    expect(followUpIds(office, 'm005')).toEqual([seeded.byColleague.id]);
    as(office, 'm900', 'accounts.handover', { from: 'm001', to: 'm002', tiers: ['strategic'] });
    expect(followUpIds(office, 'm002').sort()).toEqual([seeded.byLeaver.id, seeded.byColleague.id].sort());
    // The leaver keeps the promise they made on an account that stayed someone else's.
    expect(followUpIds(office, 'm001')).toEqual([seeded.onOther.id]);
    expect(followUpIds(office, 'm005')).toEqual([]);
    // A promise made after the handover is its author's again.
    const later = as(office, 'm005', 'visits.create', {
      accountId: seeded.second.id,
      kind: 'phone',
      content: '交接后回访',
      followUp: '寄资料',
      followUpDue: addDays(localToday(), 1),
    });
    expect(followUpIds(office, 'm005')).toEqual([later.id]);
  });

  it('writes one audit entry with the count, and the owners reach a second book by a sync file', async () => {
    const seeded = seedBook(office);
    const laptop = await openBook();
    try {
      importInto(laptop, exportFrom(office, true));
      as(office, 'm900', 'accounts.handover', { from: 'm001', to: 'm002', region: '鼓楼' });
      const audit = office.rows(
        "SELECT actor, entity, entity_id, after FROM audit_log WHERE action = 'batch'",
      );
      expect(audit).toEqual([
        { actor: 'm900', entity: 'accounts.handover', entity_id: 'm001→m002', after: '{"account.update":2}' },
      ]);
      importInto(laptop, exportFrom(office));
      const owners = laptop.rows(
        'SELECT id, owner FROM accounts WHERE id IN (?, ?, ?)',
        seeded.first.id,
        seeded.second.id,
        seeded.general.id,
      );
      expect(Object.fromEntries(owners.map((row) => [row['id'], row['owner']]))).toEqual({
        [seeded.first.id]: 'm002',
        [seeded.second.id]: 'm002',
        [seeded.general.id]: 'm001',
      });
      expect(followUpIds(laptop, 'm002').sort()).toEqual([seeded.byLeaver.id, seeded.byColleague.id].sort());
      // Without scoped sync the leaver's book still holds the accounts, now someone else's.
      expect(laptop.rows("SELECT count(*) AS n FROM accounts WHERE owner = 'm001'")).toEqual([{ n: 1 }]);
    } finally {
      laptop.close();
    }
  });

  it('refuses the same manager, an empty selection and a foreign account, writing nothing', () => {
    const seeded = seedBook(office);
    const same = office.invalid('accounts.handover', { from: 'm001', to: 'm001' }, ['to']);
    expect(same.issues?.[0]?.code).toBe('handover_same_manager');
    const none = office.invalid('accounts.handover', { from: 'm404', to: 'm002' }, ['from']);
    expect(none.issues?.[0]?.code).toBe('handover_nothing_selected');
    office.invalid('accounts.handover', { from: 'm001', to: 'm002', tiers: ['partner'] }, ['from']);
    office.invalid(
      'accounts.handover',
      { from: 'm001', to: 'm002', accountIds: [seeded.first.id, seeded.other.id] },
      ['accountIds'],
    );
    office.invalid('accounts.handoverPreview', { from: 'm001', to: 'm001' }, ['to']);
  });

  it('lists the managers owning accounts', () => {
    seedBook(office);
    expect(as(office, 'm900', 'accounts.handoverManagers', {})).toEqual([
      { code: 'm001', accounts: 3 },
      { code: 'm003', accounts: 1 },
    ]);
  });
});
