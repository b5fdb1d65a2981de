import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { createDispatch } from '../../db/dispatch';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { eventChannel, operationChannel } from '../../electron/channels';
import {
  createSenderCheck,
  dataChangedEvent,
  registerApi,
  sendEvent,
  type RegisterApiOptions,
  type SenderEvent,
} from '../../electron/ipc';
import { operationNames, type ApiHandlers, type OperationName } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';

type Handler = (event: SenderEvent, input: unknown) => ApiResult<unknown>;

// The real module would download Electron's binary; ipc.ts must not need it at run time.
const fakeIpcMain = vi.hoisted(() => {
  const handlers = new Map<string, unknown>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
});
vi.mock('electron', () => ({ ipcMain: fakeIpcMain }));

const rendererUrl = pathToFileURL(join(tmpdir(), 'Fieldbook app', 'dist', 'renderer', 'index.html')).href;
const trusted = { sender: {}, senderFrame: {} } as unknown as SenderEvent;
const options = (overrides: Partial<RegisterApiOptions> = {}): RegisterApiOptions => ({
  isTrustedSender: () => true,
  context: () => ({ actor: 'm001' }),
  ...overrides,
});

function call(name: OperationName, input: unknown, event: SenderEvent = trusted): ApiResult<unknown> {
  const handler = fakeIpcMain.handlers.get(operationChannel(name)) as Handler | undefined;
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event, input);
}

function spyHandlers() {
  const spies = Object.fromEntries(operationNames.map((name) => [name, vi.fn(() => ({ from: name }))]));
  return spies as unknown as ApiHandlers & Record<OperationName, Mock>;
}

let unregister: () => void = () => {};

beforeEach(() => {
  fakeIpcMain.handlers.clear();
  vi.clearAllMocks();
});

afterEach(() => unregister());

