import { addMonths, periodsEnding } from '../../shared/domain/period';
import { relativeChange, shareOf, type PeriodWindow } from '../../shared/domain/statistics';
import type {
  CategoryTrend,
  ConsumptionCategory,
  ConsumptionTrend,
  CustomerGroupNode,
  GroupMemberStats,
} from '../../shared/types';
import type { Db } from '../connection';
import { rollupRowsOf, type RollupYearRow } from './consumptionRollup';

/**
 * Monthly series of one account or a whole customer group, read from the category roll-up:
 * a handful of rows per account and year, so a 200-company group is a few thousand rows.
 */

/** The months a trend needs: the window, and the 24 months ending with it for YoY figures. */
function periodsNeeded(window: PeriodWindow): string[] {
  return periodsEnding(window.to, Math.max(window.months, 24));
}

/** Fen per period for one account and category, summed from roll-up rows. */
class MonthTotals {
  readonly byPeriod = new Map<string, number>();
  add(period: string, fen: number): void {
    if (fen !== 0) this.byPeriod.set(period, (this.byPeriod.get(period) ?? 0) + fen);
  }
  get(period: string): number {
    return this.byPeriod.get(period) ?? 0;
  }
  sum(periods: readonly string[]): number {
    return periods.reduce((total, period) => total + this.get(period), 0);
  }
}

/** The months of a roll-up row with a non-zero amount, as `[period, fen]`. */
function* billedMonths(row: RollupYearRow): Generator<[string, number]> {
  for (let month = 1; month <= 12; month++) {
    const column = `m${String(month).padStart(2, '0')}` as const;
    const fen = row[column] ?? 0;
    if (fen !== 0) yield [`${row.year}-${column.slice(1)}`, fen];
  }
}

export function trendOf(rows: readonly RollupYearRow[], window: PeriodWindow): ConsumptionTrend {
  const needed = new Set(periodsNeeded(window));
  const total = new MonthTotals();
  const byCategory = new Map<ConsumptionCategory, MonthTotals>();
  for (const row of rows) {
    let totals = byCategory.get(row.category as ConsumptionCategory);
    if (!totals) byCategory.set(row.category as ConsumptionCategory, (totals = new MonthTotals()));
    for (const [period, fen] of billedMonths(row)) {
      if (!needed.has(period)) continue;
      total.add(period, fen);
      totals.add(period, fen);
    }
  }
  const periods = periodsEnding(window.to, window.months);
  const totalFen = total.sum(periods);
  const latestFen = total.get(window.to);
  const trailing12 = periodsEnding(window.to, 12);
  const previous12 = periodsEnding(addMonths(window.to, -12), 12);
  const trailing12Fen = total.sum(trailing12);
  const previous12Fen = total.sum(previous12);
  const categories: CategoryTrend[] = [];
  for (const [category, totals] of byCategory) {
    const amountFen = totals.sum(periods);
    if (amountFen === 0 && periods.every((period) => totals.get(period) === 0)) continue;
    categories.push({
      category,
      amountFen,
      share: shareOf(amountFen, totalFen),
      series: periods.map((period) => ({ period, amountFen: totals.get(period) })),
    });
  }
  categories.sort((a, b) => b.amountFen - a.amountFen || a.category.localeCompare(b.category));
  return {
    window,
    series: periods.map((period) => ({ period, amountFen: total.get(period) })),
    totalFen,
    latestFen,
    momChange: relativeChange(latestFen, total.get(addMonths(window.to, -1))),
    yoyChange: relativeChange(latestFen, total.get(addMonths(window.to, -12))),
    trailing12Fen,
    previous12Fen,
    trailing12Change: relativeChange(trailing12Fen, previous12Fen),
    byCategory: categories,
  };
}

function firstNeeded(window: PeriodWindow): string {
  return periodsNeeded(window)[0] ?? window.from;
}

export function accountTrend(
  db: Db,
  accountId: string,
  window: PeriodWindow,
  categories: readonly ConsumptionCategory[] | undefined,
): ConsumptionTrend {
  return trendOf(rollupRowsOf(db, [accountId], firstNeeded(window), window.to, categories), window);
}

/** The group's trend and each company's part of the window total, in the tree's order. */
export function groupTrend(
  db: Db,
  nodes: readonly CustomerGroupNode[],
  window: PeriodWindow,
  categories: readonly ConsumptionCategory[] | undefined,
): { trend: ConsumptionTrend; members: GroupMemberStats[] } {
  const ids = nodes.map((node) => node.account.id);
  const rows = rollupRowsOf(db, ids, firstNeeded(window), window.to, categories);
  const trend = trendOf(rows, window);
  const periods = periodsEnding(window.to, window.months);
  const inWindow = new Set(periods);
  const byAccount = new Map<string, number>();
  for (const row of rows) {
    let fen = 0;
    for (const [period, amount] of billedMonths(row)) if (inWindow.has(period)) fen += amount;
    byAccount.set(row.account_id, (byAccount.get(row.account_id) ?? 0) + fen);
  }
  const members = nodes.map((node) => {
    const amountFen = byAccount.get(node.account.id) ?? 0;
    return {
      account: node.account,
      parentId: node.parentId,
      depth: node.depth,
      amountFen,
      share: shareOf(amountFen, trend.totalFen),
    };
  });
  return { trend, members };
}
