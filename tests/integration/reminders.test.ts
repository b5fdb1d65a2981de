import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import type { Account, Tier } from '../../shared/types';
import { markChecked, markNotified, openReminders } from '../../db/reminders';
import { openFieldbook, type Fieldbook } from '../../db/service';

let directory: string;
let path: string;
let fieldbook: Fieldbook;
let api: ApiClient;

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-reminders-'));
  path = join(directory, 'reminders.db');
  fieldbook = await openFieldbook(path);
  api = fieldbook.client({ actor: 'm001' });
});

afterEach(() => {
  fieldbook.close();
  rmSync(directory, { recursive: true, force: true });
});

async function personWithBirthday(name: string, tier: Tier, month: number, day: number, owner = 'm001') {
  const account = await api.accounts.create({ kind: 'person', name, tier, owner });
  const anniversary = await api.anniversaries.create({
    accountId: account.id,
    kind: 'birthday',
    calendar: 'gregorian',
    month,
    day,
  });
  return { account, anniversary };
}

const open = (today: string, owner = 'm001') => openReminders(fieldbook.db, today, owner);
const summary = (today: string) =>
  open(today).map((reminder) => [
    reminder.occurrence.account.name,
    reminder.leadDays,
    reminder.notified,
    reminder.missed,
  ]);

describe('reminders', () => {
  it('come due at each lead time of the tier, shortest reached first, and are notified once each', async () => {
    await personWithBirthday('王总', 'strategic', 10, 20);
    await personWithBirthday('李四', 'general', 10, 20);
    expect(summary('2026-09-01')).toEqual([]);
    expect(summary('2026-09-25')).toEqual([['王总', 30, false, false]]);
    markNotified(fieldbook.db, open('2026-09-25'));
    expect(summary('2026-09-26')).toEqual([['王总', 30, true, false]]);
    // A week before: the 7-day reminder is new; the general account still waits for the day.
    expect(summary('2026-10-14')).toEqual([['王总', 7, false, false]]);
    markNotified(fieldbook.db, open('2026-10-14'));
    expect(summary('2026-10-20')).toEqual([
      ['王总', 0, false, false],
      ['李四', 0, false, false],
    ]);
  });

  it('never fire twice across restarts: the log is in the database', async () => {
    await personWithBirthday('王总', 'partner', 10, 20);
    markNotified(fieldbook.db, open('2026-10-19'));
    fieldbook.close();
    fieldbook = await openFieldbook(path);
    expect(summary('2026-10-19')).toEqual([['王总', 1, true, false]]);
  });

  it('catch up after the laptop was off: a missed day stays open until someone acts', async () => {
    const { anniversary } = await personWithBirthday('李四', 'general', 9, 10);
    markChecked(fieldbook.db, '2026-09-01');
    expect(summary('2026-09-20')).toEqual([['李四', 0, false, true]]);
    markNotified(fieldbook.db, open('2026-09-20'));
    markChecked(fieldbook.db, '2026-09-20');
    // Weeks later, checked daily since: still open, already notified.
    markChecked(fieldbook.db, '2026-10-30');
    expect(summary('2026-10-30')).toEqual([['李四', 0, true, true]]);
    await api.reminders.acknowledge({
      anniversaryId: anniversary.id,
      occursOn: '2026-09-10',
      as: 'dismissed',
    });
    expect(summary('2026-10-30')).toEqual([]);
  });

  it('acknowledging records the visit on the account and closes the reminder', async () => {
    const { account, anniversary } = await personWithBirthday('王总', 'strategic', 10, 20);
    const { visit } = await api.reminders.acknowledge({
      anniversaryId: anniversary.id,
      occursOn: '2026-10-20',
      as: 'gift',
      content: '寄送生日贺礼',
    });
    expect(visit).toMatchObject({ kind: 'gift', content: '寄送生日贺礼', manager: 'm001' });
    const detail = await api.accounts.detail({ id: account.id });
    expect(detail.visits.map((item) => item.kind)).toEqual(['gift']);
    expect(summary('2026-10-19')).toEqual([]);
  });

  it('snoozing hides a reminder until the day, then it comes back to be notified again', async () => {
    const { anniversary } = await personWithBirthday('王总', 'partner', 10, 20);
    markNotified(fieldbook.db, open('2099-10-13'));
    fieldbook.dispatch(
      'reminders.snooze',
      { anniversaryId: anniversary.id, occursOn: '2099-10-20', until: '2099-10-15' },
      { actor: 'm001' },
    );
    expect(summary('2099-10-14')).toEqual([]);
    expect(summary('2099-10-15')).toEqual([['王总', 7, false, false]]);
    await expect(
      api.reminders.snooze({ anniversaryId: anniversary.id, occursOn: '2099-10-20', until: '2000-01-01' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('follow lead times set per anniversary and per tier in Settings, for the manager’s own accounts', async () => {
    const mine: Account = (await personWithBirthday('王总', 'general', 10, 20)).account;
    await personWithBirthday('别人的客户', 'general', 10, 20, 'm002');
    expect(summary('2026-10-17')).toEqual([]);
    await api.settings.update({
      leadDays: { strategic: [30], partner: [7], commercial: [3], general: [5, 0] },
    });
    expect(summary('2026-10-17')).toEqual([['王总', 5, false, false]]);
    await api.anniversaries.create({
      accountId: mine.id,
      kind: 'custom',
      label: '入职',
      calendar: 'gregorian',
      month: 11,
      day: 1,
      leadDays: [20],
    });
    expect(open('2026-10-17').map((reminder) => reminder.occurrence.anniversary.kind)).toEqual([
      'birthday',
      'custom',
    ]);
    expect(open('2026-10-17', 'm002').map((reminder) => reminder.occurrence.account.name)).toEqual([
      '别人的客户',
    ]);
  });

  it('are listed through the API for the asking manager', async () => {
    await personWithBirthday('王总', 'strategic', 12, 1);
    const reminders = await api.reminders.open({ today: '2026-11-27' });
    expect(
      reminders.map((reminder) => [reminder.occurrence.date, reminder.occurrence.daysLeft, reminder.dueOn]),
    ).toEqual([['2026-12-01', 4, '2026-11-24']]);
    expect(await fieldbook.client({ actor: 'm009' }).reminders.open({ today: '2026-11-27' })).toEqual([]);
  });
});
