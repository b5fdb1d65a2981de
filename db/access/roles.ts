import { contract, type OperationName } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { roleMayRun } from '../../shared/scopes';
import type { SessionUser } from '../../shared/types';

/**
 * What each role may run, decided in the dispatcher for every operation (never in the UI):
 * `OperationSettings.access` names who may, and an auditor — who reads everything, the audit
 * log included — runs nothing that would change the book.
 */

/**
 * Changes the book's data: a write, or a trial of one. A read that only leaves a record of
 * itself in the audit log (a reveal, an export) is a read an auditor may make.
 */
function changesData(name: OperationName): boolean {
  const { writes, quietWrite } = contract[name].settings;
  return writes || quietWrite === 'trial';
}

/** Null when `user` may run the operation; otherwise the FORBIDDEN to answer with. */
export function roleRefusal(name: OperationName, user: SessionUser): ApiError | null {
  const { access } = contract[name].settings;
  if (!roleMayRun(user.role, access)) {
    return new ApiError('FORBIDDEN', `${name} is not open to the ${user.role} role`, {
      details: { operation: name, role: user.role, access },
    });
  }
  if (user.role === 'auditor' && changesData(name) && access !== 'audit') {
    return new ApiError('FORBIDDEN', `An auditor reads and changes nothing: ${name} is refused`, {
      details: { operation: name, role: user.role, access },
    });
  }
  return null;
}
