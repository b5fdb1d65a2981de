import type { BilledMonths } from '../domain/statistics';
import type { AbcBounds, AbcClass } from '../domain/tiers';
import type { AccountSummary } from './accounts';
import type { ConsumptionCategory, Tier } from './common';

// Money is integer fen; shares are fractions of 1; a change is a fraction (0.25: up 25%),
// null when its base is zero or negative. Statistics read the monthly roll-up, never raw rows,
// and leave deleted accounts out (archived ones keep their history).

export type { AbcBounds, AbcClass, BilledMonths };

/** Billing months `from`…`to`, both included. */
export interface StatsWindow {
  readonly from: string;
  readonly to: string;
  readonly months: number;
}

/** Fen billed in one month. */
export interface MonthAmount {
  readonly period: string;
  readonly amountFen: number;
}

export interface CategoryTrend {
  readonly category: ConsumptionCategory;
  readonly amountFen: number;
  /** Of the window's total. */
  readonly share: number;
  readonly series: readonly MonthAmount[];
}

/** A monthly series over a window with its headline comparisons (an account's or a group's). */
export interface ConsumptionTrend {
  readonly window: StatsWindow;
  /** Every month of the window, oldest first; months without bills are 0. */
  readonly series: readonly MonthAmount[];
  readonly totalFen: number;
  /** The window's last month… */
  readonly latestFen: number;
  /** …against the month before (month on month) … */
  readonly momChange: number | null;
  /** …and against the same month a year earlier (year on year). */
  readonly yoyChange: number | null;
  /** The 12 months ending with the window, the 12 before them, and the change between. */
  readonly trailing12Fen: number;
  readonly previous12Fen: number;
  readonly trailing12Change: number | null;
  /** Categories with any bill in the window, largest first. */
  readonly byCategory: readonly CategoryTrend[];
}

export interface AccountStats {
  readonly account: AccountSummary;
  /** The category filter applied (null: all categories). */
  readonly categories: readonly ConsumptionCategory[] | null;
  readonly trend: ConsumptionTrend;
}

/** One company of a customer group, with its own part of the group's window total. */
export interface GroupMemberStats {
  readonly account: AccountSummary;
  readonly parentId: string | null;
  readonly depth: number;
  readonly amountFen: number;
  readonly share: number;
}

export interface GroupStats {
  /** The group's root (the account itself when it holds and is held by nothing). */
  readonly root: AccountSummary;
  readonly categories: readonly ConsumptionCategory[] | null;
  /** Rolled up over every live company of the `holds` tree. */
  readonly trend: ConsumptionTrend;
  /** Parents before children (tree order), as `accounts.detail`'s group. */
  readonly members: readonly GroupMemberStats[];
}

/** One slice of the portfolio (an owner, a region, a tier or a category). */
export interface PortfolioSlice<K extends string = string> {
  readonly key: K;
  readonly amountFen: number;
  readonly share: number;
  /** Accounts with bills in the window. */
  readonly accounts: number;
}

export interface RankedAccount {
  readonly rank: number;
  readonly account: AccountSummary;
  readonly amountFen: number;
  readonly share: number;
}

export interface PortfolioStats {
  readonly window: StatsWindow;
  /** The book's billed months, for choosing a window's end (`window.to` defaults to `billed.defaultTo`). */
  readonly billed: BilledMonths;
  readonly categories: readonly ConsumptionCategory[] | null;
  readonly totalFen: number;
  /** Accounts with bills in the window. */
  readonly accounts: number;
  /** The portfolio month by month. */
  readonly series: readonly MonthAmount[];
  /** Largest first. */
  readonly byOwner: readonly PortfolioSlice[];
  readonly byRegion: readonly PortfolioSlice[];
  readonly byTier: readonly PortfolioSlice<Tier>[];
  /** `accounts` here counts accounts with a bill in that category. */
  readonly byCategory: readonly PortfolioSlice<ConsumptionCategory>[];
  readonly top: readonly RankedAccount[];
}

