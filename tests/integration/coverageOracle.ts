import type { CoverageStats, CoverageTier, OverdueAccount } from '../../shared/types';
import { tiers } from '../../shared/schemas';
import type { Db } from '../../db/connection';
import { summariesOf } from '../../db/queries/statsAccounts';
import { scopeConditions } from '../../db/queries/statsScope';
import type { CoverageRequest } from '../../db/queries/statsCoverage';

/**
 * Visit coverage computed from the raw visits, as the app did before `account_stats` kept each
 * account's latest visit: every active account probes its newest live visit. The reference the
 * kept path is checked against.
 */
export function coverageByVisits(db: Db, request: CoverageRequest): CoverageStats {
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
