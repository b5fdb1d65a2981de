import {
  createApiClient,
  type ApiClient,
  type ApiEvents,
  type ApiHandlers,
  type OperationName,
} from '../shared/api';
import { ApiError } from '../shared/errors';
import type { RequestContext } from '../shared/types';
import { openDatabase, type Db, type OpenOptions } from './connection';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers } from './handlers';
import type { SecretProtector } from './syncSecret';

/**
 * Fieldbook's back end as one object: the database, the handler table, the dispatcher every
 * transport uses, and change notifications for open windows.
 */
export interface Fieldbook {
  readonly db: Db;
  readonly handlers: ApiHandlers;
  readonly dispatch: Dispatch;
  /** An in-process typed client (CLI, tests): same validation as IPC, errors thrown as ApiError. */
  client(context: RequestContext): ApiClient;
  onDataChanged(listener: (operation: OperationName) => void): () => void;
  /**
   * Progress of an import being applied. The apply is synchronous, so in Electron's main process
   * the events are sent while it runs but the window may only paint them once it ends (a worker
   * thread is the later fix); in preview mode they reach the page after the apply.
   */
  onImportProgress(listener: (event: ApiEvents['import.progress']) => void): () => void;
  close(): void;
}

export interface FieldbookOptions extends OpenOptions {
  /**
   * Protects the team passphrase on disk (Electron's safeStorage). Without one, a passphrase
   * set with `sync.setPassphrase` lives in memory until this book is closed.
   */
  readonly secrets?: SecretProtector;
}

export async function openFieldbook(path: string, options: FieldbookOptions = {}): Promise<Fieldbook> {
  const { secrets, ...openOptions } = options;
  const db = await openDatabase(path, openOptions);
  const progressListeners = new Set<(event: ApiEvents['import.progress']) => void>();
  const handlers = createHandlers(db, {
    secrets,
    imports: {
      progress: (event) => {
        for (const listener of progressListeners) listener(event);
      },
    },
  });
  const listeners = new Set<(operation: OperationName) => void>();
  const dispatch = createDispatch(handlers, (operation) => {
    for (const listener of listeners) listener(operation);
  });
  return {
    db,
    handlers,
    dispatch,
    client: (context) =>
      createApiClient((name, input) => {
        const result = dispatch(name, input, context);
        return result.ok ? Promise.resolve(result.value) : Promise.reject(ApiError.fromData(result.error));
      }),
    onDataChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onImportProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    close: () => db.close(),
  };
}
