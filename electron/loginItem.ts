import type { App } from 'electron';

/**
 * Opt-in launch at login (Settings → launchAtLogin), started hidden in the tray so reminders
 * come even on days the window is never opened.
 */
export const hiddenFlag = '--hidden';

type LoginItemApp = Pick<App, 'isPackaged' | 'setLoginItemSettings'>;

/**
 * Returns a function that applies the setting to the OS when it differs from what was applied
 * last (call it at start and after every settings change). Only Windows and macOS have login
 * items in Electron; a development run is never registered (it would launch a bare Electron).
 */
export function createLoginItemSync(
  app: LoginItemApp,
  platform: NodeJS.Platform = process.platform,
  log: (message: string, error: unknown) => void = (message, error) => console.warn(message, error),
): (launchAtLogin: boolean) => void {
  let applied: boolean | undefined;
  return (launchAtLogin) => {
    if (launchAtLogin === applied) return;
    if (!app.isPackaged || (platform !== 'win32' && platform !== 'darwin')) return;
    try {
      // Windows passes args to the login launch; macOS ignores them (see startedHidden).
      app.setLoginItemSettings({ openAtLogin: launchAtLogin, args: [hiddenFlag] });
      applied = launchAtLogin;
    } catch (error) {
      log('[login item] could not be changed', error);
    }
  };
}

/**
 * Whether this launch should stay in the tray: started by the login item (`--hidden` on
 * Windows; on macOS, which gives login items no arguments, opened at login).
 */
export function startedHidden(
  argv: readonly string[],
  app: Pick<App, 'getLoginItemSettings'>,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (argv.includes(hiddenFlag)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