describe('registerApi', () => {
  it('registers every operation of the contract exactly once, on its own channel', () => {
    unregister = registerApi(fakeIpcMain, createDispatch(spyHandlers()), options());
    const channels = fakeIpcMain.handle.mock.calls.map(([channel]) => channel);
    expect(channels).toHaveLength(operationNames.length);
    expect(new Set(channels).size).toBe(operationNames.length);
    expect(channels.sort()).toEqual(operationNames.map((name) => `fieldbook:${name}`).sort());
  });

  it('removes every handler again when unregistered', () => {
    registerApi(fakeIpcMain, createDispatch(spyHandlers()), options())();
    expect(fakeIpcMain.handlers.size).toBe(0);
    expect(fakeIpcMain.removeHandler).toHaveBeenCalledTimes(operationNames.length);
  });

  it('rejects invalid input before any handler runs', () => {
    const handlers = spyHandlers();
    unregister = registerApi(fakeIpcMain, createDispatch(handlers), options());

    const result = call('lookup.search', { query: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(!result.ok && result.error.issues?.[0]?.path).toEqual(['query']);
    expect(call('lookup.search', { query: 'zs', sneaky: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    for (const name of operationNames) {
      expect(call(name, 'not an object'), name).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('passes valid input, parsed with its defaults, and the caller to the handler', () => {
    const handlers = spyHandlers();
    unregister = registerApi(fakeIpcMain, createDispatch(handlers), options());

    expect(call('lookup.search', { query: 'zs' })).toEqual({ ok: true, value: { from: 'lookup.search' } });
    expect(handlers['lookup.search']).toHaveBeenCalledTimes(1);
    expect(handlers['lookup.search']).toHaveBeenCalledWith(
      { query: 'zs', limit: 20, includeArchived: true },
      { actor: 'm001' },
    );
  });

  it('answers an untrusted sender with FORBIDDEN and dispatches nothing', () => {
    const handlers = spyHandlers();
    const dispatch = vi.fn(createDispatch(handlers));
    unregister = registerApi(fakeIpcMain, dispatch, options({ isTrustedSender: () => false }));

    expect(call('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call('lookup.search', { query: 42 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(handlers['accounts.list']).not.toHaveBeenCalled();
  });

  it('answers INTERNAL, not a thrown error, when the sender check itself fails', () => {
    const dispatch = vi.fn(createDispatch(spyHandlers()));
    const isTrustedSender = () => {
      throw new Error('frame disposed');
    };
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    unregister = registerApi(fakeIpcMain, dispatch, options({ isTrustedSender }));

    expect(call('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(dispatch).not.toHaveBeenCalled();
    quiet.mockRestore();
  });
});

describe('registerApi over a real database', () => {
  let directory: string;
  let fieldbook: Fieldbook;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'fieldbook-ipc-'));
    fieldbook = await openFieldbook(join(directory, 'test.db'));
  });

  afterEach(() => {
    fieldbook.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes and finds an account, and tells windows what changed', () => {
    const window = { send: vi.fn(), isDestroyed: () => false };
    const closed = { send: vi.fn(), isDestroyed: () => true };
    fieldbook.onDataChanged((operation) =>
      sendEvent([window, closed], 'data.changed', dataChangedEvent(operation)),
    );
    const search = vi.spyOn(fieldbook.handlers, 'lookup.search');
    unregister = registerApi(fakeIpcMain, fieldbook.dispatch, options());

    const created = call('accounts.create', {
      kind: 'person',
      name: '曾小芳',
      phones: [{ number: '138 0013 8000' }],
    });
    expect(created).toMatchObject({ ok: true, value: { name: '曾小芳', kind: 'person' } });
    expect(window.send).toHaveBeenCalledWith(eventChannel('data.changed'), { entities: ['accounts'] });
    expect(closed.send).not.toHaveBeenCalled();

    const found = call('lookup.search', { query: 'zxf' });
    expect(search).toHaveBeenCalledTimes(1);
    expect(found.ok && (found.value as { hits: { account: { name: string } }[] }).hits[0]?.account.name).toBe(
      '曾小芳',
    );
    // Reads are not announced.
    expect(window.send).toHaveBeenCalledTimes(1);

    expect(call('accounts.create', { kind: 'person' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const audit = call('audit.list', {});
    const actors = audit.ok ? (audit.value as { actor: string }[]).map((entry) => entry.actor) : [];
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set(['m001']));
  });
});

describe('createSenderCheck', () => {
  const ourWindow = { mainFrame: { frameToken: 'main' } };
  const frame = (overrides: Record<string, unknown> = {}) => ({
    url: rendererUrl,
    parent: null,
    detached: false,
    frameToken: 'main',
    ...overrides,
  });
  const event = (senderFrame: unknown, sender: unknown = ourWindow) =>
    ({ sender, senderFrame }) as SenderEvent;
  const check = createSenderCheck(rendererUrl, (sender) => (sender as unknown) === ourWindow);

  it('trusts the main frame of our window showing our page', () => {
    expect(check(event(frame()))).toBe(true);
    expect(check(event(frame({ url: `${rendererUrl}#/accounts?tab=visits` })))).toBe(true);
  });

  it('refuses other windows, subframes, other pages and vanished frames', () => {
    expect(check(event(frame(), { mainFrame: { frameToken: 'main' } }))).toBe(false);
    expect(check(event(frame({ parent: frame(), frameToken: 'child' })))).toBe(false);
    expect(check(event(frame({ frameToken: 'other' })))).toBe(false);
    expect(check(event(frame({ detached: true })))).toBe(false);
    expect(check(event(frame({ url: 'https://example.com/index.html' })))).toBe(false);
    expect(check(event(frame({ url: pathToFileURL(join(tmpdir(), 'evil.html')).href })))).toBe(false);
    expect(check(event(null))).toBe(false);
  });
});

describe('dataChangedEvent', () => {
  it('names the domain an operation wrote', () => {
    expect(dataChangedEvent('visits.create')).toEqual({ entities: ['visits'] });
    expect(dataChangedEvent('phones.delete')).toEqual({ entities: ['phones'] });
  });
});
