import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import {
  contract,
  createApiClient,
  type ApiClient,
  type ApiEvents,
  type ApiHandlers,
  isOperationName,
  type OperationName,
  type ProgressEvent,
} from '../shared/api';
import { ApiError, type ApiResult } from '../shared/errors';
import type { RequestContext, SessionState, StorageCheck, StorageStatus } from '../shared/types';
import { roleRefusal } from './access/roles';
import { scopeRefusal } from './access/scope';
import type { Db, OpenOptions } from './connection';
import { changesBook, createDispatch, holdsWriteLock, isReadOperation, type Dispatch } from './dispatch';
import { createFaultLog, faultLogBeside, type FaultLog } from './faultLog';
import { openFault, toApiError } from './faults';
import { createHandlers } from './handlers';
import { settleImports, unsettledImports } from './imports/settle';
import { createJobRunner, jobOperations, type JobThreadScript } from './jobs/runner';
import { scheduleDailyBackups, runRestore } from './backups/operations';
import { removeUpgradeCopy } from './bookFiles';
import { openBook, quickCheck } from './openBook';
import { claimNode, homeOf } from './sync/node';
import { createPassphraseKeeper, type SecretProtector } from './syncSecret';
import { beforeFirstWrite } from './write';
import type { Signer } from './access/signing';

/**
 * Fieldbook's back end as one object: the database, the handler table, the dispatcher every
 * transport uses, and change notifications for open windows.
 */
export interface Fieldbook {
  readonly db: Db;
  readonly handlers: ApiHandlers;
  readonly dispatch: Dispatch;
  /** Whether the book takes changes, and what opening it did (`storage.get`). */
  storage(): StorageStatus;
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
  /**
   * When the integrity check (`PRAGMA quick_check`, about 1.4 s per GB) of a current book runs:
   * - `open` (default): before `openFieldbook` returns;
   * - `background` (the app): on the job thread right after opening, so the window opens at once;
   *   writes wait for it (BUSY) and a damaged book turns read-only when it answers;
   * - `first-write` (the CLI): before the first write, so reads (a lookup) do not pay for it.
   * A book being upgraded is always checked during the upgrade.
   */
  readonly integrityCheck?: 'open' | 'background' | 'first-write';
  /** Takes the day's backup on the job thread while the book is open (the app). */
  readonly automaticBackups?: boolean;
  /** The signed-in user's signing key: sync files exported are signed with it (db/sync/signature.ts). */
  readonly signer?: Signer | undefined;
}

/**
 * Opens the book; a storage fault on the way (locked, read-only, damaged…) is thrown as its
 * typed `ApiError`, its stack written to the fault log.
 */

