import { contract, isOperationName, type ApiHandlers, type OperationName } from '../shared/api';
import { ApiError, type ApiResult } from '../shared/errors';
import type { RequestContext } from '../shared/types';
import type { FaultLog } from './faultLog';
import { createFaultMapper } from './faults';
import { storableActor } from '../shared/domain/text';
import { toIssues, validationFailed } from './issues';

/**
 * Runs one operation by name for any transport (IPC, HTTP, CLI): unknown names and invalid
 * input are rejected before a handler runs; every failure comes back as a typed error value,
 * never as a thrown stack.
 */
export type Dispatch = (name: string, input: unknown, context: RequestContext) => ApiResult<unknown>;

const readOperations =
  /\.(get|list|detail|search|findByNumber|checkDuplicates|sharedNumbers|upcoming|onDate|countByDay|open|stage|preview|suggestions|history|conflicts)$|^stats\.(?!rebuild$)|^sync\.export$|^exports\.csv$|^imports\.rejects$|^storage\.check$/;

/** Reads are not announced; everything else may change what windows show. */
export function isReadOperation(name: OperationName): boolean {
  return readOperations.test(name);
}

/**
 * Takes the write lock while it runs: every write, and the sync preview (the import rolled
 * back). Other writes wait for these (`Fieldbook.writesPaused`).
 */
export function holdsWriteLock(name: OperationName): boolean {
  return !isReadOperation(name) || name === 'sync.preview';
}

/**
 * `log` receives the stack of every throw that is not an `ApiError` (a storage fault, a bug):
 * the service passes the fault log beside the book (./faultLog.ts); the user gets the code.
 */
export function createDispatch(
  handlers: ApiHandlers,
  onChange: (name: OperationName) => void = () => {},
  log: FaultLog = (name, error) => console.error(`[${name}]`, error),
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
    try {
      const handler = handlers[name] as (input: unknown, context: RequestContext) => unknown;
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
