import { seedBook, signIn } from './signedIn';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appName, databaseFileName } from '../../db/paths';
import { markChecked } from '../../db/reminders';
import { eventChannel } from '../../electron/channels';
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeElectron } from './fakeElectron';

/*
 * electron/main.ts with a fake Electron after the laptop was off: a follow-up that fell due
 * meanwhile and one due today are notified at start, and a click tells the window which
 * follow-up, so it opens the agenda.
 */
vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const { app } = fakeElectron;
let directory: string;
let visitId = '';

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-main-follow-ups-'));
  app.paths.set('appData', directory);
  vi.useFakeTimers();
  mkdirSync(join(directory, appName));
  const path = join(directory, appName, databaseFileName);

  // Last session on 16 October: the reminders were checked that day.
  vi.setSystemTime(new Date(2026, 9, 16, 18, 0));
  await seedBook(path, async (api, before) => {
    await api.settings.update({ language: 'zh-CN' });
    const account = await api.accounts.create({ kind: 'organization', name: '汕头市金海湾酒店' });
    const visit = await api.visits.create({
      accountId: account.id,
      kind: 'complaint',
      content: '专线中断',
      followUp: '申请减免当月费用',
      followUpDue: '2026-10-18',
    });
    visitId = visit.id;
    await api.visits.create({
      accountId: account.id,
      kind: 'onsite',
      content: '续约洽谈',
      followUp: '寄送合同',
      followUpDue: '2026-10-20',
    });
    markChecked(before.db, '2026-10-16');
  });

  // Started again on the 20th.
  vi.setSystemTime(new Date(2026, 9, 20, 9, 0));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await import('../../electron/main');
  await vi.waitFor(() => expect(FakeTray.instances).toHaveLength(1));
  await signIn(FakeBrowserWindow.instances[0] ?? new FakeBrowserWindow());
});

afterAll(() => {
  app.emit('before-quit');
  app.emit('will-quit');
  vi.useRealTimers();
  rmSync(directory, { recursive: true, force: true });
});

describe('follow-up reminders in the desktop app', () => {
  it('notifies at start what fell due while the laptop was off and what is due today', () => {
    expect(FakeNotification.instances.map(({ options }) => `${options.title}：${options.body}`)).toEqual([
      '跟进提醒：汕头市金海湾酒店 · 申请减免当月费用 · 已过期 2 天',
      '跟进提醒：汕头市金海湾酒店 · 寄送合同 · 今天到期',
    ]);
  });

  it('a click shows the window and names the follow-up, for the page to open the agenda', () => {
    FakeNotification.instances[0]?.click();
    const [window] = FakeBrowserWindow.instances;
    window?.ready();
    expect(window?.visible).toBe(true);
    expect(window?.webContents.send).toHaveBeenCalledWith(eventChannel('reminder.activated'), {
      kind: 'followUp',
      accountId: expect.any(String),
      visitId,
      dueOn: '2026-10-18',
    });
  });
});
