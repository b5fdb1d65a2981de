import { describe, expect, it, vi } from 'vitest';
import { createBridgeClient } from '../../renderer/api';
import type { FieldbookBridge } from '../../shared/bridge';
import { ApiError } from '../../shared/errors';

function fakeBridge(result: Awaited<ReturnType<FieldbookBridge['invoke']>>) {
  const bridge: FieldbookBridge = { invoke: vi.fn(() => Promise.resolve(result)), on: vi.fn(() => () => {}) };
  return bridge;
}

describe('renderer api client', () => {
  it('sends the operation name and input through the bridge and returns the value', async () => {
    const bridge = fakeBridge({ ok: true, value: { query: 'zs', kind: 'latin', hits: [] } });
    const api = createBridgeClient(() => bridge);
    await expect(api.lookup.search({ query: 'zs' })).resolves.toEqual({
      query: 'zs',
      kind: 'latin',
      hits: [],
    });
    expect(bridge.invoke).toHaveBeenCalledWith('lookup.search', { query: 'zs' });
  });

  it('throws an error result as a typed ApiError', async () => {
    const issues = [{ path: ['name'], code: 'too_small', message: 'Required' }];
    const api = createBridgeClient(() =>
      fakeBridge({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Invalid input', issues } }),
    );
    const error = await api.accounts.create({ kind: 'person', name: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', issues });
  });
});
