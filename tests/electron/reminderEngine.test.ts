import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PowerMonitor } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openReminders } from '../../db/reminders';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { onWake } from '../../electron/power';
import {
  createReminderEngine,
  nextCheckDelay,
  systemTimers,
  type ReminderEngine,
  type ReminderEngineOptions,
} from '../../electron/reminderEngine';
import { noticeText, type ReminderNotice } from '../../electron/reminderTexts';
import type { ApiClient } from '../../shared/api';
import type { CalendarKind, Tier } from '../../shared/types';

vi.mock('electron', () => ({}));

const minute = 60_000;
const hour = 60 * minute;

let directory: string;
let path: string;
let fieldbook: Fieldbook;
let api: ApiClient;
let engines: ReminderEngine[];

/** The local time `iso` (YYYY-MM-DDTHH:mm) names, whatever the machine's time zone. */
function local(iso: string): Date {
  const [date = '', time = '00:00'] = iso.split('T');
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(year, month - 1, day, hours, minutes);
}

/** Moves the fake clock (and every timer due meanwhile) forward to a local time. */
function advanceTo(iso: string): void {
  vi.advanceTimersByTime(local(iso).getTime() - Date.now());
}

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-engine-'));
  path = join(directory, 'engine.db');
  fieldbook = await openFieldbook(path);
  api = fieldbook.client({ actor: 'm001' });
  engines = [];
  vi.useFakeTimers();
  vi.setSystemTime(local('2026-09-01T09:00'));
});

afterEach(() => {
  for (const engine of engines) engine.stop();
  vi.useRealTimers();
  fieldbook.close();
  rmSync(directory, { recursive: true, force: true });
});

async function anniversary(
  name: string,
  tier: Tier,
  month: number,
  day: number,
  rule: { calendar?: CalendarKind; year?: number; kind?: 'birthday' | 'wedding' } = {},
) {
  const account = await api.accounts.create({ kind: 'person', name, tier });
  const created = await api.anniversaries.create({
    accountId: account.id,
    kind: rule.kind ?? 'birthday',
    calendar: rule.calendar ?? 'gregorian',
    month,
    day,
    year: rule.year ?? null,
  });
  return { account, anniversary: created };
}

/** An engine on the test database, with fake time, a recording notifier and a fake powerMonitor. */
function startEngine(overrides: Partial<ReminderEngineOptions> = {}) {
  const notices: ReminderNotice[] = [];
  const owner = vi.fn(() => 'm001');
  const log = vi.fn();
  const power = new EventEmitter();
  const engine = createReminderEngine({
    db: fieldbook.db,
    owner,
    now: () => new Date(),
    timers: systemTimers,
    notify: (notice) => notices.push(notice),
    onDataChanged: (listener) => fieldbook.onDataChanged(listener),
    onWake: onWake(power as unknown as PowerMonitor),
    log,
    ...overrides,
  });
  engines.push(engine);
  engine.start();
  return { engine, notices, owner, log, power };
}

/** Notices as `name lead` (missed ones marked), summaries as `N (M missed)`. */
const shown = (notices: readonly ReminderNotice[]) =>
  notices.map((notice) =>
    notice.kind === 'reminder'
      ? `${notice.reminder.occurrence.account.name} ${notice.reminder.leadDays}${notice.reminder.missed ? ' missed' : ''}`
      : notice.kind === 'followUp'
        ? `follow-up ${notice.followUp.account.name}`
        : notice.kind === 'renewal'
          ? `renewal ${notice.renewal.contract.number} ${notice.renewal.leadDays}`
          : notice.kind === 'locked'
            ? `locked ${notice.count}`
            : `${notice.total} (${notice.missed} missed${notice.atStart ? ' while closed' : ''})`,
  );

const texts = (notices: readonly ReminderNotice[]) =>
  notices.map((notice) => noticeText(notice, 'zh-CN')).map(({ title, body }) => `「${title}」${body}`);

