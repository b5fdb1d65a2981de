import { dataKeyOf, ipcCall, seedBook, signIn } from './signedIn';
import { openCopy } from '../../db/cipher';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appName, databaseFileName } from '../../db/paths';
import type { OperationName } from '../../shared/api';
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeElectron } from './fakeElectron';

/*
 * electron/main.ts on a damaged book: it starts read-only, the window can ask why (storage.get),
 * writes are refused, and no reminder is notified (it could not be marked as shown, so it would
 * come back at every check).
 */
vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const { app } = fakeElectron;
let directory: string;
let window: FakeBrowserWindow;

const call = (name: OperationName, input: unknown) => ipcCall(window)(name, input);

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-main-damaged-'));
  app.paths.set('appData', directory);
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 9, 20, 9, 0));
  mkdirSync(join(directory, appName));
  const path = join(directory, appName, databaseFileName);
  await seedBook(path, async (api) => {
    await api.settings.update({ language: 'en' });
    for (let n = 0; n < 40; n++) {
      const account = await api.accounts.create({ kind: 'person', name: `李四${n}` });
      await api.anniversaries.create({
        accountId: account.id,
        kind: 'birthday',
        calendar: 'gregorian',
        month: 10,
        day: 20,
      });
    }
  });
  // Noise over a page of an index the app does not read at start.
  // The book is encrypted: read with its key where the page is; damage the file's bytes.
  const sqlite = openCopy(path, await dataKeyOf(path));
  const page = Number(
    sqlite
      .prepare("SELECT max(pageno) FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf'")
      .pluck()
      .get(),
  );
  const size = Number(sqlite.pragma('page_size', { simple: true }));
  sqlite.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(size, 0x3c), 0, size, (page - 1) * size);
  closeSync(fd);

  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await import('../../electron/main');
  await vi.waitFor(() => expect(FakeTray.instances).toHaveLength(1));
  [window = new FakeBrowserWindow()] = FakeBrowserWindow.instances;
  await signIn(window);
});

afterAll(() => {
  app.emit('before-quit');
  app.emit('will-quit');
  vi.useRealTimers();
  rmSync(directory, { recursive: true, force: true });
});

describe('main process on a damaged book', () => {
  it('starts, read-only, and the window can ask why', async () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(await call('storage.get', {})).toMatchObject({
      ok: true,
      value: { writable: false, reason: 'damaged' },
    });
    expect(await call('lookup.search', { query: '李四1' })).toMatchObject({ ok: true });
    expect(await call('accounts.create', { kind: 'person', name: '王五' })).toMatchObject({
      ok: false,
      error: { code: 'DB_CORRUPT' },
    });
  });

  it('notifies no reminder it could not mark as shown', async () => {
    await vi.advanceTimersByTimeAsync(2 * 60 * 60 * 1000);
    expect(FakeNotification.instances).toEqual([]);
  });
});