/** An account or a customer group in the 80/20 ranking. */
export interface ParetoRow {
  readonly rank: number;
  /** The account, or the group's root. */
  readonly account: AccountSummary;
  /** Companies counted (1 when ranking accounts). */
  readonly members: number;
  readonly amountFen: number;
  readonly share: number;
  /** Share of the total held by this row and all ranked before it. */
  readonly cumulativeShare: number;
  readonly abcClass: AbcClass;
}

export interface ParetoCurvePoint {
  readonly rank: number;
  /** `rank / ranked`: the x axis. */
  readonly rankShare: number;
  readonly cumulativeShare: number;
}

export interface ParetoClass {
  readonly abcClass: AbcClass;
  readonly count: number;
  readonly amountFen: number;
  readonly share: number;
}

/**
 * Accounts (or groups) ranked by consumption in the window, largest first. Only those with a
 * positive total are ranked; the one that crosses a class bound still belongs to the class
 * above it (`abcClassOf`).
 */
export interface ParetoStats {
  readonly window: StatsWindow;
  /** The book's billed months, for choosing a window's end (`window.to` defaults to `billed.defaultTo`). */
  readonly billed: BilledMonths;
  readonly by: 'account' | 'group';
  readonly categories: readonly ConsumptionCategory[] | null;
  readonly bounds: AbcBounds;
  /** Sum over the ranked rows. */
  readonly totalFen: number;
  readonly ranked: number;
  /** A, B and C in that order (a class may have 0 rows). */
  readonly classes: readonly ParetoClass[];
  /** The cumulative curve sampled evenly by rank; the first and last ranks are included. */
  readonly curve: readonly ParetoCurvePoint[];
  readonly top: readonly ParetoRow[];
}

export interface SlippingAccount {
  readonly account: AccountSummary;
  readonly recentFen: number;
  readonly previousFen: number;
  /** Negative: the drop, in fen and as a fraction of the previous 3 months. */
  readonly changeFen: number;
  readonly change: number;
}

/** Accounts whose last 3 months fell by more than the threshold against the 3 before. */
export interface SlippingStats {
  readonly recent: StatsWindow;
  readonly previous: StatsWindow;
  /** The book's billed months (`recent.to` defaults to `billed.defaultTo`). */
  readonly billed: BilledMonths;
  readonly threshold: number;
  /** How many slipped; `rows` holds the largest drops (in fen) first, up to the limit. */
  readonly total: number;
  readonly rows: readonly SlippingAccount[];
}

export interface CoverageTier {
  readonly tier: Tier;
  readonly cadenceDays: number;
  /** Active accounts of the tier. */
  readonly accounts: number;
  /** Not visited within the cadence, of which never visited at all. */
  readonly overdue: number;
  readonly neverVisited: number;
  /** Fraction visited within the cadence (1 when the tier has no accounts). */
  readonly coverage: number;
}

export interface OverdueAccount {
  readonly account: AccountSummary;
  /** The latest visit (ISO time), null when never visited. */
  readonly lastVisitAt: string | null;
  readonly daysSinceVisit: number | null;
  readonly cadenceDays: number;
  /** Days past the cadence (null when never visited). */
  readonly overdueDays: number | null;
}

/** Active accounts not visited within their tier's cadence (Settings `visitCadenceDays`). */
export interface CoverageStats {
  readonly today: string;
  /** Strategic first. */
  readonly byTier: readonly CoverageTier[];
  readonly overdue: number;
  /** By tier (strategic first), never visited first, then the longest overdue. */
  readonly rows: readonly OverdueAccount[];
}

export interface RollupRebuildResult {
  /** Rows of the account × year × category roll-up and of the across-category one. */
  readonly rows: number;
  readonly totalRows: number;
  readonly milliseconds: number;
}
