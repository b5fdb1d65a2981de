import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { vi } from 'vitest';

/**
 * Enough of Electron's main-process API to run electron/ without the binary: windows, tray,
 * menus, notifications, app and powerMonitor as event emitters that record what was done.
 * Tests mock the module with `vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron)`.
 */

export class FakeWebContents extends EventEmitter {
  readonly send = vi.fn<(channel: string, payload: unknown) => void>();
  readonly mainFrame = { frameToken: `frame-${Math.random()}` };
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The page finished loading (and subscribed to events). */
  finishLoad(): void {
    this.emit('did-finish-load');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((window) => window.webContents === contents) ?? null;
  }

  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  destroyed = false;
  readonly loadFile = vi.fn(() => Promise.resolve());
  readonly focus = vi.fn();

  constructor(readonly options: unknown = {}) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
  }
  hide(): void {
    this.visible = false;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the user's close button (or the OS) does: 'close', then 'closed' unless prevented. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return false;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    return true;
  }
  /** Page loaded and ready to paint. */
  ready(): void {
    this.emit('ready-to-show');
    this.webContents.finishLoad();
  }
}

export class FakeNotification extends EventEmitter {
  static readonly instances: FakeNotification[] = [];
  static readonly isSupported = vi.fn(() => true);
  readonly show = vi.fn();
  constructor(readonly options: { title?: string; body?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  click(): void {
    this.emit('click', {});
  }
}

export interface FakeMenuItem {
  readonly label?: string;
  readonly type?: string;
  readonly click?: () => void;
}

export class FakeTray extends EventEmitter {
  static readonly instances: FakeTray[] = [];
  menu: FakeMenuItem[] = [];
  tooltip = '';
  readonly destroy = vi.fn();
  constructor(readonly image: FakeImage) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenuItem[]): void {
    this.menu = menu;
  }
  /** Clicks the menu item with this label. */
  choose(label: string): void {
    const item = this.menu.find((candidate) => candidate.label === label);
    if (!item?.click) throw new Error(`no menu item ${label} in ${JSON.stringify(this.menu)}`);
    item.click();
  }
}

export interface FakeImage {
  readonly path: string;
  isEmpty(): boolean;
  readonly setTemplateImage: ReturnType<typeof vi.fn>;
}

const appPaths = new Map<string, string>();

const fakeApp = Object.assign(new EventEmitter(), {
  isPackaged: true,
  /** Where app.getPath() points; tests set `appData`. */
  paths: appPaths,
  setName: vi.fn(),
  setPath: vi.fn((name: string, path: string) => void appPaths.set(name, path)),
  getPath: vi.fn((name: string) => appPaths.get(name) ?? `/nonexistent/${name}`),
  enableSandbox: vi.fn(),
  setAppUserModelId: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  whenReady: vi.fn(() => Promise.resolve()),
  getLocale: vi.fn(() => 'zh-CN'),
  setLoginItemSettings: vi.fn(),
  getLoginItemSettings: vi.fn(() => ({ openAtLogin: false, wasOpenedAtLogin: false })),
  quit: vi.fn(),
  exit: vi.fn(),
});

const ipcHandlers = new Map<string, (event: unknown, input: unknown) => unknown>();

export const fakeElectron = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  Notification: FakeNotification,
  Tray: FakeTray,
  Menu: { buildFromTemplate: (template: FakeMenuItem[]) => template },
  nativeImage: {
    createFromPath: (path: string): FakeImage => ({
      path,
      isEmpty: () => !existsSync(path),
      setTemplateImage: vi.fn(),
    }),
  },
  powerMonitor: new EventEmitter(),
  ipcMain: {
    handlers: ipcHandlers,
    handle: vi.fn((channel: string, handler: (event: unknown, input: unknown) => unknown) => {
      ipcHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    },
  },
  dialog: { showErrorBox: vi.fn() },
  /** A reversible stand-in for the OS's encryption (not plain text, so tests can tell). */
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    encryptString: vi.fn((text: string) => Buffer.from(`os:${text}`, 'utf8').reverse()),
    decryptString: vi.fn((bytes: Buffer) => {
      const text = Buffer.from(bytes).reverse().toString('utf8');
      if (!text.startsWith('os:')) throw new Error('Error while decrypting the ciphertext provided');
      return text.slice(3);
    }),
  },
};

/** Forgets every window, tray and notification made so far. */
export function resetFakeElectron(): void {
  FakeBrowserWindow.instances.length = 0;
  FakeNotification.instances.length = 0;
  FakeTray.instances.length = 0;
  FakeNotification.isSupported.mockReturnValue(true);
}
