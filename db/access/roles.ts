import { contract, type OperationName } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { Role, SessionUser } from '../../shared/types';

/**
 * What each role may run, decided in the dispatcher for every operation (never in the UI):
 * `OperationSettings.access` names who may, and an auditor — who reads everything, the audit
 * log included — runs nothing that would change the book.
 */
const mayRun: Record<Role, ReadonlySet<string>> = {
  manager: new Set(['everyone']),
  supervisor: new Set(['everyone', 'team']),
  auditor: new Set(['everyone', 'audit']),
  admin: new Set(['everyone', 'team', 'audit', 'admin']),
};

/** Would change the book (as db/dispatch.ts `changesBook`, which imports this module). */
function changesBook(name: OperationName): boolean {
  const { writes, quietWrite } = contract[name].settings;
  return writes || quietWrite !== undefined;
}

/** Null when `user` may run the operation; otherwise the FORBIDDEN to answer with. */
export function roleRefusal(name: OperationName, user: SessionUser): ApiError | null {
  const { access } = contract[name].settings;
  if (!mayRun[user.role].has(access)) {
    return new ApiError('FORBIDDEN', `${name} is not open to the ${user.role} role`, {
      details: { operation: name, role: user.role, access },
    });
  }
  if (user.role === 'auditor' && changesBook(name) && access !== 'audit') {
    return new ApiError('FORBIDDEN', `An auditor reads and changes nothing: ${name} is refused`, {
      details: { operation: name, role: user.role, access },
    });
  }
  return null;
}
