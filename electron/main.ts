import { app, BrowserWindow, dialog, ipcMain, session, type Session, type WebContents } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OpenOptions } from '../db/connection';
import { appName, databaseFileName } from '../db/paths';
import { actorOf } from '../db/handlers/settings';
import { openFieldbook, type Fieldbook } from '../db/service';
import { createSenderCheck, dataChangedEvent, registerApi, sendEvent } from './ipc';
import { electronNativeBindingPath } from './nativeBinding';
import { contentSecurityPolicy, createWindowOptions, isRendererUrl } from './windowOptions';

/*
 * The Electron main process: windows, session hardening and IPC wiring, nothing more. Every
 * rule about data lives in db/ and shared/.
 */

// This bundle is dist/electron/main.cjs; the renderer build sits next to it in dist/renderer/.
const preloadPath = join(__dirname, 'preload.cjs');
const rendererFile = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererFile).href;
const projectRoot = resolve(__dirname, '..', '..');

const windows = new Set<BrowserWindow>();
let fieldbook: Fieldbook | undefined;

// The same folder the CLI uses (db/paths.ts), whatever package.json calls the app in development.
app.setName(appName);
app.setPath('userData', join(app.getPath('appData'), appName));
app.enableSandbox();

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

function isOurWindow(sender: WebContents): boolean {
  const window = BrowserWindow.fromWebContents(sender);
  return window !== null && windows.has(window);
}

function createWindow(): void {
  const window = new BrowserWindow(createWindowOptions(preloadPath));
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererFile);
}

function focusWindow(): void {
  const [window] = windows;
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const dataDirectory = app.getPath('userData');
  mkdirSync(dataDirectory, { recursive: true });
  fieldbook = await openFieldbook(join(dataDirectory, databaseFileName), driverOptions());
  const opened = fieldbook;
  const fallbackActor = osUser();
  registerApi(ipcMain, opened.dispatch, {
    isTrustedSender: createSenderCheck(rendererUrl, isOurWindow),
    // Who is writing: the manager code set in Settings, else the OS user.
    context: () => ({ actor: actorOf(opened.db, fallbackActor) }),
  });
  fieldbook.onDataChanged((operation) => {
    const targets = [...windows]
      .filter((window) => !window.isDestroyed())
      .map((window) => window.webContents);
    sendEvent(targets, 'data.changed', dataChangedEvent(operation));
  });
  createWindow();
}

// One instance per user: a second launch focuses the first window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('activate', () => {
    if (fieldbook && windows.size === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
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
