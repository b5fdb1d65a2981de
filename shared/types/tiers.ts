import type { TierReason } from '../domain/tiers';
import type { Account, AccountSummary } from './accounts';
import type { Tier } from './common';
import type { StatsWindow } from './statistics';

export type { TierReason };

/** What the 80/20 view suggests for one account, and why. */
export interface TierSuggestion {
  readonly account: AccountSummary;
  readonly tierSource: Account['tierSource'];
  readonly suggested: Tier;
  readonly reason: TierReason;
}

export interface TierSuggestions {
  /** The trailing 12 months the classes are computed over. */
  readonly window: StatsWindow;
  /** Accounts in scope whose suggestion differs from their tier, of which… */
  readonly total: number;
  /** …these follow suggestions (`suggested`): applying all moves only them. */
  readonly automatic: number;
  /** Suggestions that differ, strategic first, then by consumption. */
  readonly rows: readonly TierSuggestion[];
}

export interface TierChange {
  readonly at: string;
  readonly actor: string;
  readonly from: Tier | null;
  readonly to: Tier;
  readonly source: Account['tierSource'];
  readonly reason: string;
}
