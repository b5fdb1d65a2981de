import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { operationNames, type ApiEvents, type EventName, type OperationName } from '../shared/api';
import { ApiError, type ApiResult } from '../shared/errors';
import type { RequestContext } from '../shared/types';
import type { FaultLog } from '../db/faultLog';
import { toApiError } from '../db/faults';
import { eventChannel, operationChannel } from './channels';
import { isRendererUrl } from './windowOptions';

/** How an operation is run: the service's `call` (long ones on the job thread), or a plain dispatch. */
export type CallOperation = (
  name: string,
  input: unknown,
  context: RequestContext,
) => ApiResult<unknown> | Promise<ApiResult<unknown>>;

/** The parts of an IPC call the sender check looks at. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export interface RegisterApiOptions {
  /** Whether the call comes from a frame we trust; anything else gets FORBIDDEN. */
  readonly isTrustedSender: (event: SenderEvent) => boolean;
  /** Who is acting, as recorded in the audit log. */
  readonly context: (event: SenderEvent) => RequestContext;
  /** Where the stack of a call that threw goes (the fault log beside the book). */
  readonly log?: FaultLog;
}

const forbidden = (name: OperationName): ApiResult<never> => ({
  ok: false,
  error: new ApiError('FORBIDDEN', `${name} was called from a page that is not Fieldbook`).toData(),
});

/**
 * Registers every operation of the contract as its own `ipcMain.handle` channel. Each call is
 * checked for its sender first, then goes through `call` (the dispatcher), which validates the input with
 * the contract's zod schema before any handler runs. A handler always answers with an
 * `ApiResult`, never a thrown error (Electron would pass a raw stack to the window).
 * Returns a function that removes the handlers again.
 */
export function registerApi(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  call: CallOperation,
  options: RegisterApiOptions,
): () => void {
  for (const name of operationNames) {
    ipcMain.handle(
      operationChannel(name),
      (event: IpcMainInvokeEvent, input: unknown): ApiResult<unknown> | Promise<ApiResult<unknown>> => {
        // The window gets the code (a storage fault typed, else INTERNAL), the log the stack.
        const internal = (error: unknown): ApiResult<never> => {
          if (options.log) options.log(`ipc ${name}`, error);
          else console.error(`[ipc ${name}]`, error);
          return { ok: false, error: toApiError(error, name).toData() };
        };
        try {
          if (!options.isTrustedSender(event)) return forbidden(name);
          const result = call(name, input, options.context(event));
          return result instanceof Promise ? result.catch(internal) : result;
        } catch (error) {
          return internal(error);
        }
      },
    );
  }
  return () => {
    for (const name of operationNames) ipcMain.removeHandler(operationChannel(name));
  };
}

/**
 * The sender check main uses: the call must come from the main frame (not an iframe) of a
 * window we created, while that frame shows our renderer page.
 */
export function createSenderCheck(
  rendererUrl: string,
  isOurWindow: (sender: WebContents) => boolean,
): (event: SenderEvent) => boolean {
  return ({ sender, senderFrame }) =>
    senderFrame !== null &&
    senderFrame.parent === null &&
    !senderFrame.detached &&
    isOurWindow(sender) &&
    senderFrame.frameToken === sender.mainFrame.frameToken &&
    isRendererUrl(senderFrame.url, rendererUrl);
}

/** Pushes an event to windows; windows that have closed meanwhile are skipped. */
export function sendEvent<E extends EventName>(
  targets: Iterable<Pick<WebContents, 'send' | 'isDestroyed'>>,
  event: E,
  payload: ApiEvents[E],
): void {
  for (const contents of targets) {
    if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
  }
}

/** What a write changed, as windows hear it: the domain of the operation (`visits.create` → visits). */
export function dataChangedEvent(operation: OperationName): ApiEvents['data.changed'] {
  const [entity = operation] = operation.split('.');
  return { entities: [entity] };
}
