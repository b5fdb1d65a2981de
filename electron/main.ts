import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  powerMonitor,
  safeStorage,
  session,
  type Session,
  type WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OpenOptions } from '../db/connection';
import { createAccessGate, type AccessGate } from '../db/access/gate';
import { createFaultLog, faultLogFileName } from '../db/faultLog';
import { appName, databaseFileName, ensurePrivateDirectory } from '../db/paths';
import { readSettings } from '../db/handlers/settings';
import type { Fieldbook } from '../db/service';
import type { AppLanguage } from '../shared/types';
import { createSenderCheck, dataChangedEvent, registerApi, sendEvent } from './ipc';
import { createLoginItemSync, hiddenFlag, startedHidden } from './loginItem';
import { createMainWindow } from './mainWindow';
import { electronNativeBindingPath } from './nativeBinding';
import { createNotifier } from './notifier';
import { onWake } from './power';
import { createSafeStorageProtector } from './secretProtector';
import { createReminderEngine, systemTimers, type ReminderEngine } from './reminderEngine';
import { scheduleLockedReminders } from './lockedReminders';
import { dueCounts } from '../db/lockedReminders';
import { localToday } from '../db/queries/records';
import { resolveLanguage } from './reminderTexts';
import { createAppTray, type AppTray } from './tray';
import { contentSecurityPolicy, createWindowOptions, isRendererUrl } from './windowOptions';

/*
 * The Electron main process: windows, tray, session hardening and the wiring of IPC and
 * reminders, nothing more. Every rule about data lives in db/ and shared/.
 */

// This bundle is dist/electron/main.cjs; the renderer build sits next to it in dist/renderer/.
const preloadPath = join(__dirname, 'preload.cjs');
const rendererFile = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererFile).href;
const projectRoot = resolve(__dirname, '..', '..');
// Long operations run on this worker (db/jobs/thread.ts, bundled by build/bundle.mjs).
const jobThreadPath = join(__dirname, 'jobThread.cjs');
// build/bundle.mjs copies build/tray/ here.
const trayIconDirectory = join(__dirname, 'tray');

let gate: AccessGate | undefined;
let cancelLockedReminders: () => void = () => undefined;
/** Days ahead a lock counts the reminders of (a laptop left locked over a long weekend). */
const lockedReminderDays = 7;
let reminders: ReminderEngine | undefined;
let tray: AppTray | undefined;

// The same folder the CLI uses (db/paths.ts), whatever package.json calls the app in development.
app.setName(appName);
app.setPath('userData', join(app.getPath('appData'), appName));
app.enableSandbox();
// Windows shows notifications only for an app with an id: electron-builder.yml's appId.
if (process.platform === 'win32') app.setAppUserModelId('com.fieldbook.app');

/** In development, the better-sqlite3 copy build/electron-native.mjs built for Electron's ABI. */
function driverOptions(): OpenOptions {
  if (app.isPackaged) return {};
  const nativeBinding = electronNativeBindingPath(projectRoot, process.versions.electron);
  if (!existsSync(nativeBinding)) {
    throw new Error(
      `The SQLite driver for Electron ${process.versions.electron} is missing (${nativeBinding}). ` +
        'Start Fieldbook with `npm start`, which builds it.',
    );
  }
  return { nativeBinding };
}

function hardenSession(target: Session): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}

