import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { operationChannel } from '../../electron/channels';
import { registerApi, type CallOperation, type SenderEvent } from '../../electron/ipc';
import type { OperationName } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import { holdWriteLock, killLockers } from './helpers';

/** Electron's transport: a window's Save on a locked book gets DB_BUSY; stacks go to the log. */
type Handler = (event: SenderEvent, input: unknown) => ApiResult<unknown> | Promise<ApiResult<unknown>>;

const handlers = new Map<string, Handler>();
const fakeIpcMain = {
  handle: (channel: string, handler: unknown) => void handlers.set(channel, handler as Handler),
  removeHandler: (channel: string) => void handlers.delete(channel),
} as unknown as Parameters<typeof registerApi>[0];
const event = { sender: {}, senderFrame: {} } as unknown as SenderEvent;

function invoke(name: OperationName, input: unknown) {
  const handler = handlers.get(operationChannel(name));
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event, input);
}

let directory: string;
let book: Fieldbook;
let unregister = () => {};

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-faults-ipc-'));
  book = await openFieldbook(join(directory, 'fieldbook.db'), { busyTimeoutMs: 1000 });
});
afterEach(() => {
  unregister();
  killLockers();
  book.close();
  rmSync(directory, { recursive: true, force: true });
});

function register(call: CallOperation) {
  unregister = registerApi(fakeIpcMain, call, {
    isTrustedSender: () => true,
    context: () => ({ actor: 'm001' }),
    log: book.log,
  });
}

describe('storage faults over IPC', () => {
  it('a Save on a book another process has locked answers DB_BUSY', async () => {
    register(book.call);
    const lock = await holdWriteLock(book.db.path, 'IMMEDIATE');
    const result = await invoke('accounts.create', { kind: 'person', name: '张三' });
    await lock.release();
    expect(result).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } });
    expect(await invoke('accounts.create', { kind: 'person', name: '张三' })).toMatchObject({ ok: true });
  });

  it('a fault thrown past the dispatcher is typed for the window and its stack logged, not printed', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      register(() => {
        throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
      });
      expect(await invoke('visits.create', {})).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
      register(() => Promise.reject(new Error('the job thread went away')));
      expect(await invoke('stats.rebuild', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
    const log = readFileSync(join(directory, 'fieldbook.log'), 'utf8');
    expect(log).toContain('[ipc visits.create] SqliteError: database or disk is full');
    expect(log).toContain('[ipc stats.rebuild] Error: the job thread went away');
  });
});
