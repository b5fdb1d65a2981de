import type { ApiHandlers, InputOf } from '../../shared/api';
import type { HandoverReport } from '../../shared/types';
import { inScope } from '../access/scope';
import { disableUser } from '../access/users';
import type { Db } from '../connection';
import { handoverAccountIds, handoverManagers, handoverReport } from '../queries/handover';
import { localToday } from '../queries/records';
import { writeBatch } from '../write';
import { invalidField } from './guards';

type HandoverOps = 'accounts.handover' | 'accounts.handoverPreview' | 'accounts.handoverManagers';

/**
 * Handing one manager's accounts to another (人员调动交接). The only field that changes is each
 * account's `owner`: visits keep their authors, and everything that follows the owner — the
 * account list's manager filter, the agenda's follow-ups and plans on owned accounts, anniversary
 * and renewal reminders, statistics scoped to "mine" — follows the successor from then on.
 */
export function handoverHandlers(db: Db): Pick<ApiHandlers, HandoverOps> {
  const selected = (input: InputOf<'accounts.handover'>): string[] => {
    if (input.from === input.to) throw invalidField('to', 'handover_same_manager');
    const ids = handoverAccountIds(db, input);
    // An explicit list naming an account that is not the leaver's is a mistake, not a filter.
    if (ids.length === 0 || (input.accountIds && ids.length !== new Set(input.accountIds).size))
      throw invalidField(input.accountIds ? 'accountIds' : 'from', 'handover_nothing_selected');
    return ids;
  };
  const report = (input: InputOf<'accounts.handover'>, ids: readonly string[]): HandoverReport => {
    const now = new Date();
    return handoverReport(db, ids, { from: input.from, to: input.to }, localToday(now), now.toISOString());
  };

  return {
    'accounts.handoverManagers': (_input, { user }) =>
      handoverManagers(db).filter((manager) => !user || inScope(user, manager.code)),
    'accounts.handoverPreview': (input) => report(input, selected(input)),
    'accounts.handover': (input, { actor }) =>
      db.transaction(() => {
        const ids = selected(input);
        // One batch: each owner change is a field op with its clock (so it syncs), all or
        // nothing, and one audit entry with the count, its entity naming who handed over to whom.
        writeBatch(
          db,
          actor,
          'accounts.handover',
          (writer) => {
            for (const id of ids) writer.update('accounts', id, { owner: input.to });
          },
          `${input.from}→${input.to}`,
        );
        if (input.disableLeaver) disableUser(db, input.from, actor);
        return report(input, ids);
      }),
  };
}
