import type { ApiHandlers } from '../../shared/api';
import type { Db } from '../connection';
import { compactAfterErasure } from '../erasure/compact';
import { eraseAccounts } from '../erasure/erase';
import { appendAudit, write } from '../write';
import { requireAccount } from './guards';

/**
 * Erasure on request: the account, its records and every copy of their data leave the book
 * (db/erasure/), in one transaction with its audit entry — who, when, why and the account's id,
 * nothing about the person. Then the file is rebuilt, so no copy is left in its free space.
 */
export function erasureHandlers(db: Db): Pick<ApiHandlers, 'accounts.erase'> {
  return {
    'accounts.erase': (input, { actor }) => {
      requireAccount(db, input.id);
      const mark = { by: actor, at: new Date().toISOString(), why: input.reason };
      const counts = write(db, actor, (writer) => {
        const erased = eraseAccounts(db, writer, [input.id], mark);
        appendAudit(db, {
          actor,
          action: 'erase',
          entity: 'account',
          entityId: input.id,
          before: null,
          after: { why: input.reason, rows: erased.rows, auditEntries: erased.auditEntries },
        });
        return erased;
      });
      return {
        accountId: input.id,
        rows: counts.rows,
        auditEntries: counts.auditEntries,
        compacted: compactAfterErasure(db),
      };
    },
  };
}
