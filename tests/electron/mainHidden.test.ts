import { seedBook, signIn } from './signedIn';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appName, databaseFileName } from '../../db/paths';
import { eventChannel } from '../../electron/channels';
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeElectron } from './fakeElectron';

/* electron/main.ts started by the login item (`--hidden`): reminders without a window. */
vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const { app } = fakeElectron;
const argv = [...process.argv];
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-hidden-'));
  app.paths.set('appData', directory);
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 9, 20, 9, 0));
  // As an earlier version left it: readable by everyone (umask 022).
  mkdirSync(join(directory, appName));
  chmodSync(join(directory, appName), 0o755);
  await seedBook(join(directory, appName, databaseFileName), async (api) => {
    await api.settings.update({ language: 'zh-CN', launchAtLogin: true });
    const account = await api.accounts.create({ kind: 'person', name: '李四' });
    await api.anniversaries.create({
      accountId: account.id,
      kind: 'birthday',
      calendar: 'gregorian',
      month: 10,
      day: 20,
    });
  });

  process.argv.push('--hidden');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await import('../../electron/main');
  await vi.waitFor(() => expect(FakeTray.instances).toHaveLength(1));
});

afterAll(() => {
  process.argv.splice(0, process.argv.length, ...argv);
  app.emit('before-quit');
  app.emit('will-quit');
  vi.useRealTimers();
  rmSync(directory, { recursive: true, force: true });
});

describe('started hidden at login', () => {
  it('makes the data folder private to its owner (0700), tightening the one it found', () => {
    expect(statSync(join(directory, appName)).mode & 0o777).toBe(0o700);
  });

  it('opens no window and shows nothing of the locked book: no reminder names before a sign-in', () => {
    expect(FakeBrowserWindow.instances).toEqual([]);
    expect(FakeNotification.instances).toEqual([]);
  });

  it('the tray opens the window; after a sign-in the reminders come, and a click shows the account', async () => {
    FakeTray.instances[0]?.choose('打开 Fieldbook');
    const [window] = FakeBrowserWindow.instances;
    if (!window) throw new Error('the tray opened no window');
    window.ready();
    await signIn(window);
    await vi.waitFor(() =>
      expect(FakeNotification.instances.map((notification) => notification.options.title)).toEqual([
        '生日提醒',
      ]),
    );
    expect(window.close()).toBe(false);
    FakeNotification.instances[0]?.click();
    expect(window.visible).toBe(true);
    expect(window.webContents.send).toHaveBeenCalledWith(
      eventChannel('reminder.activated'),
      expect.objectContaining({ occursOn: '2026-10-20' }),
    );
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});
