import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, inject, onTestFinished, TestRunner } from 'vitest';
import { createAccessGate, type AccessGate } from '../../db/access/gate';
import { actorOf } from '../../db/handlers/settings';
import { jobThreadFromSource } from '../../db/jobs/fromSource';
import { openBookBackend, startPreviewServer } from '../../db/preview/server';
import { openFieldbook, type Fieldbook } from '../../db/service';
import type { ApiClient } from '../../shared/api';
import { launchChromium } from './chromium';

/**
 * One end-to-end test's world: a fresh database file, the preview server on it (the same
 * dispatcher Electron uses, over loopback), and a fresh Chromium context on the real renderer.
 * The in-process client reaches the same database, to set the scene and to check what the UI
 * saved. Everything is closed when the test finishes; the browser once per file.
 */
export type Locale = 'zh-CN' | 'en';

export interface AppOptions {
  /** The browser's language; the app follows it until Settings says otherwise. */
  readonly locale?: Locale;
  /** The fallback manager code (as `--as`); default `m001`. */
  readonly actor?: string;
  /** Prepares the database through the API before the page opens. */
  readonly setup?: (api: ApiClient) => Promise<unknown>;
  /** Starts the page's clock (Date, timers) at this time, moved on by the test (`page.clock`). */
  readonly clock?: Date;
  /** How long a write waits for another process's lock before DB_BUSY (default: the app's 5 s). */
  readonly busyTimeoutMs?: number;
  /**
   * A laptop on its first start: nobody has said who uses it yet, so the app asks. Otherwise the
   * fallback manager (`actor`) has already answered.
   */
  readonly firstRun?: boolean;
  /** Makes the database file before the app opens it (an old, damaged or read-only book). */
  readonly book?: (databasePath: string) => Promise<void>;
  /** The browser's time zone (`Asia/Shanghai`); default the machine's. */
  readonly timezoneId?: string;
}

export interface App {
  readonly page: Page;
  /** In-process client on the test's database, acting as the same manager as the UI. */
  readonly api: ApiClient;
  readonly fieldbook: Fieldbook;
  readonly databasePath: string;
  /** Goes to a screen by its hash (`#/accounts`), as a link would. */
  goto(route: string): Promise<void>;
  /** Reloads the page and waits until the app is drawn again. */
  reload(): Promise<void>;
}

let browser: Promise<Browser> | undefined;
afterAll(async () => {
  await (await browser)?.close();
  browser = undefined;
});

const failureDirectory = join(process.cwd(), '.cache', 'e2e-failures');

export async function openApp(options: AppOptions = {}): Promise<App> {
  // No browser on this machine (./globalSetup.ts has said so, loudly): the test is skipped.
  if (inject('e2eSkipped')) TestRunner.getCurrentTest()?.context.skip('no Chromium on this machine');
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-e2e-'));
  const databasePath = join(directory, 'fieldbook.db');
  await options.book?.(databasePath);
  const fieldbook = await openFieldbook(databasePath, {
    jobThread: jobThreadFromSource,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
  });
  const fallbackActor = options.actor ?? 'm001';
  const actor = () => actorOf(fieldbook.db, fallbackActor);
  const api = fieldbook.client({ actor: fallbackActor });
  const preview = await startPreviewServer({
    backend: openBookBackend(fieldbook, actor),
    rendererDirectory: inject('rendererDirectory'),
  });
  browser ??= launchChromium();
  const context = await (
    await browser
  ).newContext({
    locale: options.locale ?? 'zh-CN',
    viewport: { width: 1280, height: 800 },
    ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
  });
  context.setDefaultTimeout(10_000);
  if (options.clock) await context.clock.install({ time: options.clock });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));

  onTestFinished(async ({ task }) => {
    try {
      if (task.result?.state === 'fail') {
        mkdirSync(failureDirectory, { recursive: true });
        const file = join(failureDirectory, `${task.name.replace(/[^\w-]+/g, '_')}.png`);
        await page.screenshot({ path: file }).then(
          () => console.error(`Screenshot of the failed test: ${file}`),
          () => undefined,
        );
      }
    } finally {
      await context.close();
      await preview.close();
      fieldbook.close();
      rmSync(directory, { recursive: true, force: true });
    }
    if (pageErrors.length > 0) throw new Error(`Uncaught errors in the page:\n${pageErrors.join('\n')}`);
  });

  if (!options.firstRun && !fieldbook.db.readonly && fieldbook.storage().writable)
    await api.settings.update({ managerCode: fallbackActor });
  await options.setup?.(api);
  const ready = () => page.getByRole('navigation').waitFor();
  await page.goto(preview.url);
  await ready();
  return {
    page,
    api,
    fieldbook,
    databasePath,
    async goto(route) {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, route);
    },
    async reload() {
      await page.reload();
      await ready();
    },
  };
}

export interface Door {
  readonly page: Page;
  readonly gate: AccessGate;
  readonly databasePath: string;
}

/**
 * The app as it ships: the preview server behind the sign-in door on a fresh book, so the page
 * starts at set-up (or, with `setUp`, at sign-in). For tests of sign-in, locks and roles.
 */
export async function openDoor(
  options: {
    readonly locale?: Locale;
    readonly setUp?: (gate: AccessGate) => Promise<unknown>;
    /** Makes the database file before the door opens it (a book from before sign-in). */
    readonly book?: (databasePath: string) => Promise<void>;
    /** The door's clock (idle minutes are counted on it); default the real one. */
    readonly now?: () => Date;
  } = {},
): Promise<Door> {
  if (inject('e2eSkipped')) TestRunner.getCurrentTest()?.context.skip('no Chromium on this machine');
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-e2e-'));
  const databasePath = join(directory, 'fieldbook.db');
  await options.book?.(databasePath);
  const gate = createAccessGate(databasePath, {
    jobThread: jobThreadFromSource,
    idleCheckMs: 0,
    ...(options.now ? { now: options.now } : {}),
  });
  await options.setUp?.(gate);
  const preview = await startPreviewServer({ backend: gate, rendererDirectory: inject('rendererDirectory') });
  browser ??= launchChromium();
  const context = await (
    await browser
  ).newContext({ locale: options.locale ?? 'zh-CN', viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  onTestFinished(async () => {
    await context.close();
    await preview.close();
    gate.close();
    rmSync(directory, { recursive: true, force: true });
  });
  await page.goto(preview.url);
  return { page, gate, databasePath };
}
