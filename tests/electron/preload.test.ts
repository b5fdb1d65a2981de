import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../db/dispatch';
import { registerApi, type SenderEvent } from '../../electron/ipc';
import { operationNames, type ApiHandlers } from '../../shared/api';
import type { FieldbookBridge } from '../../shared/bridge';

type Listener = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn<(channel: string, input: unknown) => Promise<unknown>>(),
    on: vi.fn<(channel: string, listener: Listener) => void>(),
    removeListener: vi.fn<(channel: string, listener: Listener) => void>(),
  },
}));
vi.mock('electron', () => electron);

let bridge: FieldbookBridge;
/** The bridge as a page sees it: any name can be passed, typed or not. */
let untyped: {
  invoke(operation: string, input?: unknown): Promise<unknown>;
  on(event: string, f: () => void): void;
};

beforeAll(async () => {
  await import('../../electron/preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
  expect(key).toBe('fieldbook');
  bridge = exposed as FieldbookBridge;
  untyped = exposed as typeof untyped;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('preload bridge', () => {
  it('exposes invoke and on, and nothing else', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards a known operation to its channel and returns main’s result', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: 'hits' });
    await expect(bridge.invoke('lookup.search', { query: 'zs' })).resolves.toEqual({
      ok: true,
      value: 'hits',
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('fieldbook:lookup.search', { query: 'zs' });
  });

  it('refuses names outside the contract without touching IPC', async () => {
    for (const name of [
      'accounts.purge',
      'constructor',
      '__proto__',
      'toString',
      '',
      'fieldbook:accounts.get',
    ]) {
      await expect(untyped.invoke(name, {}), name).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_OPERATION' },
      });
    }
    await expect(untyped.invoke(42 as unknown as string)).resolves.toMatchObject({ ok: false });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed IPC call into an error result instead of a rejection', async () => {
    electron.ipcRenderer.invoke.mockRejectedValue(
      new Error("No handler registered for 'fieldbook:accounts.get'"),
    );
    await expect(bridge.invoke('accounts.get', { id: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('subscribes to known events, passes only the payload, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.on('data.changed', listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls[0] ?? [];
    expect(channel).toBe('fieldbook-event:data.changed');

    forward?.({ sender: 'the IPC event' }, { entities: ['accounts'] });
    expect(listener).toHaveBeenCalledWith({ entities: ['accounts'] });
    expect(listener.mock.calls[0]).toHaveLength(1);

    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('fieldbook-event:data.changed', forward);
  });

  it('refuses unknown events', () => {
    for (const name of ['accounts.create', 'toString', 'data.changed ']) {
      expect(() => untyped.on(name, () => {}), name).toThrow(/Unknown event/);
    }
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('reaches the handlers main registers, on the same channel names', async () => {
    const ipcMain = { handlers: new Map<string, unknown>() };
    const handlers = Object.fromEntries(operationNames.map((name) => [name, vi.fn(() => name)]));
    const unregister = registerApi(
      {
        handle: (channel, handler) => void ipcMain.handlers.set(channel, handler),
        removeHandler: (channel) => void ipcMain.handlers.delete(channel),
      },
      createDispatch(handlers as unknown as ApiHandlers),
      { isTrustedSender: () => true, context: () => ({ actor: 'm001' }) },
    );
    electron.ipcRenderer.invoke.mockImplementation(async (channel, input) => {
      const handler = ipcMain.handlers.get(channel) as (event: SenderEvent, input: unknown) => unknown;
      return handler({} as SenderEvent, input);
    });

    for (const name of operationNames) {
      const result = await bridge.invoke(name, {});
      // Every operation arrives; empty input is either valid (a handler ran) or rejected by zod.
      expect(result.ok ? result.value : result.error.code, name).toMatch(
        new RegExp(`^(${name}|VALIDATION_FAILED)$`),
      );
    }
    unregister();
  });
});
