import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appName, databaseFileName } from '../../db/paths';
import { eventChannel } from '../../electron/channels';
import type { OperationName } from '../../shared/api';
import { ipcCall, seedBook, signIn } from './signedIn';
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeElectron } from './fakeElectron';

/*
 * electron/main.ts as Electron would run it on Windows, with a fake Electron and a real
 * database in a temporary user-data folder: window, tray, login item, reminders and quitting.
 */
vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const { app, powerMonitor } = fakeElectron;
const platform = Object.getOwnPropertyDescriptor(process, 'platform');
let directory: string;
let window: FakeBrowserWindow;

/** Calls an operation over the fake IPC as the main window's page would. */
const call = (name: OperationName, input: unknown) => ipcCall(window)(name, input);

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-main-'));
  app.paths.set('appData', directory);
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 9, 20, 9, 0));

  // Last session: this manager, English, launch at login on, a birthday today.
  mkdirSync(join(directory, appName));
  await seedBook(join(directory, appName, databaseFileName), async (api) => {
    await api.settings.update({ language: 'en', launchAtLogin: true });
    const account = await api.accounts.create({ kind: 'person', name: '李四' });
    await api.anniversaries.create({
      accountId: account.id,
      kind: 'birthday',
      calendar: 'gregorian',
      month: 10,
      day: 20,
    });
  });

  Object.defineProperty(process, 'platform', { value: 'win32', configurable: true });
  // The tray icons are copied next to the bundle by the build; here main runs from electron/.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await import('../../electron/main');
  await vi.waitFor(() => expect(FakeTray.instances).toHaveLength(1));
  [window = new FakeBrowserWindow()] = FakeBrowserWindow.instances;
  // Nothing of the book opens before a sign-in; the window's sign-in screen does it.
  await signIn(window);
});

afterAll(() => {
  if (platform) Object.defineProperty(process, 'platform', platform);
  vi.useRealTimers();
  rmSync(directory, { recursive: true, force: true });
});

describe('main process', () => {
  it('opens the packaged window without DevTools', () => {
    expect(window.options).toMatchObject({ webPreferences: { devTools: false, sandbox: true } });
  });

  it('opens the window, puts Fieldbook in the tray and applies the login item from Settings', () => {
    expect(app.setAppUserModelId).toHaveBeenCalledWith('com.fieldbook.app');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    window.ready();
    expect(window.visible).toBe(true);
    expect(FakeTray.instances[0]?.menu.map((item) => item.label ?? item.type)).toEqual([
      'Open Fieldbook',
      'separator',
      'Quit',
    ]);
    expect(app.setLoginItemSettings).toHaveBeenCalledExactlyOnceWith({
      openAtLogin: true,
      args: ['--hidden'],
    });
  });

  it('notifies what is due at start; a click brings the hidden window back on that account', () => {
    expect(FakeNotification.instances.map((notification) => notification.options)).toEqual([
      { title: 'Birthday reminder', body: '李四 · birthday, October 20 · today' },
    ]);
    expect(window.close()).toBe(false);
    expect(window.visible).toBe(false);
    FakeNotification.instances[0]?.click();
    expect(window.visible).toBe(true);
    expect(window.webContents.send).toHaveBeenCalledWith(
      eventChannel('reminder.activated'),
      expect.objectContaining({ occursOn: '2026-10-20' }),
    );
  });

  it('re-applies Settings when they change: login item, tray language, reminders', async () => {
    expect(await call('settings.update', { launchAtLogin: false, language: 'zh-CN' })).toMatchObject({
      ok: true,
    });
    expect(window.webContents.send).toHaveBeenCalledWith(eventChannel('data.changed'), {
      entities: ['settings'],
    });
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, args: ['--hidden'] });
    expect(FakeTray.instances[0]?.menu[0]?.label).toBe('打开 Fieldbook');

    const created = await call('accounts.create', { kind: 'person', name: '王五' });
    const accountId = created.ok ? (created.value as { id: string }).id : '';
    await call('anniversaries.create', {
      accountId,
      kind: 'birthday',
      calendar: 'gregorian',
      month: 10,
      day: 20,
    });
    expect(FakeNotification.instances).toHaveLength(1);
    vi.advanceTimersByTime(500);
    expect(FakeNotification.instances[1]?.options).toEqual({
      title: '生日提醒',
      body: '王五 10月20日生日 · 今天',
    });
  });

  it('keeps the team passphrase encrypted by safeStorage, never in plain text', async () => {
    expect(await call('sync.setPassphrase', { passphrase: 'team passphrase 青山' })).toEqual({
      ok: true,
      value: { set: true, storage: 'protected' },
    });
    expect(fakeElectron.safeStorage.encryptString).toHaveBeenCalledWith('team passphrase 青山');
    expect(await call('settings.get', undefined)).toMatchObject({
      ok: true,
      value: { syncPassphraseSet: true, syncPassphraseStorage: 'protected' },
    });
    const exported = await call('sync.export', { full: true });
    expect(exported.ok).toBe(true);
  });

  it('shows the window for a second launch, unless that one was started at login', () => {
    expect(existsSync(join(directory, appName, `${databaseFileName}-wal`))).toBe(true);
    window.hide();
    app.emit('second-instance', {}, ['Fieldbook.exe', '--hidden']);
    expect(window.visible).toBe(false);
    app.emit('second-instance', {}, ['Fieldbook.exe']);
    expect(window.visible).toBe(true);
  });

  it('quits from the tray: the window closes for real, reminders stop and the database closes', () => {
    FakeTray.instances[0]?.choose('退出');
    expect(app.quit).toHaveBeenCalled();
    app.emit('before-quit');
    expect(window.close()).toBe(true);
    app.emit('will-quit');
    expect(FakeTray.instances[0]?.destroy).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    expect(powerMonitor.listenerCount('resume')).toBe(0);
    // The last connection to close checkpoints and removes the write-ahead log.
    expect(existsSync(join(directory, appName, `${databaseFileName}-wal`))).toBe(false);
  });
});
