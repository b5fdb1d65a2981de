import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localToday } from '../../../db/queries/records';
import { addDays } from '../../../shared/domain/lunarCalendar';
import type { Agenda, AgendaItem, Visit } from '../../../shared/types';
import { createOrganization, createPerson, openBook, type Book } from './helpers';

/**
 * The agenda (待办) against a real book: whose follow-ups, planned visits and anniversary
 * reminders it lists and in which part, and what each one-click action writes.
 */
let book: Book;
let today: string;

beforeEach(async () => {
  book = await openBook();
  today = localToday();
});
afterEach(() => book.close());

/** A local time on a day, as the ISO instant the API takes (midnight: today's is never ahead). */
function at(day: string, hour = 0, minute = 0): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date, hour, minute).toISOString();
}

/** A visit on `visitDay` whose follow-up is due on `due`. */
function followUp(accountId: string, visitDay: string, due: string, extra: { manager?: string } = {}): Visit {
  return book.ok('visits.create', {
    accountId,
    kind: 'complaint',
    occurredAt: at(visitDay),
    content: `投诉（${due}）`,
    followUp: `回复客户（${due}）`,
    followUpDue: due,
    ...extra,
  });
}

/** The agenda of a manager (the book's helpers act as m001). */
function agenda(as = 'm001', limit = 200): { value: Agenda } {
  const result = book.fieldbook.dispatch('agenda.list', { today, limit }, { actor: as });
  if (!result.ok) throw new Error(result.error.message);
  return { value: result.value as Agenda };
}

/** Each part's items as `type content/what`, for comparing whole lists. */
function parts(as = 'm001') {
  const { value } = agenda(as);
  const name = (item: AgendaItem) =>
    item.type === 'anniversary' ? `anniversary ${item.account.name}` : `${item.type} ${item.visit.content}`;
  return {
    overdue: value.buckets.overdue.items.map(name),
    today: value.buckets.today.items.map(name),
    week: value.buckets.week.items.map(name),
    totals: [value.buckets.overdue.total, value.buckets.today.total, value.buckets.week.total],
    due: value.due,
  };
}

describe('agenda.list', () => {
  it("lists the manager's open follow-ups as overdue, today and the next seven days", () => {
    const mine = createOrganization(book, { owner: 'm001' });
    const theirs = createOrganization(book, { owner: 'm002' });
    followUp(mine.id, addDays(today, -10), addDays(today, -3));
    followUp(mine.id, addDays(today, -1), today);
    followUp(mine.id, today, addDays(today, 2));
    followUp(mine.id, today, addDays(today, 7));
    followUp(mine.id, today, addDays(today, 8)); // beyond the week
    // On a colleague's account: mine when I logged it, not when they did.
    followUp(theirs.id, addDays(today, -2), today, { manager: 'm001' });
    followUp(theirs.id, addDays(today, -2), today, { manager: 'm002' });
    // Done, deleted, or on a deleted account: not on the agenda.
    const done = followUp(mine.id, addDays(today, -5), addDays(today, -1));
    book.ok('followUps.complete', { visitId: done.id });
    book.ok('visits.delete', { id: followUp(mine.id, today, today).id });
    const gone = createPerson(book, { owner: 'm001' });
    followUp(gone.id, today, today);
    book.ok('accounts.delete', { id: gone.id });

    const shown = parts();
    expect(shown.overdue).toEqual([`followUp 投诉（${addDays(today, -3)}）`]);
    expect(shown.today.sort()).toEqual([`followUp 投诉（${today}）`, `followUp 投诉（${today}）`]);
    expect(shown.week).toEqual([
      `followUp 投诉（${addDays(today, 2)}）`,
      `followUp 投诉（${addDays(today, 7)}）`,
    ]);
    expect(shown.totals).toEqual([1, 2, 2]);
    expect(shown.due).toBe(3);
    // The colleague sees the follow-ups on their account, and the one they logged.
    expect(parts('m002').totals).toEqual([0, 2, 0]);
  });

  it('lists the first `limit` of each part and counts them all, oldest first', () => {
    const mine = createOrganization(book, { owner: 'm001' });
    for (let days = 1; days <= 5; days++) followUp(mine.id, addDays(today, -30), addDays(today, -days));
    const { value } = agenda('m001', 2);
    expect(value.buckets.overdue.total).toBe(5);
    expect(value.buckets.overdue.items.map((item) => item.day)).toEqual([
      addDays(today, -5),
      addDays(today, -4),
    ]);
    expect(value.buckets.overdue.items.map((item) => item.daysLeft)).toEqual([-5, -4]);
  });

  it('lists planned visits (dated after now) by time, through the seventh day', () => {
    const mine = createOrganization(book, { owner: 'm001' });
    const plan = (day: string, hour: number, content: string) =>
      book.ok('visits.create', { accountId: mine.id, kind: 'onsite', occurredAt: at(day, hour), content });
    plan(addDays(today, 3), 15, '下午拜访');
    plan(addDays(today, 3), 9, '上午拜访');
    plan(addDays(today, 9), 9, '下下周拜访');
    plan(addDays(today, -1), 9, '昨天的拜访');
    const shown = parts();
    expect(shown.week).toEqual(['plannedVisit 上午拜访', 'plannedVisit 下午拜访']);
    expect(shown.overdue).toEqual([]);
    const [first] = agenda().value.buckets.week.items;
    expect(first).toMatchObject({ type: 'plannedVisit', day: addDays(today, 3), daysLeft: 3 });
  });

  it('lists anniversary reminders that want action within the week, with the other items of their day', () => {
    const vip = createPerson(book, { owner: 'm001', tier: 'strategic', name: '林晓燕' });
    const general = createPerson(book, { owner: 'm001', tier: 'general', name: '陈一般' });
    const birthday = (accountId: string, day: string) =>
      book.ok('anniversaries.create', {
        accountId,
        kind: 'birthday',
        calendar: 'gregorian',
        month: Number(day.slice(5, 7)),
        day: Number(day.slice(8)),
      });
    birthday(vip.id, addDays(today, 3)); // strategic: reminded 7 days ahead
    birthday(general.id, addDays(today, 3)); // general: on the day only
    // Reminded a month ahead, but beyond the agenda's week: on the anniversaries page only.
    const later = createPerson(book, { owner: 'm001', tier: 'strategic', name: '王远' });
    birthday(later.id, addDays(today, 20));
    expect(book.ok('reminders.open', { today }).map((r) => r.occurrence.account.name)).toContain('王远');
    followUp(vip.id, today, addDays(today, 3));
    expect(parts().week).toEqual([`followUp 投诉（${addDays(today, 3)}）`, 'anniversary 林晓燕']);
  });
});

