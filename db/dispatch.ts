import type { z } from 'zod';
import { contract, isOperationName, type ApiHandlers, type OperationName } from '../shared/api';
import { ApiError, type ApiResult, type FieldIssue } from '../shared/errors';
import type { RequestContext } from '../shared/types';
import { isValidationMessageKey, validationMessages } from '../shared/validationMessages';

/**
 * Runs one operation by name for any transport (IPC, HTTP, CLI): unknown names and invalid
 * input are rejected before a handler runs; every failure comes back as a typed error value,
 * never as a thrown stack.
 */
export type Dispatch = (name: string, input: unknown, context: RequestContext) => ApiResult<unknown>;

/** Zod's issues as the API reports them; our own rules carry their message key as the code. */
function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    if (isValidationMessageKey(issue.message)) {
      return { path, code: issue.message, message: validationMessages[issue.message].en };
    }
    return { path, code: issue.code, message: issue.message };
  });
}

const readOperations =
  /\.(get|list|detail|search|findByNumber|checkDuplicates|upcoming|onDate|countByDay|open|stage|preview|suggestions|history|conflicts)$|^stats\.(?!rebuild$)|^sync\.export$|^exports\.csv$/;

/** Reads are not announced; everything else may change what windows show. */
export function isReadOperation(name: OperationName): boolean {
  return readOperations.test(name);
}

export function createDispatch(
  handlers: ApiHandlers,
  onChange: (name: OperationName) => void = () => {},
  onInternalError: (name: string, error: unknown) => void = (name, error) =>
    console.error(`[${name}]`, error),
): Dispatch {
  return (name, input, context) => {
    if (!isOperationName(name)) {
      return { ok: false, error: new ApiError('UNKNOWN_OPERATION', `Unknown operation ${name}`).toData() };
    }
    const parsed = contract[name].input.safeParse(input);
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      const first = issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
      return {
        ok: false,
        error: new ApiError(
          'VALIDATION_FAILED',
          `Invalid input for ${name}: ${where}${first?.message ?? ''}`,
          {
            issues,
          },
        ).toData(),
      };
    }
    try {
      const handler = handlers[name] as (input: unknown, context: RequestContext) => unknown;
      const value = handler(parsed.data, context);
      if (!isReadOperation(name)) onChange(name);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toData() };
      onInternalError(name, error);
      return { ok: false, error: new ApiError('INTERNAL', `Internal error in ${name}`).toData() };
    }
  };
}
