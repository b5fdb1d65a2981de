import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannel } from '../../electron/channels';
import { createMainWindow } from '../../electron/mainWindow';
import { createNotifier } from '../../electron/notifier';
import type { ReminderNotice } from '../../electron/reminderTexts';
import type { Reminder } from '../../shared/types';
import { FakeBrowserWindow, FakeNotification, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const create = vi.fn(() => new FakeBrowserWindow() as unknown as BrowserWindow);
const only = (): FakeBrowserWindow => {
  const [window, ...others] = FakeBrowserWindow.instances;
  expect(others).toEqual([]);
  if (!window) throw new Error('no window was created');
  return window;
};

beforeEach(() => {
  resetFakeElectron();
  create.mockClear();
});

const reminder = {
  occurrence: {
    anniversary: {
      id: 'ann-1',
      accountId: 'acc-1',
      kind: 'birthday',
      label: '',
      calendar: 'gregorian',
      month: 10,
      day: 20,
      leapMonth: false,
      year: null,
      leadDays: null,
      note: '',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    account: {
      id: 'acc-1',
      kind: 'person',
      customerNo: 'K1',
      name: '李四',
      tier: 'general',
      status: 'active',
      owner: 'm001',
      region: '',
    },
    date: '2026-10-20',
    daysLeft: 0,
    years: null,
    milestone: false,
  },
  leadDays: 0,
  dueOn: '2026-10-20',
  missed: false,
  notified: false,
} satisfies Reminder;

describe('main window', () => {
  it('is created on demand, shown once its page is ready, and reused', () => {
    const mainWindow = createMainWindow(create);
    expect(mainWindow.current()).toBeUndefined();
    mainWindow.show();
    const window = only();
    expect(window.visible).toBe(false);
    window.ready();
    expect(window.visible).toBe(true);
    expect(window.focus).toHaveBeenCalled();

    window.hide();
    window.minimized = true;
    mainWindow.show();
    expect(create).toHaveBeenCalledTimes(1);
    expect(window.visible).toBe(true);
    expect(window.minimized).toBe(false);
  });

  it('closing hides it to the tray; when quitting it really closes', () => {
    const mainWindow = createMainWindow(create);
    mainWindow.show();
    const window = only();
    window.ready();

    expect(window.close()).toBe(false);
    expect(window.visible).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    expect(mainWindow.current()).toBe(window);

    mainWindow.setQuitting();
    expect(mainWindow.isQuitting()).toBe(true);
    expect(window.close()).toBe(true);
    expect(mainWindow.current()).toBeUndefined();
  });

  it('lets the OS end the session (Windows logoff sends no before-quit)', () => {
    const mainWindow = createMainWindow(create);
    mainWindow.show();
    const window = only();
    window.emit('session-end');
    expect(window.close()).toBe(true);
    expect(mainWindow.isQuitting()).toBe(true);
  });

  it('a click on a reminder notification shows the window and sends reminder.activated', () => {
    const mainWindow = createMainWindow(create);
    mainWindow.show();
    const window = only();
    window.ready();
    window.close();
    const notify = createNotifier({ language: () => 'en', onClick: (target) => mainWindow.activate(target) });

    notify({ kind: 'reminder', reminder });
    const [notification] = FakeNotification.instances;
    expect(notification?.options).toEqual({
      title: 'Birthday reminder',
      body: '李四 · birthday, October 20 · today',
    });
    expect(notification?.show).toHaveBeenCalled();
    notification?.click();
    expect(window.visible).toBe(true);
    expect(window.webContents.send).toHaveBeenCalledExactlyOnceWith(eventChannel('reminder.activated'), {
      accountId: 'acc-1',
      anniversaryId: 'ann-1',
      occursOn: '2026-10-20',
    });
  });

  it('creates the window when there is none, and sends the event once its page has loaded', () => {
    const mainWindow = createMainWindow(create);
    const notify = createNotifier({
      language: () => 'zh-CN',
      onClick: (target) => mainWindow.activate(target),
    });
    notify({ kind: 'reminder', reminder });
    FakeNotification.instances[0]?.click();
    const window = only();
    expect(window.webContents.send).not.toHaveBeenCalled();
    window.ready();
    expect(window.visible).toBe(true);
    expect(window.webContents.send).toHaveBeenCalledExactlyOnceWith(
      eventChannel('reminder.activated'),
      expect.objectContaining({ accountId: 'acc-1' }),
    );
  });

  it('a click on a summary only shows the window', () => {
    const mainWindow = createMainWindow(create);
    const notify = createNotifier({
      language: () => 'zh-CN',
      onClick: (target) => mainWindow.activate(target),
    });
    const summary: ReminderNotice = { kind: 'summary', total: 5, missed: 2, atStart: true };
    notify(summary);
    expect(FakeNotification.instances[0]?.options).toEqual({
      title: '纪念日提醒',
      body: '5 个纪念日需要关注，其中 2 个在 Fieldbook 关闭期间错过',
    });
    FakeNotification.instances[0]?.click();
    const window = only();
    window.ready();
    expect(window.visible).toBe(true);
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});

describe('notifier', () => {
  it('shows nothing where the system has no notifications, and says so once', () => {
    FakeNotification.isSupported.mockReturnValue(false);
    const log = vi.fn();
    const notify = createNotifier({ language: () => 'en', onClick: vi.fn(), log });
    notify({ kind: 'reminder', reminder });
    notify({ kind: 'reminder', reminder });
    expect(FakeNotification.instances).toEqual([]);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('follows a language change in Settings at the next notification', () => {
    let language: 'en' | 'zh-CN' = 'en';
    const notify = createNotifier({ language: () => language, onClick: vi.fn() });
    notify({ kind: 'reminder', reminder });
    language = 'zh-CN';
    notify({ kind: 'reminder', reminder });
    expect(FakeNotification.instances.map((notification) => notification.options.title)).toEqual([
      'Birthday reminder',
      '生日提醒',
    ]);
  });
});
