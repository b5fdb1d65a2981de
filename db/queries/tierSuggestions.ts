import { resolveWindow, type PeriodWindow } from '../../shared/domain/statistics';
import { abcClassOf, suggestTier, type Standing, type TierReason } from '../../shared/domain/tiers';
import type { Tier } from '../../shared/types';
import type { Db } from '../connection';
import { windowSum } from './consumptionRollup';
import { groupRoots } from './statsGroups';
import { billedAt } from './statsMonths';

/**
 * Every live account's standing in the trailing-12-month ranking, its customer group's
 * standing, and the tier those suggest (shared/domain/tiers.ts). One pass over the
 * across-category roll-up; ranking and classes in JavaScript.
 */
export interface AccountSuggestion {
  readonly id: string;
  readonly tier: Tier;
  readonly tierSource: 'manager' | 'suggested';
  readonly owner: string;
  readonly region: string;
  readonly suggested: Tier;
  readonly reason: TierReason;
}

/** Standing of each key (account or group root) ranked by fen, largest first. */
function standings(amounts: Map<string, number>): Map<string, Standing> {
  const ranked = [...amounts]
    .filter(([, fen]) => fen > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = ranked.reduce((sum, [, fen]) => sum + fen, 0);
  const result = new Map<string, Standing>();
  let before = 0;
  for (const [key, fen] of ranked) {
    const shareBefore = before / total;
    result.set(key, { abcClass: abcClassOf(shareBefore, fen), shareBefore, trailing12Fen: fen });
    before += fen;
  }
  return result;
}

const nothing: Standing = { abcClass: null, shareBefore: 1, trailing12Fen: 0 };

/** The 12 months ending with the book's latest billed month, as the statistics windows end. */
export function trailingWindow(db: Db, today: Date): PeriodWindow {
  const { defaultTo } = billedAt(db, today);
  const window = resolveWindow({ months: 12 }, defaultTo);
  if (!window) throw new Error('a 12-month window is never empty');
  return window;
}

export function tierSuggestionsOf(db: Db, window: PeriodWindow): AccountSuggestion[] {
  const { sum, years } = windowSum(window.from, window.to);
  const amounts = new Map(
    db
      .statement(
        `SELECT account_id, SUM(${sum}) FROM consumption_rollup_total
         WHERE ${years} AND account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)
         GROUP BY account_id`,
      )
      .raw(true)
      .all() as [string, number][],
  );
  const roots = groupRoots(db);
  // Groups are ranked among all customers, as the 80/20 view by group ranks them: an account in
  // no group is a group of one.
  const groupAmounts = new Map<string, number>();
  for (const [id, fen] of amounts) {
    const item = roots.get(id) ?? id;
    groupAmounts.set(item, (groupAmounts.get(item) ?? 0) + fen);
  }
  const accountStandings = standings(amounts);
  const groupStandings = standings(groupAmounts);
  const accounts = db
    .statement(
      `SELECT id, name, tier, tier_source, owner, region FROM accounts WHERE deleted = 0 AND status = 'active'`,
    )
    .raw(true)
    .all() as [string, string, Tier, 'manager' | 'suggested', string, string][];
  const names = new Map(accounts.map(([id, name]) => [id, name]));
  return accounts.map(([id, , tier, tierSource, owner, region]) => {
    const root = roots.get(id);
    const group =
      root === undefined
        ? null
        : { ...(groupStandings.get(root) ?? nothing), rootName: names.get(root) ?? '' };
    const { tier: suggested, reason } = suggestTier(accountStandings.get(id) ?? nothing, group);
    return { id, tier, tierSource, owner, region, suggested, reason };
  });
}
