import type { ApiEvents, EventName, OperationName } from './api';
import type { ApiResult } from './errors';

/**
 * What the preload script exposes to the renderer as `window.fieldbook`: the only door from a
 * window to the data. Types only, so the preload, the renderer and the preview shim agree on it.
 */
export interface FieldbookBridge {
  /** Runs one operation; resolves to its result, never rejects. Unknown names are refused. */
  invoke(operation: OperationName, input: unknown): Promise<ApiResult<unknown>>;
  /** Listens to an event main pushes; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}