/** Every web contents, including any we did not create: no new windows, no leaving our page. */
function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isRendererUrl(event.url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isRendererUrl(event.url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

const mainWindow = createMainWindow(() => {
  const window = new BrowserWindow(createWindowOptions(preloadPath, { packaged: app.isPackaged }));
  void window.loadFile(rendererFile);
  return window;
});

function isOurWindow(sender: WebContents): boolean {
  const window = BrowserWindow.fromWebContents(sender);
  return window !== null && window === mainWindow.current();
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const dataDirectory = app.getPath('userData');
  ensurePrivateDirectory(dataDirectory);
  const logFile = join(dataDirectory, faultLogFileName);
  // Nothing of the book opens before a sign-in; the door opens it with the key of the user's
  // password and closes it again at a lock (db/access/gate.ts).
  const door = createAccessGate(join(dataDirectory, databaseFileName), {
    ...driverOptions(),
    // The team passphrase for sync files is kept encrypted by the OS (safeStorage, usable once ready).
    secrets: createSafeStorageProtector(safeStorage),
    // Stacks of failed operations, for support; windows only ever see an error code.
    logFile,
    // Main run from its sources (tests) has no bundle beside it: everything then runs here.
    ...(existsSync(jobThreadPath) ? { jobThread: jobThreadPath } : {}),
    // The window opens at once; a large book's integrity check (seconds) runs on the job thread.
    integrityCheck: 'background',
    // The day's verified backup, taken on the job thread once the check has passed.
    automaticBackups: true,
    // Locked, reminders still come, saying only how many are due: counted while the book is open.
    beforeLock: (book, user) => {
      cancelLockedReminders();
      cancelLockedReminders = scheduleLockedReminders({
        counts: dueCounts(book.db, user.code, localToday(), lockedReminderDays),
        now: () => new Date(),
        timers: systemTimers,
        notify: createNotifier({ language, onClick: () => mainWindow.show() }),
      });
    },
  });
  gate = door;
  const opened = (): Fieldbook | undefined => door.current()?.fieldbook;
  const language = () => {
    const book = opened();
    return resolveLanguage(book ? readSettings(book.db).language : null, app.getLocale());
  };
  const syncLoginItem = createLoginItemSync(app);
  registerApi(ipcMain, (name, input) => door.call(name, input), {
    isTrustedSender: createSenderCheck(rendererUrl, isOurWindow),
    // The door names the signed-in user on every call; the transport's word is not asked.
    context: () => ({ actor: 'window' }),
    log: createFaultLog(logFile),
  });
  const windowTargets = () => {
    const window = mainWindow.current();
    return window ? [window.webContents] : [];
  };
  door.onDataChanged((operation) => {
    sendEvent(windowTargets(), 'data.changed', dataChangedEvent(operation));
    const book = opened();
    if (book && operation.startsWith('settings.')) {
      syncLoginItem(readSettings(book.db).launchAtLogin);
      tray?.setLanguage(language());
    }
  });
  // From the job thread while an import or a sync file runs there.
  door.onProgress((progress) => {
    if (progress.name === 'import.progress') sendEvent(windowTargets(), progress.name, progress.payload);
    else sendEvent(windowTargets(), progress.name, progress.payload);
  });
  door.onSessionChanged((state) => {
    sendEvent(windowTargets(), 'session.changed', state);
    reminders?.stop();
    reminders = undefined;
    const current = door.current();
    if (state.state !== 'open' || !current) return;
    cancelLockedReminders();
    syncLoginItem(readSettings(current.fieldbook.db).launchAtLogin);
    tray?.setLanguage(language());
    reminders = startReminders(current.fieldbook, current.user.code, language);
  });
  powerMonitor.on('shutdown', () => mainWindow.setQuitting());

  // Started at login: stay in the tray until the user opens the window.
  if (!startedHidden(process.argv, app)) mainWindow.show();
  try {
    tray = createAppTray({
      iconDirectory: trayIconDirectory,
      language: language(),
      onOpen: () => mainWindow.show(),
      onQuit: () => app.quit(),
    });
  } catch (error) {
    console.error('[tray] could not be created', error);
  }
}

/** Reminders of the signed-in user's accounts, while the book is open. */
function startReminders(book: Fieldbook, owner: string, language: () => AppLanguage): ReminderEngine {
  const engine = createReminderEngine({
    db: book.db,
    owner: () => owner,
    now: () => new Date(),
    timers: systemTimers,
    notify: createNotifier({ language, onClick: (target) => mainWindow.activate(target) }),
    onDataChanged: (listener) => book.onDataChanged(listener),
    onWake: onWake(powerMonitor),
    writesPaused: book.writesPaused,
  });
  // A read-only book (damaged, or on a read-only disk) cannot record which reminders it showed:
  // they would come back at every check. The window still lists them, with the banner saying why.
  if (book.storage().writable) engine.start();
  return engine;
}

// One instance per user: a second launch shows the first one's window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (gate && !argv.includes(hiddenFlag)) mainWindow.show();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('activate', () => {
    if (gate) mainWindow.show();
  });
  // Closing the window hides it and Fieldbook stays in the tray for reminders. All windows close
  // only when quitting; on a Windows logoff that comes without app.quit(), so quit here.
  app.on('window-all-closed', () => {
    if (mainWindow.isQuitting()) app.quit();
  });
  app.on('before-quit', () => mainWindow.setQuitting());
  app.on('will-quit', () => {
    reminders?.stop();
    reminders = undefined;
    tray?.destroy();
    tray = undefined;
    gate?.close();
    gate = undefined;
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Fieldbook could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}
