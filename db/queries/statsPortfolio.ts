import { periodsEnding } from '../../shared/domain/period';
import { shareOf, type PeriodWindow } from '../../shared/domain/statistics';
import type {
  ConsumptionCategory,
  PortfolioSlice,
  PortfolioStats,
  RankedAccount,
  Tier,
} from '../../shared/types';
import { consumptionCategories } from '../../shared/schemas';
import type { Db } from '../connection';
import { monthColumns } from './consumptionRollup';
import { summariesOf } from './statsAccounts';
import { rollupSource, type StatsScope } from './statsScope';

/**
 * The portfolio in slices (owner, region, tier, category), month by month, and its largest
 * accounts. Two statements: one over the per-account totals (slices by account attributes and
 * the top N), one over the category roll-up (categories and the monthly series).
 */
export interface PortfolioRequest extends StatsScope {
  readonly window: PeriodWindow;
  readonly categories?: readonly ConsumptionCategory[] | undefined;
  readonly top: number;
}

interface SliceRow {
  dim: 'owner' | 'region' | 'tier' | 'top';
  key: string;
  fen: number;
  n: number;
}

function slices<K extends string>(rows: readonly SliceRow[], dim: SliceRow['dim'], totalFen: number) {
  return rows
    .filter((row) => row.dim === dim)
    .map((row): PortfolioSlice<K> => ({
      key: row.key as K,
      amountFen: row.fen,
      share: shareOf(row.fen, totalFen),
      accounts: row.n,
    }))
    .sort((a, b) => b.amountFen - a.amountFen || a.key.localeCompare(b.key));
}

export function portfolioOf(db: Db, request: PortfolioRequest): PortfolioStats {
  const source = rollupSource(request.window, request.categories, request);
  const accountRows = db
    .statement(
      `WITH amounts AS MATERIALIZED (
        SELECT account_id, SUM(${source.sum}) AS fen ${source.from} GROUP BY account_id
      ),
      joined AS MATERIALIZED (
        SELECT a.owner, a.region, a.tier, amounts.fen FROM amounts
        JOIN accounts a ON a.id = amounts.account_id WHERE amounts.fen <> 0
      )
      SELECT 'owner' AS dim, owner AS key, SUM(fen) AS fen, COUNT(*) AS n FROM joined GROUP BY owner
      UNION ALL SELECT 'region', region, SUM(fen), COUNT(*) FROM joined GROUP BY region
      UNION ALL SELECT 'tier', tier, SUM(fen), COUNT(*) FROM joined GROUP BY tier
      UNION ALL SELECT 'top', account_id, fen, 0 FROM (
        SELECT account_id, fen FROM amounts WHERE fen > 0 ORDER BY fen DESC, account_id LIMIT ?)`,
    )
    .all(...source.parameters, request.top) as SliceRow[];

  const byOwner = slices(accountRows, 'owner', 0);
  const totalFen = byOwner.reduce((sum, slice) => sum + slice.amountFen, 0);
  const accounts = byOwner.reduce((sum, slice) => sum + slice.accounts, 0);
  const topRows = accountRows.filter((row) => row.dim === 'top');
  const summaries = summariesOf(
    db,
    topRows.map((row) => row.key),
  );
  const top: RankedAccount[] = topRows.flatMap((row, index) => {
    const account = summaries.get(row.key);
    return account
      ? [{ rank: index + 1, account, amountFen: row.fen, share: shareOf(row.fen, totalFen) }]
      : [];
  });

  const { byCategory, series } = categoriesAndSeries(db, request);
  return {
    window: request.window,
    categories: request.categories && request.categories.length > 0 ? request.categories : null,
    totalFen,
    accounts,
    series,
    byOwner: slices(accountRows, 'owner', totalFen),
    byRegion: slices(accountRows, 'region', totalFen),
    byTier: slices<Tier>(accountRows, 'tier', totalFen),
    byCategory: byCategory.map((slice) => ({ ...slice, share: shareOf(slice.amountFen, totalFen) })),
    top,
  };
}

/** Per category and year, each month summed; per category, how many accounts billed it. */
function categoriesAndSeries(db: Db, request: PortfolioRequest) {
  const source = rollupSource(request.window, request.categories, request, true);
  const sums = monthColumns.map((column) => `SUM(${column}) AS ${column}`).join(', ');
  // Accounts per category: flags per account (grouping by account follows the primary key,
  // so it streams), then summed. COUNT(DISTINCT) per category sorted 600,000 rows instead.
  const flags = consumptionCategories
    .map((category, i) => `MAX(category = '${category}' AND ${source.sum} <> 0) AS c${i}`)
    .join(', ');
  const counts = db
    .statement(
      `SELECT ${consumptionCategories.map((_, i) => `SUM(c${i})`).join(', ')}
       FROM (SELECT ${flags} ${source.from} GROUP BY account_id)`,
    )
    .raw(true)
    .get(...source.parameters) as (number | null)[];
  const rows = db
    .statement(`SELECT category, year, ${sums} ${source.from} GROUP BY category, year`)
    .all(...source.parameters) as ({ category: ConsumptionCategory; year: number } & Record<
    string,
    number
  >)[];
  const periods = periodsEnding(request.window.to, request.window.months);
  const byPeriod = new Map<string, number>();
  const byCategory = new Map<ConsumptionCategory, { amountFen: number; accounts: number }>();
  for (const row of rows) {
    const slice = byCategory.get(row.category) ?? {
      amountFen: 0,
      accounts: counts[consumptionCategories.indexOf(row.category)] ?? 0,
    };
    byCategory.set(row.category, slice);
    for (const period of periods) {
      if (Number(period.slice(0, 4)) !== row.year) continue;
      const fen = row[`m${period.slice(5, 7)}`] ?? 0;
      slice.amountFen += fen;
      byPeriod.set(period, (byPeriod.get(period) ?? 0) + fen);
    }
  }
  return {
    series: periods.map((period) => ({ period, amountFen: byPeriod.get(period) ?? 0 })),
    byCategory: [...byCategory.entries()]
      .filter(([, slice]) => slice.amountFen !== 0)
      .map(([key, slice]) => ({ key, ...slice, share: 0 }))
      .sort((a, b) => b.amountFen - a.amountFen || a.key.localeCompare(b.key)),
  };
}
