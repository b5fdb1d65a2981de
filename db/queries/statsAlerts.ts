import { addMonths } from '../../shared/domain/period';
import type {
  ConsumptionCategory,
  CoverageStats,
  CoverageTier,
  OverdueAccount,
  SlippingStats,
  Tier,
} from '../../shared/types';
import { tiers } from '../../shared/schemas';
import type { Db } from '../connection';
import { windowSum } from './consumptionRollup';
import { summariesOf } from './statsAccounts';
import { rollupSource, scopeConditions, type StatsScope } from './statsScope';

/** What wants a manager's attention: accounts spending less, accounts not visited lately. */

export interface SlippingRequest extends StatsScope {
  readonly to: string;
  readonly categories?: readonly ConsumptionCategory[] | undefined;
  readonly threshold: number;
  readonly minPreviousFen: number;
  readonly limit: number;
}

const quarter = (to: string) => ({ from: addMonths(to, -2), to, months: 3 });

export function slippingAccounts(db: Db, request: SlippingRequest): Omit<SlippingStats, 'billed'> {
  const recent = quarter(request.to);
  const previous = quarter(addMonths(request.to, -3));
  const source = rollupSource({ from: previous.from, to: recent.to }, request.categories, request);
  const recentSum = windowSum(recent.from, recent.to).sum;
  const previousSum = windowSum(previous.from, previous.to).sum;
  const rows = db
    .statement(
      `WITH amounts AS (
        SELECT account_id, SUM(${recentSum}) AS recent, SUM(${previousSum}) AS previous
        ${source.from} GROUP BY account_id
      ),
      slipped AS MATERIALIZED (
        SELECT * FROM amounts
        WHERE previous > 0 AND previous >= ? AND (previous - recent) * 1.0 / previous > ?
      )
      SELECT account_id, recent, previous, (SELECT COUNT(*) FROM slipped) AS total
      FROM slipped ORDER BY previous - recent DESC, account_id LIMIT ?`,
    )
    .all(...source.parameters, request.minPreviousFen, request.threshold, request.limit) as {
    account_id: string;
    recent: number;
    previous: number;
    total: number;
  }[];
  const summaries = summariesOf(
    db,
    rows.map((row) => row.account_id),
  );
  return {
    recent,
    previous,
    threshold: request.threshold,
    total: rows[0]?.total ?? 0,
    rows: rows.flatMap((row) => {
      const account = summaries.get(row.account_id);
      if (!account) return [];
      const changeFen = row.recent - row.previous;
      return [
        {
          account,
          recentFen: row.recent,
          previousFen: row.previous,
          changeFen,
          change: changeFen / row.previous,
        },
      ];
    }),
  };
}

export interface CoverageRequest extends StatsScope {
  readonly today: string;
  /** The device's offset from UTC: visits are stored in UTC and counted by their local date. */
  readonly utcOffsetMinutes: number;
  readonly cadenceDays: Readonly<Record<Tier, number>>;
  readonly limit: number;
}

/**
 * Days are counted between calendar dates on the device: today and the local date of the
 * latest live visit (a visit at 07:00 in Beijing is stored as 23:00 UTC the day before). The latest visit is read newest-first from the `(account_id,
 * occurred_at)` index, so a deleted visit costs one extra look, not a scan of the history.
 */
export function coverageOf(db: Db, request: CoverageRequest): CoverageStats {
  const scope = scopeConditions(request, 'a.');
  const cadence = tiers.map((tier) => request.cadenceDays[tier]);
  const rows = db
    .statement(
      `WITH judged AS MATERIALIZED (
        SELECT id, tier, last_visit,
          CASE tier WHEN 'strategic' THEN ? WHEN 'partner' THEN ? WHEN 'commercial' THEN ? ELSE ? END AS cadence,
          CAST(julianday(?) - julianday(date(last_visit, ? || ' minutes')) AS INTEGER) AS since,
          CASE tier WHEN 'strategic' THEN 0 WHEN 'partner' THEN 1 WHEN 'commercial' THEN 2 ELSE 3 END AS tier_rank
        FROM (
          SELECT a.id, a.tier, (
            SELECT v.occurred_at FROM visits v WHERE v.account_id = a.id AND v.deleted = 0
            ORDER BY v.occurred_at DESC LIMIT 1) AS last_visit
          FROM accounts a WHERE a.deleted = 0 AND a.status = 'active'
          ${scope.conditions.map((condition) => `AND ${condition}`).join(' ')}
        )
      ),
      overdue AS MATERIALIZED (SELECT * FROM judged WHERE last_visit IS NULL OR since > cadence)
      SELECT 'tier' AS part, tier AS id, NULL AS last_visit, NULL AS since, COUNT(*) AS cadence,
        SUM(last_visit IS NULL OR since > cadence) AS overdue, SUM(last_visit IS NULL) AS never
      FROM judged GROUP BY tier
      UNION ALL
      SELECT * FROM (
        SELECT 'row', id, last_visit, since, cadence, NULL, NULL FROM overdue
        ORDER BY tier_rank, last_visit IS NOT NULL, since - cadence DESC, id LIMIT ?)`,
    )
    .all(
      ...cadence,
      request.today,
      `${request.utcOffsetMinutes >= 0 ? '+' : ''}${request.utcOffsetMinutes}`,
      ...scope.parameters,
      request.limit,
    ) as {
    part: 'tier' | 'row';
    id: string;
    last_visit: string | null;
    since: number | null;
    cadence: number;
    overdue: number | null;
    never: number | null;
  }[];

  const byTier: CoverageTier[] = tiers.map((tier) => {
    const row = rows.find((candidate) => candidate.part === 'tier' && candidate.id === tier);
    const accounts = row?.cadence ?? 0;
    const overdue = row?.overdue ?? 0;
    return {
      tier,
      cadenceDays: request.cadenceDays[tier],
      accounts,
      overdue,
      neverVisited: row?.never ?? 0,
      coverage: accounts > 0 ? (accounts - overdue) / accounts : 1,
    };
  });
  const overdueRows = rows.filter((row) => row.part === 'row');
  const summaries = summariesOf(
    db,
    overdueRows.map((row) => row.id),
  );
  const listed: OverdueAccount[] = overdueRows.flatMap((row) => {
    const account = summaries.get(row.id);
    if (!account) return [];
    return [
      {
        account,
        lastVisitAt: row.last_visit,
        daysSinceVisit: row.last_visit === null ? null : row.since,
        cadenceDays: row.cadence,
        overdueDays: row.last_visit === null || row.since === null ? null : row.since - row.cadence,
      },
    ];
  });
  return {
    today: request.today,
    byTier,
    overdue: byTier.reduce((sum, tier) => sum + tier.overdue, 0),
    rows: listed,
  };
}
