import type { OperationName } from '../../shared/api';
import { groupRoots } from '../../db/queries/statsGroups';
import type { Fieldbook } from '../../db/service';
import { percentile, seededRandom } from './stats';

/**
 * Consumption statistics on the bench data set, through the dispatcher as the app
 * calls them: an account's 24-month series, a ~200-company group rolled up, the portfolio
 * Pareto (accounts, groups, one category), portfolio slices, slipping accounts, visit
 * coverage, the same for one manager's accounts, and one full rebuild of the roll-up and the kept
 * statistics.
 */
export interface ConsumptionStatsResult {
  readonly rollupRows: number;
  readonly accountSeriesP50: number;
  readonly accountSeriesP95: number;
  readonly groupSize: number;
  readonly groupRollupP50: number;
  readonly groupRollupP95: number;
  readonly paretoP50: number;
  readonly paretoP95: number;
  readonly paretoGroupsP95: number;
  readonly paretoCategoryP95: number;
  readonly portfolioP95: number;
  readonly slippingP95: number;
  readonly coverageP95: number;
  /** One manager's book (owner m007, ~2,500 accounts): what a manager's role will see. */
  readonly ownerPortfolioP95: number;
  readonly ownerParetoGroupsP95: number;
  readonly ownerCoverageP95: number;
  readonly rebuildSeconds: number;
}

const context = { actor: 'bench' };

function timed(fieldbook: Fieldbook, name: OperationName, input: unknown, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = fieldbook.dispatch(name, input, context);
    times.push(performance.now() - started);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  }
  return times;
}

export function benchConsumptionStats(fieldbook: Fieldbook, samples: number): ConsumptionStatsResult {
  const sqlite = fieldbook.db.sqlite;
  const random = seededRandom(7);
  // The seed's last billing month, so windows hold data whatever today is.
  const to = (sqlite.prepare('SELECT max(period) AS p FROM consumption').get() as { p: string }).p;
  const accountIds = (
    sqlite.prepare('SELECT DISTINCT account_id AS id FROM consumption_rollup_total').all() as { id: string }[]
  ).map((row) => row.id);
  const pick = () => accountIds[Math.floor(random() * accountIds.length)] ?? '';

  const series: number[] = [];
  for (let i = 0; i < samples; i++)
    series.push(...timed(fieldbook, 'stats.account', { accountId: pick(), to }, 1));

  // The group whose size is closest to 200 companies.
  const sizes = new Map<string, number>();
  for (const root of groupRoots(fieldbook.db).values()) sizes.set(root, (sizes.get(root) ?? 0) + 1);
  const [root = '', size = 0] =
    [...sizes].sort((x, y) => Math.abs(x[1] - 200) - Math.abs(y[1] - 200))[0] ?? [];
  const group = { root, size };
  const groupTimes = timed(fieldbook, 'stats.group', { accountId: group.root, to }, Math.min(samples, 100));

  const runs = 7;
  const pareto = timed(fieldbook, 'stats.pareto', { to }, runs);
  const paretoGroups = timed(fieldbook, 'stats.pareto', { to, by: 'group' }, runs);
  const paretoCategory = timed(fieldbook, 'stats.pareto', { to, categories: ['data'] }, runs);
  const portfolio = timed(fieldbook, 'stats.portfolio', { to }, runs);
  const slipping = timed(fieldbook, 'stats.slipping', { to }, runs);
  const coverage = timed(fieldbook, 'stats.coverage', { today: '2026-11-27' }, runs);
  const owner = 'm007';
  const ownerPortfolio = timed(fieldbook, 'stats.portfolio', { to, owner }, runs);
  const ownerParetoGroups = timed(fieldbook, 'stats.pareto', { to, by: 'group', owner }, runs);
  const ownerCoverage = timed(fieldbook, 'stats.coverage', { today: '2026-11-27', owner }, runs);

  const rebuild = fieldbook.dispatch('stats.rebuild', {}, context);
  if (!rebuild.ok) throw new Error(`stats.rebuild failed: ${JSON.stringify(rebuild.error)}`);
  const rebuilt = rebuild.value as { rows: number; milliseconds: number };

  return {
    rollupRows: rebuilt.rows,
    accountSeriesP50: percentile(series, 50),
    accountSeriesP95: percentile(series, 95),
    groupSize: group.size,
    groupRollupP50: percentile(groupTimes, 50),
    groupRollupP95: percentile(groupTimes, 95),
    paretoP50: percentile(pareto, 50),
    paretoP95: percentile(pareto, 95),
    paretoGroupsP95: percentile(paretoGroups, 95),
    paretoCategoryP95: percentile(paretoCategory, 95),
    portfolioP95: percentile(portfolio, 95),
    slippingP95: percentile(slipping, 95),
    coverageP95: percentile(coverage, 95),
    ownerPortfolioP95: percentile(ownerPortfolio, 95),
    ownerParetoGroupsP95: percentile(ownerParetoGroups, 95),
    ownerCoverageP95: percentile(ownerCoverage, 95),
    rebuildSeconds: rebuilt.milliseconds / 1000,
  };
}

export function formatConsumptionStats(result: ConsumptionStatsResult): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return (
    `Consumption statistics (${result.rollupRows} roll-up rows): account 24-month series p50 ${ms(result.accountSeriesP50)}, ` +
    `p95 ${ms(result.accountSeriesP95)}; group of ${result.groupSize} p50 ${ms(result.groupRollupP50)}, ` +
    `p95 ${ms(result.groupRollupP95)}; Pareto p50 ${ms(result.paretoP50)}, p95 ${ms(result.paretoP95)} ` +
    `(by group p95 ${ms(result.paretoGroupsP95)}, one category p95 ${ms(result.paretoCategoryP95)}); ` +
    `portfolio p95 ${ms(result.portfolioP95)}; slipping p95 ${ms(result.slippingP95)}; ` +
    `visit coverage p95 ${ms(result.coverageP95)}; one manager's (m007) portfolio p95 ${ms(result.ownerPortfolioP95)}, ` +
    `Pareto by group p95 ${ms(result.ownerParetoGroupsP95)}, coverage p95 ${ms(result.ownerCoverageP95)}; ` +
    `rebuild (roll-up and kept statistics) ${result.rebuildSeconds.toFixed(1)} s`
  );
}
