import type { ApiHandlers } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { Db } from '../connection';
import { compactAfterErasure } from '../erasure/compact';
import { eraseAccounts } from '../erasure/erase';
import { purgeCandidates } from '../queries/purge';
import { localToday } from '../queries/records';
import { appendAudit, write } from '../write';
import { readSettings } from './settings';

/**
 * Purge: the rules in this device's settings propose accounts (db/queries/purge.ts), a person
 * picks among them, and the chosen ones are erased through the erasure path (db/erasure/) in
 * one transaction, then the file is rebuilt once. Only current candidates are taken, so a
 * stale list (the account was billed or restored since) erases nothing.
 */
export function purgeHandlers(db: Db): Pick<ApiHandlers, 'purge.candidates' | 'purge.apply'> {
  return {
    'purge.candidates': (input) => {
      const { purge: rules } = readSettings(db);
      const all = purgeCandidates(db, rules, input.today ?? localToday());
      return {
        rules,
        total: all.length,
        candidates: all.slice(input.offset, input.offset + input.limit),
      };
    },
    'purge.apply': (input, { actor }) => {
      const { purge: rules } = readSettings(db);
      const mark = { by: actor, at: new Date().toISOString(), why: input.reason };
      const ids = [...new Set(input.ids)];
      const erased = write(db, actor, (writer) => {
        // Checked inside the write, so nothing changes between the check and the erasure.
        const current = new Set(purgeCandidates(db, rules, input.today ?? localToday()).map((c) => c.id));
        const refused = ids.filter((id) => !current.has(id));
        if (refused.length > 0)
          throw new ApiError('VALIDATION_FAILED', `ids: not purge candidates: ${refused.join(', ')}`, {
            issues: [{ path: ['ids'], code: 'not_purge_candidate', message: 'not_purge_candidate' }],
            details: { notCandidates: refused },
          });
        const counts = eraseAccounts(db, writer, ids, mark);
        // One entry for the purge: the rules, the ids and counts, never a name.
        appendAudit(db, {
          actor,
          action: 'purge',
          entity: 'account',
          entityId: null,
          before: null,
          after: {
            why: input.reason,
            rules,
            count: counts.accounts.length,
            ids: counts.accounts,
            rows: counts.rows,
            auditEntries: counts.auditEntries,
          },
        });
        return counts;
      });
      return {
        erased: erased.accounts,
        rows: erased.rows,
        auditEntries: erased.auditEntries,
        compacted: compactAfterErasure(db),
      };
    },
  };
}
