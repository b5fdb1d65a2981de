import type { ApiHandlers } from '../../shared/api';
import { describeTierReason } from '../../shared/domain/tiers';
import type { Tier, TierChange, TierSuggestion } from '../../shared/types';
import { ownersInScope } from '../access/scope';
import type { Db } from '../connection';
import { summariesOf } from '../queries/statsAccounts';
import { tierSuggestionsOf, trailingWindow, type AccountSuggestion } from '../queries/tierSuggestions';
import { write } from '../write';
import { requireAccount, requireLiveAccount } from './guards';

type TierOperation = 'tiers.suggestions' | 'tiers.apply' | 'tiers.history';

const tierRank: Record<Tier, number> = { strategic: 0, partner: 1, commercial: 2, general: 3 };

const differs = (suggestion: AccountSuggestion) => suggestion.suggested !== suggestion.tier;

/**
 * Tier suggestions from the 80/20 view. Managers' tiers are kept: applying "all" moves only
 * accounts whose tier follows suggestions; accepting one account's suggestion is a manager's
 * choice and makes its tier follow suggestions from then on. Each change is its own audited
 * update (who, when, from → to, reason): the tier history.
 */
export function tierHandlers(db: Db, now: () => Date = () => new Date()): Pick<ApiHandlers, TierOperation> {
  return {
    'tiers.suggestions': (input, context) => {
      const owners = ownersInScope(input?.owner, context);
      const window = trailingWindow(db, now());
      const changes = tierSuggestionsOf(db, window).filter(
        (suggestion) =>
          differs(suggestion) &&
          (owners === undefined || owners.includes(suggestion.owner)) &&
          (input?.region === undefined || suggestion.region === input.region),
      );
      changes.sort(
        (a, b) =>
          tierRank[a.suggested] - tierRank[b.suggested] ||
          b.reason.account.trailing12Fen - a.reason.account.trailing12Fen,
      );
      const shown = changes.slice(0, input?.limit ?? 200);
      const summaries = summariesOf(
        db,
        shown.map((suggestion) => suggestion.id),
      );
      const rows = shown.flatMap((suggestion): TierSuggestion[] => {
        const account = summaries.get(suggestion.id);
        return account
          ? [
              {
                account,
                tierSource: suggestion.tierSource,
                suggested: suggestion.suggested,
                reason: suggestion.reason,
              },
            ]
          : [];
      });
      return {
        window,
        total: changes.length,
        automatic: changes.filter((suggestion) => suggestion.tierSource === 'suggested').length,
        rows,
      };
    },

    'tiers.apply': (input, context) => {
      const { actor } = context;
      const owners = ownersInScope(input.owner, context);
      const requested = input.accountIds ? new Set(input.accountIds) : null;
      for (const id of requested ?? []) requireLiveAccount(db, id);
      const suggestions = tierSuggestionsOf(db, trailingWindow(db, now()));
      const targets = suggestions.filter((suggestion) =>
        requested
          ? requested.has(suggestion.id)
          : suggestion.tierSource === 'suggested' &&
            differs(suggestion) &&
            (owners === undefined || owners.includes(suggestion.owner)),
      );
      let changed = 0;
      db.transaction(() => {
        for (const target of targets) {
          const result = write(db, actor, (writer) =>
            writer.update('accounts', target.id, {
              tier: target.suggested,
              tier_source: 'suggested',
              tier_reason: describeTierReason(target.reason, input.language),
            }),
          );
          if (result.changed.length > 0) changed += 1;
        }
      });
      return { changed };
    },

    'tiers.history': ({ id }) => {
      requireAccount(db, id);
      const entries = db
        .statement(
          `SELECT at, actor, before, after FROM audit_log WHERE entity = 'account' AND entity_id = ? ORDER BY id`,
        )
        .all(id) as { at: string; actor: string; before: string | null; after: string | null }[];
      const history: TierChange[] = [];
      let current: Tier | null = null;
      let source: TierChange['source'] = 'manager';
      for (const entry of entries) {
        const before = (entry.before ? JSON.parse(entry.before) : {}) as Record<string, unknown>;
        const after = (entry.after ? JSON.parse(entry.after) : {}) as Record<string, unknown>;
        if (!('tier' in after) && !('tier_source' in after)) continue;
        const from: Tier | null = (before['tier'] as Tier | undefined) ?? current;
        const to: Tier | null = (after['tier'] as Tier | undefined) ?? from;
        if (to === null) continue;
        source = (after['tier_source'] as TierChange['source'] | undefined) ?? source;
        history.push({
          at: entry.at,
          actor: entry.actor,
          from: entry.before ? from : null,
          to,
          source,
          reason: String(after['tier_reason'] ?? ''),
        });
        current = to;
      }
      return history.reverse();
    },
  };
}