export async function openFieldbook(path: string, options: FieldbookOptions = {}): Promise<Fieldbook> {
  const {
    secrets,
    jobThread,
    logFile = faultLogBeside(path),
    integrityCheck: requestedCheck = 'open',
    automaticBackups = false,
    signer,
    ...openOptions
  } = options;
  // Without a job thread a background check would hold up this thread anyway: at open, then.
  const integrityCheck = requestedCheck === 'background' && !jobThread ? 'open' : requestedCheck;
  const log = createFaultLog(logFile);
  const opened = await openLogged(
    path,
    integrityCheck === 'open' ? openOptions : { ...openOptions, check: false },
    log,
  );
  const { db } = opened;
  let storage = opened.storage;
  /** The check found damage: from now on the book only reads, and windows are told. */
  const damaged = (problems: readonly string[]) => {
    storage = { ...storage, writable: false, reason: 'damaged', problems };
    // Whatever else writes on this connection (reminders, an export's audit entry) fails too.
    db.refuseWrites();
    changed('storage.check');
  };
  /** The check found the book sound: the copy kept from an earlier upgrade has proved itself. */
  const sound = () => {
    if (storage.notices.length === 0) removeUpgradeCopy(path);
  };
  const home = db.readonly ? null : homeOf(path);
  // Before the first write reads the clock: the check (CLI), then a copy of another device's
  // book takes a node id of its own. Opening it (and reading) writes nothing.
  beforeFirstWrite(db, () => {
    if (integrityCheck === 'first-write') {
      const problems = quickCheck(db.sqlite);
      if (problems.length > 0) {
        damaged(problems);
        throw writeRefusal(storage) ?? new Error('unreachable');
      }
      sound();
    }
    if (home !== null) claimNode(db, home, 'fieldbook');
  });
  const progressListeners = new Set<(event: ProgressEvent) => void>();
  const progress = (event: ProgressEvent) => {
    for (const listener of progressListeners) listener(event);
  };
  const passphrase = createPassphraseKeeper(db, secrets);
  const handlers = createHandlers(db, {
    passphrase,
    imports: { progress: (payload) => progress({ name: 'import.progress', payload }) },
    syncProgress: (payload) => progress({ name: 'sync.progress', payload }),
    storage: () => storage,
    signer,
  });
  const listeners = new Set<(operation: OperationName) => void>();
  const changed = (operation: OperationName) => {
    for (const listener of listeners) listener(operation);
  };
  const refusal = (name: string) => storageRefusal(storage)(name);
  const unguarded = createDispatch(
    handlers,
    changed,
    log,
    (name, input, user) => scopeRefusal(db, name, input, user),
    // No operation sees an import's bills without their record and roll-up (db/imports/settle.ts).
    // A book that cannot be written answers reads from what it holds (an import cut off before it
    // settled shows its bills without their roll-up there): read-only, damaged, or a settling that
    // fails now (a full disk) — that failure is logged, and writes still meet it.
    (name) => {
      if (name === 'imports.settle' || !storage.writable || db.readonly) return;
      try {
        settleImports(db);
      } catch (error) {
        if (!isReadOperation(name)) throw error;
        log(name, error);
      }
    },
  );
  const dispatch: Dispatch = (name, input, context) => {
    const refused = refusal(name);
    return refused ? { ok: false, error: refused.toData() } : unguarded(name, input, context);
  };
  // The job thread opens the book as this thread found it, and leaves checks and upgrades to it.
  const threadOptions: OpenOptions = {
    ...(openOptions.nativeBinding ? { nativeBinding: openOptions.nativeBinding } : {}),
    ...(openOptions.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: openOptions.busyTimeoutMs }),
    ...(openOptions.key ? { key: openOptions.key } : {}),
    readonly: db.readonly,
    secondary: true,
  };
  const jobs = jobThread
    ? createJobRunner({
        script: jobThread,
        path,
        openOptions: threadOptions,
        signer,
        logFile,
        onProgress: progress,
        log,
      })
    : null;
  /** The job thread records the bills of the import just applied and rolls them up (db/imports/settle.ts). */
  const settle = async () => {
    await jobs?.run('imports.settle', {}, { actor: 'fieldbook' });
  };
  let checking: Promise<void> | null = null;
  if (integrityCheck === 'background' && jobs && storage.writable) {
    checking = jobs.run('storage.check', {}, { actor: 'fieldbook' }).then((result) => {
      checking = null;
      if (!result.ok) log('storage.check', result.error.message);
      else if ((result.value as StorageCheck).problems.length > 0)
        damaged((result.value as StorageCheck).problems);
      else sound();
    });
  }
  const stopBackups =
    automaticBackups && jobs
      ? scheduleDailyBackups({
          db,
          ready: () => checking ?? Promise.resolve(),
          canRun: () => storage.writable && !writesPaused(),
          take: () => jobs.run('backups.create', { kind: 'daily' }, { actor: 'fieldbook' }),
          log,
        })
      : () => {};
  const writesPaused = () =>
    !storage.writable || checking !== null || (jobs?.pending().some(holdsWriteLock) ?? false);

  const route = async (
    name: string,
    input: unknown,
    context: RequestContext,
  ): Promise<ApiResult<unknown>> => {
    if (!isOperationName(name)) return dispatch(name, input, context);
    // A book opened without the sign-in door (db/access/gate.ts): open, with no one's limits.
    if (contract[name].settings.access === 'session' || name === 'users.add' || name === 'users.setPassword')
      return unguardedSession(name, context);
    // Where the connection is (the job thread, or a service without one), the service runs it.
    if (contract[name].settings.replacesBook && !jobs) {
      const refused = (context.user ? roleRefusal(name, context.user) : null) ?? refusal(name);
      if (refused) return { ok: false, error: refused.toData() };
      const result = await runRestore(db, input, context, log);
      if (result.ok) changed(name);
      return result;
    }
    if (!jobs) return dispatch(name, input, context);
    // A change waits for the integrity check (seconds, once after opening): it may find damage.
    if (checking && changesBook(name)) await checking;
    const refused = refusal(name);
    if (refused) return { ok: false, error: refused.toData() };
    // What an import left for the job thread to settle: wait for it there rather than do it here.
    if (name !== 'imports.settle' && (unsettledImports(db) || jobs.pending().includes('imports.settle')))
      await settle();
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
    // Its bills reach the statistics next, on the thread, while the window shows the result.
    if (result.ok && name === 'imports.apply') void settle();
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
    storage: () => storage,
    call,
    writesPaused,
    client: (context) =>
      createApiClient(async (name, input) => {
        const result = contract[name].settings.replacesBook
          ? await call(name, input, context)
          : dispatch(name, input, context);
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
      stopBackups();
      if (jobs) void jobs.close();
      db.close();
    },
    log,
  };
}

async function openLogged(
  path: string,
  options: OpenOptions,
  log: FaultLog,
): Promise<{ db: Db; storage: StorageStatus }> {
  try {
    return await openBook(path, options);
  } catch (error) {
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

/** What a book that takes no changes answers to a write: null if it takes changes. */
export function writeRefusal(storage: StorageStatus): ApiError | null {
  if (storage.writable) return null;
  if (storage.reason === 'damaged') {
    return new ApiError(
      'DB_CORRUPT',
      'This book is damaged and open read-only: changes are refused; search, view and export still work',
      { details: { problems: storage.problems, verifiedCopy: storage.verifiedCopy } },
    );
  }
  return new ApiError(
    'READ_ONLY',
    storage.reason === 'requested'
      ? 'This book is open read-only: changes are refused'
      : 'This book cannot be written here (its file, folder or disk is read-only): changes are refused',
    { details: { reason: storage.reason } },
  );
}

/**
 * The refusal for each operation that would change the book (`changesBook`): every write, a
 * sync export (it records what it exported) and a sync preview (the import, rolled back).
 */
function storageRefusal(storage: StorageStatus): (name: string) => ApiError | null {
  const error = writeRefusal(storage);
  if (error === null) return () => null;
  return (name) => (isOperationName(name) && changesBook(name) ? error : null);
}

/**
 * A book opened without the sign-in door answers `session.status` as open to whoever the
 * transport says is asking, with no limits; the rest of sign-in needs the door.
 */
function unguardedSession(name: OperationName, context: RequestContext): ApiResult<unknown> {
  if (name === 'session.status') {
    const user = context.user ?? { code: context.actor, name: context.actor, role: 'admin', owners: null };
    const state: SessionState = {
      state: 'open',
      user,
      guarded: false,
      autoLockMinutes: 0,
      failedSignIns: 0,
      unlockHere: 'unavailable',
    };
    return { ok: true, value: state };
  }
  return {
    ok: false,
    error: new ApiError('FORBIDDEN', `${name} needs a book with users (set up sign-in first)`).toData(),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