describe('at start', () => {
  it('catches up after a gap: one summary of what was missed and what is due, each marked notified', async () => {
    await anniversary('李四', 'general', 9, 5);
    await anniversary('张三', 'general', 9, 10);
    await anniversary('赵六', 'general', 9, 15);
    await anniversary('王总', 'strategic', 10, 10);
    await anniversary('陈经理', 'partner', 9, 21);
    // Fieldbook last ran on 1 September: nothing was due then.
    const first = startEngine();
    expect(first.notices).toEqual([]);
    first.engine.stop();

    vi.setSystemTime(local('2026-09-20T10:00'));
    const { notices } = startEngine();
    expect(shown(notices)).toEqual(['5 (3 missed while closed)']);
    expect(texts(notices)).toEqual(['「纪念日提醒」5 个纪念日需要关注，其中 3 个在 Fieldbook 关闭期间错过']);
    expect(notices.map((notice) => noticeText(notice, 'en').body)).toEqual([
      '5 anniversaries need attention, 3 missed while Fieldbook was closed',
    ]);
    const open = openReminders(fieldbook.db, '2026-09-20', 'm001');
    expect(open.map((reminder) => [reminder.occurrence.account.name, reminder.notified])).toEqual([
      ['李四', true],
      ['张三', true],
      ['赵六', true],
      ['陈经理', true],
      ['王总', true],
    ]);
  });

  it('shows up to three reminders one by one, in the user’s words', async () => {
    await anniversary('王芳', 'partner', 8, 15, { calendar: 'lunar', year: 1977 });
    await anniversary('刘总', 'commercial', 9, 18, { kind: 'wedding', year: 2016 });
    vi.setSystemTime(local('2026-09-18T08:30'));
    const { notices } = startEngine();
    expect(texts(notices)).toEqual([
      '「结婚纪念日提醒」刘总 9月18日结婚纪念日 · 今天 · 10 周年',
      '「生日提醒」王芳 农历八月十五生日 · 还有 7 天 · 49 岁',
    ]);
  });

  it('never notifies twice across restarts: a new engine on the same file shows nothing again', async () => {
    await anniversary('王总', 'partner', 9, 3);
    expect(shown(startEngine().notices)).toEqual(['王总 7']);
    vi.setSystemTime(local('2026-09-02T09:00'));
    expect(shown(startEngine().notices)).toEqual(['王总 1']);
    for (const engine of engines) engine.stop();
    fieldbook.close();

    fieldbook = await openFieldbook(path);
    const after = startEngine();
    expect(after.notices).toEqual([]);
    // The day itself is the next lead time.
    vi.setSystemTime(local('2026-09-03T09:00'));
    after.engine.checkNow();
    expect(shown(after.notices)).toEqual(['王总 0']);
  });
});