describe('followUps', () => {
  it('complete marks the follow-up done, records what was done on the account, audited and synced', () => {
    const mine = createOrganization(book, { owner: 'm001' });
    const visit = followUp(mine.id, addDays(today, -3), today);
    const { visit: done, record } = book.ok('followUps.complete', {
      visitId: visit.id,
      record: { kind: 'phone', content: '跟进（回复客户）：已电话告知减免结果' },
    });
    expect(done.followUpDoneAt).not.toBeNull();
    expect(Date.now() - Date.parse(done.followUpDoneAt ?? '')).toBeLessThan(60_000);
    expect(record).toMatchObject({ kind: 'phone', manager: 'm001', followUpDoneAt: null });
    expect(parts().totals).toEqual([0, 0, 0]);

    const detail = book.ok('accounts.detail', { id: mine.id });
    expect(detail.visits.map((item) => [item.content, item.followUpDoneAt !== null])).toEqual([
      ['跟进（回复客户）：已电话告知减免结果', false],
      [visit.content, true],
    ]);
    // One field op (the done time) for the sync files, one audit entry with before and after.
    expect(book.rows("SELECT col FROM sync_ops WHERE tbl = 'visits' AND row_id = ?", visit.id)).toEqual([
      { col: 'follow_up_done_at' },
    ]);
    const [audit] = book.ok('audit.list', { entity: 'visit', entityId: visit.id, limit: 1 });
    expect(audit).toMatchObject({
      action: 'update',
      before: { follow_up_done_at: null },
      after: { follow_up_done_at: done.followUpDoneAt },
    });

    // Done again: nothing changes. Opened again (Undo): back on the agenda.
    expect(book.ok('followUps.complete', { visitId: visit.id }).visit).toEqual(done);
    expect(book.ok('followUps.reopen', { visitId: visit.id }).followUpDoneAt).toBeNull();
    expect(parts().totals).toEqual([0, 1, 0]);
  });

  it('snooze moves the due day to tomorrow, or a day later when it is still ahead', () => {
    const mine = createOrganization(book, { owner: 'm001' });
    const overdue = followUp(mine.id, addDays(today, -9), addDays(today, -2));
    const ahead = followUp(mine.id, today, addDays(today, 3));
    expect(book.ok('followUps.snooze', { visitId: overdue.id }).followUpDue).toBe(addDays(today, 1));
    expect(book.ok('followUps.snooze', { visitId: ahead.id }).followUpDue).toBe(addDays(today, 4));
    expect(parts().totals).toEqual([0, 0, 2]);
  });

  it('reschedule takes today or later, never before the visit', () => {
    const mine = createOrganization(book, { owner: 'm001' });
    const visit = followUp(mine.id, addDays(today, -9), addDays(today, -2));
    const error = book.invalid('followUps.reschedule', { visitId: visit.id, due: addDays(today, -1) }, [
      'due',
    ]);
    expect(error.issues?.[0]?.code).toBe('follow_up_due_too_early');
    expect(book.ok('followUps.reschedule', { visitId: visit.id, due: today }).followUpDue).toBe(today);
    const planned = followUp(mine.id, addDays(today, 5), addDays(today, 6));
    book.invalid('followUps.reschedule', { visitId: planned.id, due: addDays(today, 4) }, ['due']);
  });

  it('completeOverdue clears a backlog of the agenda in one batch, and nothing else', () => {
    const mine = createOrganization(book, { owner: 'm001' });
    const theirs = createOrganization(book, { owner: 'm002' });
    for (let days = 2; days <= 6; days++) followUp(mine.id, addDays(today, -30), addDays(today, -days));
    followUp(theirs.id, addDays(today, -30), addDays(today, -9), { manager: 'm001' });
    const colleague = followUp(theirs.id, addDays(today, -30), addDays(today, -9), { manager: 'm002' });
    const dueToday = followUp(mine.id, addDays(today, -1), today);
    expect(agenda().value.overdueFollowUps).toBe(6);

    // Before a day: what is older than that; a day after today counts as today.
    expect(book.ok('followUps.completeOverdue', { before: addDays(today, -4) })).toEqual({ completed: 3 });
    expect(parts().totals).toEqual([3, 1, 0]);
    expect(book.ok('followUps.completeOverdue', { before: addDays(today, 30) })).toEqual({ completed: 3 });
    expect(parts().totals).toEqual([0, 1, 0]);
    expect(book.ok('followUps.completeOverdue', { before: today })).toEqual({ completed: 0 });

    const open = (visitId: string) =>
      book.rows('SELECT follow_up_done_at FROM visits WHERE id = ?', visitId)[0]?.['follow_up_done_at'];
    expect(open(colleague.id)).toBeNull();
    expect(open(dueToday.id)).toBeNull();
    expect(book.rows("SELECT count(*) AS n FROM sync_ops WHERE col = 'follow_up_done_at'")).toEqual([
      { n: 6 },
    ]);
    expect(
      book.rows("SELECT action, after FROM audit_log WHERE entity = 'followUps.completeOverdue' ORDER BY id"),
    ).toEqual([
      { action: 'batch', after: JSON.stringify({ 'visit.update': 3 }) },
      { action: 'batch', after: JSON.stringify({ 'visit.update': 3 }) },
    ]);
  });

  it('refuses a visit without a follow-up, and one that is deleted', () => {
    const mine = createOrganization(book, { owner: 'm001' });
    const plain = book.ok('visits.create', { accountId: mine.id, kind: 'phone', content: '回访' });
    const error = book.invalid('followUps.complete', { visitId: plain.id }, ['visitId']);
    expect(error.issues?.[0]?.code).toBe('no_follow_up');
    const visit = followUp(mine.id, today, today);
    book.ok('visits.delete', { id: visit.id });
    book.rejects('followUps.snooze', { visitId: visit.id }, 'NOT_FOUND');
  });
});

