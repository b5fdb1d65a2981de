import { contract, isOperationName, type ApiHandlers, type OperationName } from '../shared/api';
import { ApiError, type ApiResult } from '../shared/errors';
import type { RequestContext, SessionUser } from '../shared/types';
import type { FaultLog } from './faultLog';
import { createFaultMapper } from './faults';
import { storableActor } from '../shared/domain/text';
import { toIssues, validationFailed } from './issues';
import { roleRefusal } from './access/roles';

/**
 * Runs one operation by name for any transport (IPC, HTTP, CLI): unknown names and invalid
 * input are rejected before a handler runs; every failure comes back as a typed error value,
 * never as a thrown stack.
 */
export type Dispatch = (name: string, input: unknown, context: RequestContext) => ApiResult<unknown>;

/** Reads are not announced; everything else may change what windows show (`OperationSettings.writes`). */
export function isReadOperation(name: OperationName): boolean {
  return !contract[name].settings.writes;
}

/**
 * Takes the write lock while it runs: every write, and a trial write (the sync preview: the
 * import, rolled back). Other writes wait for these (`Fieldbook.writesPaused`).
 */
export function holdsWriteLock(name: OperationName): boolean {
  const { writes, quietWrite } = contract[name].settings;
  return writes || quietWrite === 'trial';
}

/** Would change the book, so a book that cannot be written refuses it: every write, trial or record. */
export function changesBook(name: OperationName): boolean {
  const { writes, quietWrite } = contract[name].settings;
  return writes || quietWrite !== undefined;
}

/** Runs on the job thread (`OperationSettings.job`). */
export function runsAsJob(name: OperationName): boolean {
  return contract[name].settings.job === true;
}

/**
 * `log` receives the stack of every throw that is not an `ApiError` (a storage fault, a bug):
 * the service passes the fault log beside the book (./faultLog.ts); the user gets the code.
 */
export function createDispatch(
  handlers: ApiHandlers,
  onChange: (name: OperationName) => void = () => {},
  log: FaultLog = (name, error) => console.error(`[${name}]`, error),
  /** The accounts the signed-in user may see, held before the handler runs (db/access/scope.ts). */
  scopeRefusal: (name: OperationName, input: unknown, user: SessionUser) => ApiError | null = () => null,
  /** Runs before every handler: what no operation may see half done is finished first. */
  beforeHandler: (name: OperationName) => void = () => {},
): Dispatch {
  const toApiError = createFaultMapper();
  return (name, input, context) => {
    if (!isOperationName(name)) {
      return { ok: false, error: new ApiError('UNKNOWN_OPERATION', `Unknown operation ${name}`).toData() };
    }
    const parsed = contract[name].input.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: validationFailed(name, toIssues(parsed.error)).toData() };
    }
    // The signed-in user's role: what they may run at all (their scope is the handlers').
    const refused = context.user
      ? (roleRefusal(name, context.user) ?? scopeRefusal(name, parsed.data, context.user))
      : null;
    if (refused) return { ok: false, error: refused.toData() };
    const handler = (handlers as Partial<Record<OperationName, unknown>>)[name] as
      ((input: unknown, context: RequestContext) => unknown) | undefined;
    // An operation the service runs itself (a restore) never reaches a handler.
    if (handler === undefined)
      return {
        ok: false,
        error: new ApiError('INTERNAL', `${name} is run by the service, not dispatched`).toData(),
      };
    try {
      beforeHandler(name);
      const value = handler(parsed.data, { ...context, actor: storableActor(context.actor) });
      if (!isReadOperation(name)) onChange(name);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toData() };
      // A storage fault (locked, full, read-only…) becomes its own code, anything else INTERNAL.
      const typed = toApiError(error, name);
      log(name, error);
      return { ok: false, error: typed.toData() };
    }
  };
}