describe('while running', () => {
  it('re-checks at most an hour apart', () => {
    vi.setSystemTime(local('2026-10-19T08:00'));
    const { owner } = startEngine();
    expect(owner).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(hour - 1);
    expect(owner).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(owner).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5 * hour);
    expect(owner).toHaveBeenCalledTimes(7);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('re-checks just after local midnight, when a new day makes new reminders due', async () => {
    await anniversary('李四', 'general', 10, 20);
    vi.setSystemTime(local('2026-10-19T23:40'));
    const { notices, owner } = startEngine();
    expect(notices).toEqual([]);
    vi.advanceTimersByTime(20 * minute);
    expect(notices).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(owner).toHaveBeenCalledTimes(2);
    expect(texts(notices)).toEqual(['「生日提醒」李四 10月20日生日 · 今天']);
  });

  it('sums up more than three new reminders at once, also while running', async () => {
    for (const name of ['甲', '乙', '丙', '丁']) await anniversary(name, 'general', 10, 20);
    vi.setSystemTime(local('2026-10-19T12:00'));
    const { notices } = startEngine();
    advanceTo('2026-10-20T00:01');
    expect(shown(notices)).toEqual(['4 (0 missed)']);
    expect(texts(notices)).toEqual(['「纪念日提醒」4 个纪念日需要关注']);
  });

  it('computes the wait to the next check', () => {
    expect(nextCheckDelay(local('2026-10-19T08:00'))).toBe(hour);
    expect(nextCheckDelay(local('2026-10-19T23:30'))).toBe(30 * minute + 1000);
    expect(nextCheckDelay(new Date(local('2026-10-20T00:00').getTime() - 1))).toBe(1001);
    expect(nextCheckDelay(local('2026-10-19T10:00'), 10 * minute)).toBe(10 * minute);
  });

  it('checks when the system resumes or unlocks, once for both', async () => {
    await anniversary('李四', 'general', 10, 20);
    vi.setSystemTime(local('2026-10-19T22:00'));
    const { notices, owner, power } = startEngine();
    // Asleep over midnight: the timer has not fired, the wall clock has moved on.
    vi.setSystemTime(local('2026-10-20T07:30'));
    power.emit('resume');
    power.emit('unlock-screen');
    vi.advanceTimersByTime(499);
    expect(owner).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(owner).toHaveBeenCalledTimes(2);
    expect(shown(notices)).toEqual(['李四 0']);

    power.emit('unlock-screen');
    vi.advanceTimersByTime(500);
    expect(owner).toHaveBeenCalledTimes(3);
    expect(notices).toHaveLength(1);
  });

  it('checks after data changes, debounced, and only for what can change reminders', async () => {
    vi.setSystemTime(local('2026-10-20T09:00'));
    const { notices, owner } = startEngine();
    const { account } = await anniversary('李四', 'general', 10, 20);
    vi.advanceTimersByTime(499);
    expect(notices).toEqual([]);
    vi.advanceTimersByTime(1);
    // Two writes (account, anniversary), one check.
    expect(owner).toHaveBeenCalledTimes(2);
    expect(shown(notices)).toEqual(['李四 0']);

    // A phone cannot change what is due (a visit can: it may carry a follow-up).
    await api.phones.add({ accountId: account.id, number: '13800138000' });
    vi.advanceTimersByTime(500);
    expect(owner).toHaveBeenCalledTimes(2);
    await api.settings.update({ managerName: '王经理' });
    vi.advanceTimersByTime(500);
    expect(owner).toHaveBeenCalledTimes(3);
  });

  it('waits while a long write holds the database, then checks', async () => {
    await anniversary('李四', 'general', 10, 20);
    vi.setSystemTime(local('2026-10-20T09:00'));
    let paused = true;
    const { notices, owner } = startEngine({ writesPaused: () => paused });
    expect(owner).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5000);
    expect(owner).not.toHaveBeenCalled();
    paused = false;
    vi.advanceTimersByTime(5000);
    expect(owner).toHaveBeenCalledTimes(1);
    expect(shown(notices)).toEqual(['李四 0']);
  });

  it('hides a snoozed reminder until its day, then notifies it again', async () => {
    vi.setSystemTime(local('2099-10-13T09:00'));
    const { anniversary: birthday } = await anniversary('王总', 'partner', 10, 20);
    const { notices, owner } = startEngine();
    expect(shown(notices)).toEqual(['王总 7']);

    const snoozed = fieldbook.dispatch(
      'reminders.snooze',
      { anniversaryId: birthday.id, occursOn: '2099-10-20', until: '2099-10-15' },
      { actor: 'm001' },
    );
    expect(snoozed).toEqual({ ok: true, value: { until: '2099-10-15' } });
    vi.advanceTimersByTime(500);
    expect(owner).toHaveBeenCalledTimes(2);
    advanceTo('2099-10-14T23:59');
    expect(notices).toHaveLength(1);
    advanceTo('2099-10-15T00:01');
    expect(shown(notices)).toEqual(['王总 7', '王总 7']);
    expect(texts(notices.slice(1))).toEqual(['「生日提醒」王总 10月20日生日 · 还有 5 天']);
    advanceTo('2099-10-18T23:00');
    expect(notices).toHaveLength(2);
    advanceTo('2099-10-19T00:01');
    expect(shown(notices.slice(2))).toEqual(['王总 1']);
  });

  it('acknowledging records the visit on the account and nothing more is notified for it', async () => {
    vi.setSystemTime(local('2026-10-20T09:00'));
    const { account, anniversary: birthday } = await anniversary('李四', 'general', 10, 20);
    const { notices, owner } = startEngine();
    expect(shown(notices)).toEqual(['李四 0']);

    const acknowledged = fieldbook.dispatch(
      'reminders.acknowledge',
      { anniversaryId: birthday.id, occursOn: '2026-10-20', as: 'greeting', content: '生日祝福短信' },
      { actor: 'm001' },
    );
    expect(acknowledged).toMatchObject({ ok: true, value: { visit: { kind: 'greeting' } } });
    vi.advanceTimersByTime(500);
    expect(owner).toHaveBeenCalledTimes(2);
    const detail = await api.accounts.detail({ id: account.id });
    expect(detail.visits.map((visit) => [visit.kind, visit.content])).toEqual([['greeting', '生日祝福短信']]);
    advanceTo('2026-10-25T12:00');
    expect(notices).toHaveLength(1);
    expect(openReminders(fieldbook.db, '2026-10-25', 'm001')).toEqual([]);
  });

  it('logs a check that throws and keeps to its schedule', async () => {
    vi.setSystemTime(local('2026-10-20T09:00'));
    await anniversary('李四', 'general', 10, 20);
    const failing = vi
      .fn<() => string>(() => 'm001')
      .mockImplementationOnce(() => {
        throw new Error('settings unreadable');
      });
    const { notices, log } = startEngine({ owner: failing });
    expect(notices).toEqual([]);
    expect(log).toHaveBeenCalledWith('[reminders] check failed', expect.any(Error));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(hour);
    // The first check to succeed still tells what was missed while closed.
    expect(shown(notices)).toEqual(['李四 0']);
  });

  it('never runs two checks at once: a check asked for during one runs shortly after it', async () => {
    vi.setSystemTime(local('2026-10-20T09:00'));
    let notifying = false;
    let nested = false;
    const owner = vi.fn(() => {
      if (notifying) nested = true;
      return 'm001';
    });
    const notices: ReminderNotice[] = [];
    const { engine } = startEngine({
      owner,
      notify: (notice) => {
        notices.push(notice);
        notifying = true;
        engine.checkNow();
        notifying = false;
      },
    });
    await anniversary('李四', 'general', 10, 20);
    engine.checkNow();
    expect(nested).toBe(false);
    expect(owner).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(500);
    expect(owner).toHaveBeenCalledTimes(3);
    expect(notices).toHaveLength(1);
  });

  it('stops: no timers left, no more checks on data changes', async () => {
    vi.setSystemTime(local('2026-10-20T09:00'));
    const { engine, owner, power } = startEngine();
    engine.stop();
    expect(vi.getTimerCount()).toBe(0);
    await anniversary('李四', 'general', 10, 20);
    power.emit('resume');
    vi.advanceTimersByTime(2 * hour);
    expect(owner).toHaveBeenCalledTimes(1);
    expect(power.listenerCount('resume')).toBe(0);
  });
});