describe('plannedVisits', () => {
  it('snooze and reschedule keep the time of day and move its follow-up along', () => {
    const mine = createOrganization(book, { owner: 'm001' });
    const plan = book.ok('visits.create', {
      accountId: mine.id,
      kind: 'onsite',
      occurredAt: at(addDays(today, 2), 15, 30),
      content: '续约洽谈',
      followUp: '寄送合同',
      followUpDue: addDays(today, 4),
    });
    const snoozed = book.ok('plannedVisits.snooze', { visitId: plan.id });
    expect(snoozed.occurredAt).toBe(at(addDays(today, 3), 15, 30));
    expect(snoozed.followUpDue).toBe(addDays(today, 5));
    const moved = book.ok('plannedVisits.reschedule', { visitId: plan.id, day: addDays(today, 10) });
    expect(moved.occurredAt).toBe(at(addDays(today, 10), 15, 30));
    expect(moved.followUpDue).toBe(addDays(today, 12));
    const error = book.invalid('plannedVisits.reschedule', { visitId: plan.id, day: addDays(today, -1) }, [
      'day',
    ]);
    expect(error.issues?.[0]?.code).toBe('plan_not_future');
  });

  it('a planned visit recorded as done (dated now) leaves the agenda; a past visit is no plan', () => {
    const mine = createOrganization(book, { owner: 'm001' });
    const plan = book.ok('visits.create', {
      accountId: mine.id,
      kind: 'onsite',
      occurredAt: at(addDays(today, 1)),
      content: '计划拜访',
    });
    expect(parts().week).toEqual(['plannedVisit 计划拜访']);
    book.ok('visits.update', {
      id: plan.id,
      occurredAt: new Date().toISOString(),
      content: '已拜访，客户同意续约',
    });
    expect(parts().totals).toEqual([0, 0, 0]);
    const error = book.invalid('plannedVisits.snooze', { visitId: plan.id }, ['visitId']);
    expect(error.issues?.[0]?.code).toBe('not_planned_visit');
  });
});
