import type { ApiHandlers } from '../../shared/api';
import type { Db } from '../connection';
import { compactAfterErasure } from '../erasure/compact';
import { eraseAccounts } from '../erasure/erase';
import { personalDataCsv, personalDataOf } from '../erasure/personalData';
import { appendAudit, write } from '../write';
import { requireAccount } from './guards';

/**
 * Erasure on request: the account, its records and every copy of their data leave the book
 * (db/erasure/), in one transaction with its audit entry — who, when, why and the account's id,
 * nothing about the person. Then the file is rebuilt, so no copy is left in its free space.
 */
export function erasureHandlers(db: Db): Pick<ApiHandlers, 'accounts.erase' | 'accounts.exportPersonalData'> {
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
    'accounts.exportPersonalData': (input, { actor }) => {
      requireAccount(db, input.id);
      const data = personalDataOf(db, input.id);
      // An export of a person's data is itself an event the log keeps (who, when, whose).
      appendAudit(db, {
        actor,
        action: 'export.personal',
        entity: 'account',
        entityId: input.id,
        before: null,
        after: null,
      });
      return { accountId: input.id, json: JSON.stringify(data, null, 2), csv: personalDataCsv(data) };
    },
  };
}
