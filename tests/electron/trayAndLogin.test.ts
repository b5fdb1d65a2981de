import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLoginItemSync, hiddenFlag, startedHidden } from '../../electron/loginItem';
import { createAppTray, trayIconPath } from '../../electron/tray';
import { FakeTray, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const iconDirectory = join(__dirname, '..', '..', 'build', 'tray');

beforeEach(() => resetFakeElectron());

describe('tray', () => {
  it('offers Open and Quit in the user’s language, and opens the window on a click', () => {
    const onOpen = vi.fn();
    const onQuit = vi.fn();
    const tray = createAppTray({ iconDirectory, language: 'zh-CN', onOpen, onQuit, platform: 'win32' });
    const [icon] = FakeTray.instances;
    expect(icon?.image.path).toBe(join(iconDirectory, 'tray.png'));
    expect(icon?.image.isEmpty()).toBe(false);
    expect(icon?.tooltip).toBe('Fieldbook');
    expect(icon?.menu.map((item) => item.label ?? item.type)).toEqual([
      '打开 Fieldbook',
      'separator',
      '退出',
    ]);

    icon?.choose('打开 Fieldbook');
    icon?.emit('click');
    expect(onOpen).toHaveBeenCalledTimes(2);
    icon?.choose('退出');
    expect(onQuit).toHaveBeenCalledTimes(1);

    tray.setLanguage('en');
    expect(icon?.menu.map((item) => item.label ?? item.type)).toEqual([
      'Open Fieldbook',
      'separator',
      'Quit',
    ]);
    tray.destroy();
    expect(icon?.destroy).toHaveBeenCalled();
  });

  it('uses a template image on macOS, where a click opens the menu', () => {
    const onOpen = vi.fn();
    createAppTray({ iconDirectory, language: 'en', onOpen, onQuit: vi.fn(), platform: 'darwin' });
    const [icon] = FakeTray.instances;
    expect(icon?.image.path).toBe(join(iconDirectory, 'trayTemplate.png'));
    expect(icon?.image.setTemplateImage).toHaveBeenCalledWith(true);
    icon?.emit('click');
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('ships small PNG icons of the right sizes', () => {
    const sizes = { 'tray.png': 32, 'trayTemplate.png': 16, 'trayTemplate@2x.png': 32 };
    for (const [file, size] of Object.entries(sizes)) {
      const path = join(iconDirectory, file);
      const png = readFileSync(path);
      expect(png.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([size, size]);
      expect(statSync(path).size, file).toBeLessThanOrEqual(4096);
    }
    expect(trayIconPath('/icons', 'linux')).toBe(join('/icons', 'tray.png'));
  });
});

describe('launch at login', () => {
  const fakeApp = (isPackaged = true) => ({ isPackaged, setLoginItemSettings: vi.fn() });

  it('registers a hidden launch when enabled, removes it when disabled, and only on changes', () => {
    const app = fakeApp();
    const sync = createLoginItemSync(app as unknown as App, 'win32');
    sync(false);
    sync(false);
    sync(true);
    sync(true);
    sync(false);
    expect(app.setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: false, args: [hiddenFlag] }],
      [{ openAtLogin: true, args: [hiddenFlag] }],
      [{ openAtLogin: false, args: [hiddenFlag] }],
    ]);
  });

  it('leaves development runs and systems without login items alone, and survives a refusal', () => {
    const development = fakeApp(false);
    createLoginItemSync(development as unknown as App, 'darwin')(true);
    expect(development.setLoginItemSettings).not.toHaveBeenCalled();
    const linux = fakeApp();
    createLoginItemSync(linux as unknown as App, 'linux')(true);
    expect(linux.setLoginItemSettings).not.toHaveBeenCalled();

    const refusing = fakeApp();
    refusing.setLoginItemSettings.mockImplementationOnce(() => {
      throw new Error('registry locked');
    });
    const log = vi.fn();
    const sync = createLoginItemSync(refusing as unknown as App, 'win32', log);
    sync(true);
    expect(log).toHaveBeenCalledTimes(1);
    // Not recorded as applied: the next settings change tries again.
    sync(true);
    expect(refusing.setLoginItemSettings).toHaveBeenCalledTimes(2);
  });

  it('starts hidden when launched by the login item', () => {
    const loginItems = (wasOpenedAtLogin: boolean) =>
      ({ getLoginItemSettings: () => ({ wasOpenedAtLogin }) }) as unknown as App;
    expect(startedHidden(['Fieldbook.exe', '--hidden'], loginItems(false), 'win32')).toBe(true);
    expect(startedHidden(['Fieldbook.exe'], loginItems(false), 'win32')).toBe(false);
    expect(startedHidden(['Fieldbook'], loginItems(true), 'darwin')).toBe(true);
    expect(startedHidden(['Fieldbook'], loginItems(false), 'darwin')).toBe(false);
  });
});
