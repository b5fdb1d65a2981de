import type { PeriodWindow } from '../../shared/domain/statistics';
import type { ConsumptionCategory, Tier } from '../../shared/types';
import { ownersCondition } from '../access/scope';
import type { Db } from '../connection';
import { categoryFilter, windowSum } from './consumptionRollup';
import { heldWindow, isHeldWindow } from './consumptionWindow';

/**
 * The pieces every portfolio-wide statistic shares: which roll-up rows count (window years,
 * categories, whose accounts).
 */
export interface StatsScope {
  /** Accounts of these owners (the filter asked for, or the user's scope); absent: all. */
  readonly owners?: readonly string[] | undefined;
  readonly region?: string | undefined;
  readonly tiers?: readonly Tier[] | undefined;
}

/** Conditions on the columns of `accounts` (as `prefix`owner …) for a scope. */
export function scopeConditions(
  scope: StatsScope,
  prefix = '',
): { conditions: string[]; parameters: unknown[] } {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  if (scope.owners !== undefined) {
    const owners = ownersCondition(`${prefix}owner`, scope.owners);
    conditions.push(owners.sql);
    parameters.push(...owners.values);
  }
  if (scope.region !== undefined) {
    conditions.push(`${prefix}region = ?`);
    parameters.push(scope.region);
  }
  if (scope.tiers && scope.tiers.length > 0) {
    conditions.push(`${prefix}tier IN (${scope.tiers.map(() => '?').join(', ')})`);
    parameters.push(...scope.tiers);
  }
  return { conditions, parameters };
}

/**
 * A condition on `account_id`: the live accounts in scope. Without a filter it lists the
 * deleted accounts instead (a handful), which is far cheaper than joining 100,000 live ones.
 */
export function accountCondition(scope: StatsScope): { where: string; parameters: unknown[] } {
  const { conditions, parameters } = scopeConditions(scope);
  if (conditions.length === 0)
    return { where: 'account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)', parameters };
  return {
    where: `account_id IN (SELECT id FROM accounts WHERE deleted = 0 AND ${conditions.join(' AND ')})`,
    parameters,
  };
}

/**
 * `FROM … WHERE …` over the roll-up for a window, categories and scope, with `sum`: one row's
 * fen inside the window (sum it per account).
 */
export function rollupSource(
  window: Pick<PeriodWindow, 'from' | 'to'>,
  categories: readonly ConsumptionCategory[] | undefined,
  scope: StatsScope,
  byCategory = false,
): { from: string; sum: string; parameters: unknown[] } {
  const { sum, years } = windowSum(window.from, window.to);
  const filter = categoryFilter(categories, byCategory);
  const accounts = accountCondition(scope);
  return {
    from: `FROM ${filter.table} WHERE ${years} AND ${filter.where} AND ${accounts.where}`,
    sum,
    parameters: [...filter.parameters, ...accounts.parameters],
  };
}

/**
 * `rollupSource` for per-account sums, read from the window totals when the window is the one
 * they hold (the statistics page's default): one row per account (and category) instead of
 * summing each account's roll-up rows of two years.
 */
export function accountSumSource(
  db: Db,
  window: Pick<PeriodWindow, 'from' | 'to'>,
  categories: readonly ConsumptionCategory[] | undefined,
  scope: StatsScope,
): { from: string; sum: string; parameters: unknown[] } {
  if (!isHeldWindow(heldWindow(db), window)) return rollupSource(window, categories, scope);
  const accounts = accountCondition(scope);
  if (!categories || categories.length === 0)
    return {
      from: `FROM consumption_window_total WHERE ${accounts.where}`,
      sum: 'fen',
      parameters: accounts.parameters,
    };
  return {
    from: `FROM consumption_window WHERE category IN (${categories.map(() => '?').join(', ')}) AND ${accounts.where}`,
    sum: 'fen',
    parameters: [...categories, ...accounts.parameters],
  };
}
