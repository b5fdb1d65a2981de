import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isOperationName, type EventName } from '../shared/api';
import type { FieldbookBridge } from '../shared/bridge';
import { ApiError, type ApiResult } from '../shared/errors';
import { eventChannel, operationChannel } from './channels';

/**
 * The whole surface a window gets: `invoke` for the contract's operations and `on` for its
 * events, nothing else. Names are checked here too, so a compromised page cannot reach other
 * IPC channels through this bridge; main still checks the sender and validates every input.
 */
const events: Readonly<Record<EventName, true>> = {
  'data.changed': true,
  'reminder.activated': true,
  'import.progress': true,
  'sync.progress': true,
  'session.changed': true,
};
const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);

const failure = (code: 'UNKNOWN_OPERATION' | 'INTERNAL', message: string): ApiResult<never> => ({
  ok: false,
  error: new ApiError(code, message).toData(),
});

const bridge: FieldbookBridge = {
  invoke(operation, input) {
    if (typeof operation !== 'string' || !isOperationName(operation)) {
      return Promise.resolve(failure('UNKNOWN_OPERATION', `Unknown operation ${String(operation)}`));
    }
    return (ipcRenderer.invoke(operationChannel(operation), input) as Promise<ApiResult<unknown>>).catch(() =>
      failure('INTERNAL', `${operation} did not reach Fieldbook`),
    );
  },
  on(event, listener) {
    if (!isEventName(event)) throw new TypeError(`Unknown event ${String(event)}`);
    const channel = eventChannel(event);
    // The IPC event object is not passed on: it carries the sender, which a page must not see.
    const forward = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('fieldbook', bridge);
