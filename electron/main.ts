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
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OpenOptions } from '../db/connection';
import { faultLogFileName } from '../db/faultLog';
import { appName, databaseFileName, ensurePrivateDirectory } from '../db/paths';
import { actorOf, readSettings } from '../db/handlers/settings';
import { openFieldbook, type Fieldbook } from '../db/service';
import { createSenderCheck, dataChangedEvent, registerApi, sendEvent } from './ipc';
import { createLoginItemSync, hiddenFlag, startedHidden } from './loginItem';
import { createMainWindow } from './mainWindow';
import { electronNativeBindingPath } from './nativeBinding';
import { createNotifier } from './notifier';
import { onWake } from './power';
import { createSafeStorageProtector } from './secretProtector';
import { createReminderEngine, systemTimers, type ReminderEngine } from './reminderEngine';
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

let fieldbook: Fieldbook | undefined;
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

/** The OS user, when no manager code is set in Settings. */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
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
  // The team passphrase for sync files is kept encrypted by the OS (safeStorage, usable once ready).
  fieldbook = await openFieldbook(join(dataDirectory, databaseFileName), {
    ...driverOptions(),
    secrets: createSafeStorageProtector(safeStorage),
    // Stacks of failed operations, for support; windows only ever see an error code.
    logFile: join(dataDirectory, faultLogFileName),
    // Main run from its sources (tests) has no bundle beside it: everything then runs here.
    ...(existsSync(jobThreadPath) ? { jobThread: jobThreadPath } : {}),
    // The window opens at once; a large book's integrity check (seconds) runs on the job thread.
    integrityCheck: 'background',
    // The day's verified backup, taken on the job thread once the check has passed.
    automaticBackups: true,
  });
  const opened = fieldbook;
  const fallbackActor = osUser();
  // Who is writing, and whose accounts are reminded of: the manager code set in Settings, else
  // the OS user.
  const actor = () => actorOf(opened.db, fallbackActor);
  const language = () => resolveLanguage(readSettings(opened.db).language, app.getLocale());
  const syncLoginItem = createLoginItemSync(app);
  registerApi(ipcMain, opened.call, {
    isTrustedSender: createSenderCheck(rendererUrl, isOurWindow),
    context: () => ({ actor: actor() }),
    log: opened.log,
  });
  opened.onDataChanged((operation) => {
    const window = mainWindow.current();
    sendEvent(window ? [window.webContents] : [], 'data.changed', dataChangedEvent(operation));
    if (operation.startsWith('settings.')) {
      syncLoginItem(readSettings(opened.db).launchAtLogin);
      tray?.setLanguage(language());
    }
  });
  // From the job thread while an import or a sync file runs there.
  opened.onProgress((progress) => {
    const window = mainWindow.current();
    const targets = window ? [window.webContents] : [];
    if (progress.name === 'import.progress') sendEvent(targets, progress.name, progress.payload);
    else sendEvent(targets, progress.name, progress.payload);
  });
  syncLoginItem(readSettings(opened.db).launchAtLogin);
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
  reminders = createReminderEngine({
    db: opened.db,
    owner: actor,
    now: () => new Date(),
    timers: systemTimers,
    notify: createNotifier({ language, onClick: (target) => mainWindow.activate(target) }),
    onDataChanged: (listener) => opened.onDataChanged(listener),
    onWake: onWake(powerMonitor),
    writesPaused: opened.writesPaused,
  });
  // A read-only book (damaged, or on a read-only disk) cannot record which reminders it showed:
  // they would come back at every check. The window still lists them, with the banner saying why.
  if (opened.storage().writable) reminders.start();
}

// One instance per user: a second launch shows the first one's window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (fieldbook && !argv.includes(hiddenFlag)) mainWindow.show();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('activate', () => {
    if (fieldbook) mainWindow.show();
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
    fieldbook?.close();
    fieldbook = undefined;
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
