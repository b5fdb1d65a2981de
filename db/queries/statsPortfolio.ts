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
import { summariesOf } from './statsAccounts';
import { heldWindow, isHeldWindow } from './consumptionWindow';
import {
  accountCondition,
  accountSumSource,
  rollupSource,
  scopeConditions,
  type StatsScope,
} from './statsScope';

/**
 * The portfolio in slices (owner, region, tier, category), month by month, and its largest
 * accounts. Three statements, each one pass over a roll-up table with no per-account output
 * except where the slice needs it (measured on 100,000 accounts, 12-month window):
 * - per-account window sums of the total roll-up, joined to accounts and grouped by owner ×
 *   region × tier (about 1,600 rows, split into the three slicings in JavaScript), plus the
 *   top N (~300 ms);
 * - the monthly series: one aggregate row, a `SUM(CASE year …)` per month (~130 ms);
 * - categories from the category roll-up: per account, its rows' window sums tagged with the
 *   category (`fen × 16 + category index`, concatenated), which JavaScript adds per category
 *   and uses to count each account once per category (~350 ms).
 * The first cut grouped the category roll-up by category and year and by account with a flag
 * per category: 2.5 s.
 */
export interface PortfolioRequest extends StatsScope {
  readonly window: PeriodWindow;
  readonly categories?: readonly ConsumptionCategory[] | undefined;
  readonly top: number;
}

/** `[owner, region, tier, fen, accounts]`, or `[null, account id, null, fen, 0]` for a top row. */
type AccountRow = [string | null, string, string | null, number, number];

function slice<K extends string>(totals: Map<K, { fen: number; n: number }>, totalFen: number) {
  return [...totals]
    .map(([key, { fen, n }]): PortfolioSlice<K> => ({
      key,
      amountFen: fen,
      share: shareOf(fen, totalFen),
      accounts: n,
    }))
    .sort((a, b) => b.amountFen - a.amountFen || a.key.localeCompare(b.key));
}

function addTo<K>(totals: Map<K, { fen: number; n: number }>, key: K, fen: number, n: number): void {
  const entry = totals.get(key);
  if (entry) {
    entry.fen += fen;
    entry.n += n;
  } else totals.set(key, { fen, n });
}

/**
 * Per owner × region × tier, the window's fen and accounts, then the top N accounts. For the
 * default window in all categories, from `account_stats`: each live account's slice beside its
 * window total, one covering scan of `account_stats_slice` in group order (no probe, no sort).
 * Otherwise the per-account sums are computed first and each looks its account up.
 */
function sliceRows(db: Db, request: PortfolioRequest, held: boolean): AccountRow[] {
  if (held && (!request.categories || request.categories.length === 0)) {
    const scope = scopeConditions(request);
    const where = scope.conditions.map((condition) => ` AND ${condition}`).join('');
    return db
      .statement(
        `SELECT owner, region, tier, SUM(window_fen), COUNT(*)
        FROM account_stats INDEXED BY account_stats_slice WHERE window_fen <> 0${where}
        GROUP BY owner, region, tier
        UNION ALL SELECT NULL, account_id, NULL, window_fen, 0 FROM (
          SELECT account_id, window_fen FROM account_stats WHERE window_fen > 0${where}
          ORDER BY window_fen DESC, account_id LIMIT ?)`,
      )
      .raw(true)
      .all(...scope.parameters, ...scope.parameters, request.top) as AccountRow[];
  }
  const source = accountSumSource(db, request.window, request.categories, request);
  return db
    .statement(
      `WITH amounts AS MATERIALIZED (
        SELECT account_id, SUM(${source.sum}) AS fen ${source.from} GROUP BY account_id
      )
      SELECT a.owner, a.region, a.tier, SUM(fen), COUNT(*)
      FROM amounts CROSS JOIN accounts a ON a.id = amounts.account_id
      WHERE amounts.fen <> 0 GROUP BY a.owner, a.region, a.tier
      UNION ALL SELECT NULL, account_id, NULL, fen, 0 FROM (
        SELECT account_id, fen FROM amounts WHERE fen > 0 ORDER BY fen DESC, account_id LIMIT ?)`,
    )
    .raw(true)
    .all(...source.parameters, request.top) as AccountRow[];
}

export function portfolioOf(db: Db, request: PortfolioRequest): Omit<PortfolioStats, 'billed'> {
  const held = isHeldWindow(heldWindow(db), request.window);
  const rows = sliceRows(db, request, held);

  const owners = new Map<string, { fen: number; n: number }>();
  const regions = new Map<string, { fen: number; n: number }>();
  const tiers = new Map<Tier, { fen: number; n: number }>();
  const topRows: { id: string; fen: number }[] = [];
  let totalFen = 0;
  let accounts = 0;
  for (const [owner, region, tier, fen, n] of rows) {
    if (owner === null || tier === null) {
      topRows.push({ id: region, fen });
      continue;
    }
    addTo(owners, owner, fen, n);
    addTo(regions, region, fen, n);
    addTo(tiers, tier as Tier, fen, n);
    totalFen += fen;
    accounts += n;
  }
  const summaries = summariesOf(
    db,
    topRows.map((row) => row.id),
  );
  const top: RankedAccount[] = topRows.flatMap((row, index) => {
    const account = summaries.get(row.id);
    return account
      ? [{ rank: index + 1, account, amountFen: row.fen, share: shareOf(row.fen, totalFen) }]
      : [];
  });

  return {
    window: request.window,
    categories: request.categories && request.categories.length > 0 ? request.categories : null,
    totalFen,
    accounts,
    series: seriesOf(db, request),
    byOwner: slice(owners, totalFen),
    byRegion: slice(regions, totalFen),
    byTier: slice(tiers, totalFen),
    byCategory: (held ? heldCategorySlices(db, request) : categorySlices(db, request)).map((entry) => ({
      ...entry,
      share: shareOf(entry.amountFen, totalFen),
    })),
    top,
  };
}

