import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import {
  createApiClient,
  type ApiClient,
  type ApiEvents,
  type ApiHandlers,
  isOperationName,
  type OperationName,
  type ProgressEvent,
} from '../shared/api';
import { ApiError, type ApiResult } from '../shared/errors';
import type { RequestContext } from '../shared/types';
import { openDatabase, type Db, type OpenOptions } from './connection';
import { createDispatch, holdsWriteLock, isReadOperation, type Dispatch } from './dispatch';
import { createFaultLog, faultLogBeside, type FaultLog } from './faultLog';
import { openFault, toApiError } from './faults';
import { createHandlers } from './handlers';
import { createJobRunner, jobOperations, type JobThreadScript } from './jobs/runner';
import { claimNode, homeOf } from './sync/node';
import { createPassphraseKeeper, type SecretProtector } from './syncSecret';

/**
 * Fieldbook's back end as one object: the database, the handler table, the dispatcher every
 * transport uses, and change notifications for open windows.
 */
export interface Fieldbook {
  readonly db: Db;
  readonly handlers: ApiHandlers;
  readonly dispatch: Dispatch;
  /**
   * What windows call (IPC, preview mode): `dispatch`, except that with a job thread the long
   * operations (`jobOperations`) run there, and other writes are refused with BUSY while a
   * write runs there (they would wait for its transaction, holding up this thread).
   */
  call(name: string, input: unknown, context: RequestContext): Promise<ApiResult<unknown>>;
  /** Whether a write is running on the job thread (reminders then wait before writing theirs). */
  writesPaused(): boolean;
  /** An in-process typed client (CLI, tests): same validation as IPC, errors thrown as ApiError. */
  client(context: RequestContext): ApiClient;
  onDataChanged(listener: (operation: OperationName) => void): () => void;
  /** Progress of an import being applied (from the job thread while it runs, when there is one). */
  onImportProgress(listener: (event: ApiEvents['import.progress']) => void): () => void;
  /** Progress of every long job (imports, sync files), named as the window event it becomes. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Closes the book; a job thread closes its connection after the job it is running, if any. */
  close(): void;
  /** Records a stack in the fault log (`logFile`), for failures outside the dispatcher. */
  readonly log: FaultLog;
}

export interface FieldbookOptions extends OpenOptions {
  /**
   * Protects the team passphrase on disk (Electron's safeStorage). Without one, a passphrase
   * set with `sync.setPassphrase` lives in memory until this book is closed.
   */
  readonly secrets?: SecretProtector;
  /**
   * Runs the long operations on a worker thread started from this script (db/jobs/thread.ts,
   * bundled or through db/jobs/fromSource.ts). Without one, everything runs on the caller's thread.
   */
  readonly jobThread?: JobThreadScript;
  /**
   * Where stacks of failed operations go (storage faults, bugs): users see a code, support reads
   * this file. Default: `fieldbook.log` beside the book.
   */
  readonly logFile?: string;
}

/**
 * Opens the book; a storage fault on the way (locked, read-only, damaged…) is thrown as its
 * typed `ApiError`, its stack written to the fault log.
 */

export async function openFieldbook(path: string, options: FieldbookOptions = {}): Promise<Fieldbook> {
  const { secrets, jobThread, logFile = faultLogBeside(path), ...openOptions } = options;
  const log = createFaultLog(logFile);
  const db = await openLogged(path, openOptions, log);
  const progressListeners = new Set<(event: ProgressEvent) => void>();
  const progress = (event: ProgressEvent) => {
    for (const listener of progressListeners) listener(event);
  };
  const passphrase = createPassphraseKeeper(db, secrets);
  const handlers = createHandlers(db, {
    passphrase,
    imports: { progress: (payload) => progress({ name: 'import.progress', payload }) },
    syncProgress: (payload) => progress({ name: 'sync.progress', payload }),
  });
  const listeners = new Set<(operation: OperationName) => void>();
  const changed = (operation: OperationName) => {
    for (const listener of listeners) listener(operation);
  };
  const dispatch = createDispatch(handlers, changed, log);
  const jobs = jobThread
    ? createJobRunner({ script: jobThread, path, openOptions, logFile, onProgress: progress, log })
    : null;
  const writesPaused = () => jobs?.pending().some(holdsWriteLock) ?? false;

  const route = async (
    name: string,
    input: unknown,
    context: RequestContext,
  ): Promise<ApiResult<unknown>> => {
    if (!jobs || !isOperationName(name)) return dispatch(name, input, context);
    if (!jobOperations.has(name)) {
      if (!isReadOperation(name) && writesPaused()) {
        const running = jobs.pending().find(holdsWriteLock) ?? name;
        return {
          ok: false,
          error: new ApiError('BUSY', `${running} is still running; try again when it has finished`, {
            details: { running },
          }).toData(),
        };
      }
      return dispatch(name, input, context);
    }
    let sent = input;
    // The job thread has no access to the OS keyring: the device's passphrase goes with the call.
    if (name.startsWith('sync.') && isPlainObject(input) && input['passphrase'] === undefined) {
      try {
        sent = { ...input, passphrase: passphrase.resolve(undefined) };
      } catch (error) {
        if (error instanceof ApiError) return { ok: false, error: error.toData() };
        throw error;
      }
    }
    const result = await jobs.run(name, sent, context);
    if (result.ok && !isReadOperation(name)) changed(name);
    return result;
  };
  // Windows get a result for every call, typed, whatever failed on the way (the keyring read,
  // the job thread): never a rejected promise with a stack.
  const call = (name: string, input: unknown, context: RequestContext): Promise<ApiResult<unknown>> =>
    route(name, input, context).catch((error: unknown) => {
      log(name, error);
      return { ok: false, error: toApiError(error, name).toData() };
    });

  return {
    db,
    handlers,
    dispatch,
    call,
    writesPaused,
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
      const forward = (event: ProgressEvent) => {
        if (event.name === 'import.progress') listener(event.payload);
      };
      progressListeners.add(forward);
      return () => progressListeners.delete(forward);
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    close() {
      if (jobs) void jobs.close();
      db.close();
    },
    log,
  };
}

async function openLogged(path: string, options: OpenOptions, log: FaultLog): Promise<Db> {
  let db: Db | undefined;
  try {
    db = await openDatabase(path, options);
    const home = options.readonly ? null : homeOf(path);
    // A copy of another device's book takes a node id of its own before anything writes.
    if (home !== null) claimNode(db, home, 'fieldbook');
    return db;
  } catch (error) {
    db?.close();
    log('open', error);
    throw openFault(error, () => isWritable(dirname(path))) ?? error;
  }
}

function isWritable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
