import type { BrowserWindow } from 'electron';
import { sendEvent } from './ipc';
import type { ReminderTarget } from './notifier';

/**
 * The one main window, created when first needed: at start unless Fieldbook started hidden at
 * login, else from the tray, a notification or a second launch. Closing it hides it (Fieldbook
 * keeps running in the tray for reminders) unless the app is quitting.
 */
export interface MainWindow {
  /** The window, if one exists (it may be hidden). */
  current(): BrowserWindow | undefined;
  /** Creates the window if needed, then shows and focuses it (once its page is ready). */
  show(): void;
  /** Shows the window and, for a reminder, tells its page which account to open. */
  activate(target: ReminderTarget | null): void;
  /** From now on closing really closes (Quit, app.quit(), logout, shutdown). */
  setQuitting(): void;
  isQuitting(): boolean;
}

interface WindowState {
  readonly window: BrowserWindow;
  ready: boolean;
  loaded: boolean;
  wantShown: boolean;
  readonly pending: ReminderTarget[];
}

/** `create` builds a hidden window and starts loading the page. */
export function createMainWindow(create: () => BrowserWindow): MainWindow {
  let state: WindowState | undefined;
  let quitting = false;

  function reveal(current: WindowState): void {
    const { window } = current;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  function flush(current: WindowState): void {
    const contents = current.window.webContents;
    for (const target of current.pending.splice(0)) sendEvent([contents], 'reminder.activated', target);
  }

  function open(): WindowState {
    if (state && !state.window.isDestroyed()) return state;
    const window = create();
    const created: WindowState = { window, ready: false, loaded: false, wantShown: false, pending: [] };
    state = created;
    window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      window.hide();
    });
    // Windows ends the session without 'before-quit'; the window must not refuse to close then.
    window.on('session-end', () => {
      quitting = true;
    });
    window.on('closed', () => {
      if (state === created) state = undefined;
    });
    window.once('ready-to-show', () => {
      created.ready = true;
      if (created.wantShown) reveal(created);
    });
    // The page subscribes to events as it loads; earlier sends would be lost.
    window.webContents.on('did-finish-load', () => {
      created.loaded = true;
      flush(created);
    });
    return created;
  }

  function show(): WindowState {
    const current = open();
    current.wantShown = true;
    if (current.ready) reveal(current);
    return current;
  }

  return {
    current: () => (state && !state.window.isDestroyed() ? state.window : undefined),
    show() {
      show();
    },
    activate(target) {
      const current = show();
      if (target === null) return;
      current.pending.push(target);
      if (current.loaded) flush(current);
    },
    setQuitting() {
      quitting = true;
    },
    isQuitting: () => quitting,
  };
}
