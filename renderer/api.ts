import { createApiClient, type ApiClient } from '../shared/api';
import type { FieldbookBridge } from '../shared/bridge';
import { ApiError } from '../shared/errors';

/**
 * The typed client over the bridge: `{ ok: false }` results become thrown `ApiError`s, so
 * callers `await api.lookup.search(...)` and catch typed codes.
 */
export function createBridgeClient(bridge: () => FieldbookBridge): ApiClient {
  return createApiClient(async (name, input) => {
    const result = await bridge().invoke(name, input);
    if (result.ok) return result.value;
    throw ApiError.fromData(result.error);
  });
}

/** Looked up on each call, so importing this module never needs the bridge to exist yet. */
export const api = createBridgeClient(() => window.fieldbook);