/**
 * The window month by month. For the whole book in all categories, the kept month totals less
 * the deleted accounts' bills (few); otherwise one aggregate row over the roll-up, no grouping
 * (a GROUP BY year sorted every row).
 */
function seriesOf(db: Db, request: PortfolioRequest) {
  const periods = periodsEnding(request.window.to, request.window.months);
  const wholeBook =
    (!request.categories || request.categories.length === 0) &&
    scopeConditions(request).conditions.length === 0;
  const source = wholeBook
    ? {
        // The deleted accounts' roll-up rows, subtracted from the book's kept month totals.
        from: `FROM consumption_rollup_total WHERE account_id IN (SELECT id FROM accounts WHERE deleted = 1)`,
        parameters: [] as unknown[],
      }
    : rollupSource(request.window, request.categories, request);
  const sums = periods.map(
    (period) => `SUM(CASE year WHEN ${Number(period.slice(0, 4))} THEN m${period.slice(5, 7)} ELSE 0 END)`,
  );
  const values = db
    .statement(`SELECT ${sums.join(', ')} ${source.from}`)
    .raw(true)
    .get(...source.parameters) as (number | null)[];
  if (!wholeBook) return periods.map((period, i) => ({ period, amountFen: values[i] ?? 0 }));
  const kept = new Map(
    db
      .statement(`SELECT period, fen FROM consumption_month_total WHERE period BETWEEN ? AND ?`)
      .raw(true)
      .all(periods[0] ?? '', periods.at(-1) ?? '') as [string, number][],
  );
  return periods.map((period, i) => ({ period, amountFen: (kept.get(period) ?? 0) - (values[i] ?? 0) }));
}

/**
 * Per category from the window totals: one row per account and category, so the accounts with
 * a non-zero total are simply counted, grouped in key order.
 */
function heldCategorySlices(db: Db, request: PortfolioRequest): PortfolioSlice<ConsumptionCategory>[] {
  const accounts = accountCondition(request);
  const categories = request.categories ?? [];
  const only = categories.length > 0 ? `category IN (${categories.map(() => '?').join(', ')}) AND ` : '';
  const rows = db
    .statement(
      `SELECT category, SUM(fen), COUNT(*) FROM consumption_window
      WHERE fen <> 0 AND ${only}${accounts.where} GROUP BY category`,
    )
    .raw(true)
    .all(...categories, ...accounts.parameters) as [ConsumptionCategory, number, number][];
  return rows
    .flatMap(([key, amountFen, n]) => (amountFen !== 0 ? [{ key, amountFen, share: 0, accounts: n }] : []))
    .sort((a, b) => b.amountFen - a.amountFen || a.key.localeCompare(b.key));
}

/** Categories tagged into the low 4 bits of each row's window sum. */
const categoryIndex = `CASE category ${consumptionCategories.map((category, i) => `WHEN '${category}' THEN ${i}`).join(' ')} END`;

/**
 * Per category, the window's fen and how many accounts have a row in it with a non-zero
 * window sum. Grouping by account follows the primary key, so it streams; grouping by
 * category (or counting distinct accounts per category) sorted every row instead.
 */
function categorySlices(db: Db, request: PortfolioRequest): PortfolioSlice<ConsumptionCategory>[] {
  const source = rollupSource(request.window, request.categories, request, true);
  const perAccount = db
    .statement(
      `SELECT group_concat((${source.sum}) * 16 + ${categoryIndex}) ${source.from} GROUP BY account_id`,
    )
    .pluck(true)
    .all(...source.parameters) as (string | null)[];
  const amounts = consumptionCategories.map(() => 0);
  const accounts = consumptionCategories.map(() => 0);
  for (const tagged of perAccount) {
    if (tagged === null) continue;
    let mask = 0;
    for (const token of tagged.split(',')) {
      const value = Number(token);
      const index = ((value % 16) + 16) % 16;
      const fen = (value - index) / 16;
      if (fen === 0) continue;
      amounts[index] = (amounts[index] ?? 0) + fen;
      mask |= 1 << index;
    }
    for (let index = 0; mask !== 0; index++, mask >>>= 1)
      if (mask & 1) accounts[index] = (accounts[index] ?? 0) + 1;
  }
  return consumptionCategories
    .flatMap((key, index) => {
      const amountFen = amounts[index] ?? 0;
      return amountFen !== 0 ? [{ key, amountFen, share: 0, accounts: accounts[index] ?? 0 }] : [];
    })
    .sort((a, b) => b.amountFen - a.amountFen || a.key.localeCompare(b.key));
}
