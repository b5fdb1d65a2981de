import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { targetOf } from '../../electron/notifier';
import { createReminderEngine, systemTimers, type ReminderEngine } from '../../electron/reminderEngine';
import { noticeText, type ReminderNotice } from '../../electron/reminderTexts';
import type { ApiClient } from '../../shared/api';

/*
 * Follow-ups remind like anniversaries: the engine in main, on a real database with fake time,
 * notifies a follow-up on its due day once, catches up on those that fell due while Fieldbook
 * was closed, and notifies again only when the follow-up is moved to a new day.
 */
vi.mock('electron', () => ({}));

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
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-follow-ups-'));
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

/** A complaint logged on 1 September with a follow-up due on `due`, on an account of `owner`. */
async function followUp(name: string, due: string, text = '回复客户', owner = 'm001') {
  const account = await api.accounts.create({ kind: 'organization', name, owner });
  return api.visits.create({
    manager: owner,
    accountId: account.id,
    kind: 'complaint',
    occurredAt: local('2026-09-01T08:00').toISOString(),
    content: '专线中断',
    followUp: text,
    followUpDue: due,
  });
}

function startEngine() {
  const notices: ReminderNotice[] = [];
  const engine = createReminderEngine({
    db: fieldbook.db,
    owner: () => 'm001',
    now: () => new Date(),
    timers: systemTimers,
    notify: (notice) => notices.push(notice),
    onDataChanged: (listener) => fieldbook.onDataChanged(listener),
    log: vi.fn(),
  });
  engines.push(engine);
  engine.start();
  return { engine, notices };
}

const texts = (notices: readonly ReminderNotice[], language: 'zh-CN' | 'en' = 'zh-CN') =>
  notices.map((notice) => noticeText(notice, language)).map(({ title, body }) => `「${title}」${body}`);

describe('follow-up reminders', () => {
  it('notify a follow-up on its due day, once, also across restarts', async () => {
    await followUp('汕头市金海湾酒店', '2026-09-03', '申请集团优惠折扣，待审批');
    vi.setSystemTime(local('2026-09-02T09:00'));
    expect(startEngine().notices).toEqual([]);

    vi.setSystemTime(local('2026-09-03T08:30'));
    const { notices } = startEngine();
    expect(texts(notices)).toEqual(['「跟进提醒」汕头市金海湾酒店 · 申请集团优惠折扣，待审批 · 今天到期']);
    expect(texts(notices, 'en')).toEqual([
      '「Follow-up due」汕头市金海湾酒店 · 申请集团优惠折扣，待审批 · due today',
    ]);
    for (const engine of engines) engine.stop();
    fieldbook.close();

    fieldbook = await openFieldbook(path);
    expect(startEngine().notices).toEqual([]);
  });

  it('catch up at start on those that fell due while Fieldbook was closed', async () => {
    await followUp('潮州恒信陶瓷', '2026-09-04');
    await followUp('广东鸿鸿培训', '2026-09-05', '安排工程师上门测速');
    vi.setSystemTime(local('2026-09-03T18:00'));
    startEngine().engine.stop();

    // The laptop was off from the evening of the 3rd to the morning of the 6th.
    vi.setSystemTime(local('2026-09-06T08:00'));
    const { notices } = startEngine();
    expect(texts(notices)).toEqual([
      '「跟进提醒」潮州恒信陶瓷 · 回复客户 · 已过期 2 天',
      '「跟进提醒」广东鸿鸿培训 · 安排工程师上门测速 · 已过期 1 天',
    ]);
  });

  it('sum up more than three at once, saying how many fell due while Fieldbook was closed', async () => {
    for (const [name, due] of [
      ['甲公司', '2026-09-02'],
      ['乙公司', '2026-09-03'],
      ['丙公司', '2026-09-04'],
      ['丁公司', '2026-09-04'],
    ] as const)
      await followUp(name, due);
    startEngine().engine.stop();
    vi.setSystemTime(local('2026-09-04T09:00'));
    const { notices } = startEngine();
    expect(texts(notices)).toEqual(['「跟进提醒」4 项跟进到期，其中 2 项在 Fieldbook 关闭期间到期']);
    expect(texts(notices, 'en')).toEqual([
      '「Follow-up due」4 follow-ups due, 2 fell due while Fieldbook was closed',
    ]);
  });

  it('notify one written today for today, again when snoozed to tomorrow, and not once done', async () => {
    const { notices } = startEngine();
    const visit = await followUp('林晓燕', '2026-09-01', '寄送合同');
    vi.advanceTimersByTime(500);
    expect(texts(notices)).toEqual(['「跟进提醒」林晓燕 · 寄送合同 · 今天到期']);

    await api.followUps.snooze({ visitId: visit.id });
    vi.advanceTimersByTime(500);
    expect(notices).toHaveLength(1);
    advanceTo('2026-09-02T00:01');
    expect(texts(notices).at(-1)).toBe('「跟进提醒」林晓燕 · 寄送合同 · 今天到期');
    expect(notices).toHaveLength(2);

    const other = await followUp('陈经理', '2026-09-03');
    await api.followUps.complete({ visitId: other.id });
    advanceTo('2026-09-03T09:00');
    expect(notices).toHaveLength(2);
  });

  it('leave out follow-ups of other managers, and a click opens the agenda on that follow-up', async () => {
    await followUp('别人的客户', '2026-09-01', '回复', 'm002');
    const visit = await followUp('自己的客户', '2026-09-01');
    const { notices } = startEngine();
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice && targetOf(notice)).toEqual({
      kind: 'followUp',
      accountId: visit.accountId,
      visitId: visit.id,
      dueOn: '2026-09-01',
    });
  });
});
