import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMonths, periodOfDate, periodsEnding } from '../../../shared/domain/period';
import type { ConsumptionCategory } from '../../../shared/types';
import { createOrganization, createPerson, missingId, openBook, type Book } from './helpers';

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

describe('accounts.detail', () => {
  it('shows the account with its live phones, newest visits first and the visit count', () => {
    const person = createPerson(book, { phones: [{ number: '13800138000' }, { number: '0754-88123456' }] });
    const [, office] = book.ok('accounts.detail', { id: person.id }).phones;
    book.ok('phones.delete', { id: office?.id ?? '' });
    const start = Date.UTC(2026, 0, 1);
    const visitIds: string[] = [];
    for (let day = 0; day < 22; day++) {
      const occurredAt = new Date(start + day * 86_400_000).toISOString();
      visitIds.push(
        book.ok('visits.create', { accountId: person.id, kind: 'phone', content: `第${day}次`, occurredAt })
          .id,
      );
    }
    book.ok('visits.delete', { id: visitIds[21] ?? '' });

    const detail = book.ok('accounts.detail', { id: person.id });
    expect(detail.account).toEqual(book.ok('accounts.get', { id: person.id }));
    expect(detail.phones.map((phone) => phone.number)).toEqual(['13800138000']);
    expect(detail.visitCount).toBe(21);
    expect(detail.visits).toHaveLength(20);
    expect(detail.visits.map((visit) => visit.content)).toEqual(
      Array.from({ length: 20 }, (_, i) => `第${20 - i}次`),
    );
    expect(detail.group).toEqual([]);
  });

  it('shows relationships in both directions with the account at the other end', () => {
    const company = createOrganization(book, { name: '潮汕纺织集团' });
    const boss = createPerson(book, { name: '陈总' });
    const wife = createPerson(book, { name: '林女士' });
    const employs = book.ok('relationships.create', {
      fromId: company.id,
      toId: boss.id,
      type: 'employs',
      role: '总经理',
    });
    const family = book.ok('relationships.create', {
      fromId: boss.id,
      toId: wife.id,
      type: 'family',
      role: '配偶',
    });

    const views = book.ok('accounts.detail', { id: boss.id }).relationships;
    expect(views).toHaveLength(2);
    expect(views).toContainEqual({
      ...employs,
      direction: 'in',
      other: expect.objectContaining({ id: company.id, name: '潮汕纺织集团', kind: 'organization' }),
    });
    expect(views).toContainEqual({
      ...family,
      direction: 'out',
      other: expect.objectContaining({ id: wife.id, name: '林女士' }),
    });
    expect(book.ok('accounts.detail', { id: company.id }).relationships).toEqual([
      { ...employs, direction: 'out', other: expect.objectContaining({ id: boss.id }) },
    ]);
    expect(book.ok('accounts.detail', { id: wife.id }).relationships).toEqual([
      { ...family, direction: 'in', other: expect.objectContaining({ id: boss.id }) },
    ]);

    book.ok('accounts.delete', { id: wife.id });
    expect(book.ok('accounts.detail', { id: boss.id }).relationships.map((view) => view.id)).toEqual([
      employs.id,
    ]);
  });

  it('sums consumption by month, the last 12 months, the 12 before, lifetime and category', () => {
    const org = createOrganization(book);
    const current = periodOfDate(new Date());
    const add = (monthsAgo: number, category: ConsumptionCategory, amountFen: number) =>
      book.ok('consumption.create', {
        accountId: org.id,
        period: addMonths(current, -monthsAgo),
        category,
        amountFen,
        allowDuplicate: true,
      });
    add(0, 'data', 10_000);
    add(0, 'voice', 2_000);
    add(0, 'data', 500);
    add(11, 'broadband', 30_000);
    add(12, 'data', 70_000);
    add(23, 'voice', 1_000);
    add(24, 'cloud', 900_000);
    add(-1, 'idc', 5);
    const removed = add(3, 'data', 123_456);
    book.ok('consumption.delete', { id: removed.id });

    const summary = book.ok('accounts.detail', { id: org.id }).consumption;
    expect(summary.months.map((month) => month.period)).toEqual(periodsEnding(current, 12));
    expect(summary.months.at(-1)).toEqual({ period: current, amountFen: 12_500 });
    expect(summary.months[0]).toEqual({ period: addMonths(current, -11), amountFen: 30_000 });
    expect(summary.months.slice(1, -1).every((month) => month.amountFen === 0)).toBe(true);
    expect(summary.last12MonthsFen).toBe(42_500);
    expect(summary.previous12MonthsFen).toBe(71_000);
    expect(summary.lifetimeFen).toBe(42_500 + 71_000 + 900_000 + 5);
    expect(summary.byCategory).toEqual([
      { category: 'broadband', amountFen: 30_000 },
      { category: 'data', amountFen: 10_500 },
      { category: 'voice', amountFen: 2_000 },
    ]);
    expect(summary.latestPeriod).toBe(addMonths(current, 1));
  });

  it('has an empty consumption summary for an account without records', () => {
    const summary = book.ok('accounts.detail', { id: createPerson(book).id }).consumption;
    expect(summary).toMatchObject({
      last12MonthsFen: 0,
      previous12MonthsFen: 0,
      lifetimeFen: 0,
      byCategory: [],
    });
    expect(summary.latestPeriod).toBeNull();
    expect(summary.months).toHaveLength(12);
  });

  it('lists live anniversaries by month and day', () => {
    const person = createPerson(book);
    const make = (month: number, day: number) =>
      book.ok('anniversaries.create', {
        accountId: person.id,
        kind: 'custom',
        label: `${month}/${day}`,
        calendar: 'gregorian',
        month,
        day,
      });
    make(12, 1);
    make(3, 20);
    const gone = make(6, 6);
    make(3, 2);
    book.ok('anniversaries.delete', { id: gone.id });
    expect(book.ok('accounts.detail', { id: person.id }).anniversaries.map((a) => a.label)).toEqual([
      '3/2',
      '3/20',
      '12/1',
    ]);
  });

  it('shows the whole customer group of a three-level holds tree from any member', () => {
    const [root, left, right, grandchild] = ['甲集团', '乙分公司', '丙分公司', '丁子公司'].map((name) =>
      createOrganization(book, { name }),
    );
    if (!root || !left || !right || !grandchild) throw new Error('four organizations');
    const holds = (parent: string, child: string) =>
      book.ok('relationships.create', { fromId: parent, toId: child, type: 'holds' });
    holds(root.id, left.id);
    holds(root.id, right.id);
    holds(left.id, grandchild.id);
    const outsider = createOrganization(book);
    const employee = createPerson(book);
    book.ok('relationships.create', { fromId: left.id, toId: employee.id, type: 'employs' });

    const expected = [
      { account: expect.objectContaining({ id: root.id }), parentId: null, depth: 0 },
      { account: expect.objectContaining({ id: right.id }), parentId: root.id, depth: 1 },
      { account: expect.objectContaining({ id: left.id }), parentId: root.id, depth: 1 },
      { account: expect.objectContaining({ id: grandchild.id }), parentId: left.id, depth: 2 },
    ];
    for (const member of [root, left, right, grandchild]) {
      expect(book.ok('accounts.detail', { id: member.id }).group).toEqual(expected);
    }
    expect(book.ok('accounts.detail', { id: outsider.id }).group).toEqual([]);
    expect(book.ok('accounts.detail', { id: employee.id }).group).toEqual([]);
  });

  // Bug: groupRootOf (db/queries/detail.ts) climbs `holds` edges through deleted accounts.
  it('does not root the group at a deleted parent company', () => {
    const [oldParent, child, sibling, newParent] = ['甲集团', '乙公司', '丙公司', '丁集团'].map((name) =>
      createOrganization(book, { name }),
    );
    if (!oldParent || !child || !sibling || !newParent) throw new Error('four organizations');
    book.ok('relationships.create', { fromId: oldParent.id, toId: child.id, type: 'holds' });
    book.ok('relationships.create', { fromId: oldParent.id, toId: sibling.id, type: 'holds' });
    book.ok('accounts.delete', { id: oldParent.id });
    book.ok('relationships.create', { fromId: newParent.id, toId: child.id, type: 'holds' });

    const group = book.ok('accounts.detail', { id: child.id }).group;
    expect(group.map((node) => node.account.id)).toEqual([newParent.id, child.id]);
    expect(book.ok('accounts.detail', { id: newParent.id }).group).toEqual(group);
  });

  it('rejects NOT_FOUND for an unknown account', () => {
    book.rejects('accounts.detail', { id: missingId }, 'NOT_FOUND');
  });
});
