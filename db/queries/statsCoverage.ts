import { addDays, epochDay } from '../../shared/domain/lunarCalendar';
import type { CoverageStats, CoverageTier, OverdueAccount, Tier } from '../../shared/types';
import { tiers } from '../../shared/schemas';
import type { Db } from '../connection';
import { summariesOf } from './statsAccounts';
import { scopeConditions, type StatsScope } from './statsScope';

export interface CoverageRequest extends StatsScope {
  readonly today: string;
  /** The device's offset from UTC: visits are stored in UTC and counted by their local date. */
  readonly utcOffsetMinutes: number;
  readonly cadenceDays: Readonly<Record<Tier, number>>;
  readonly limit: number;
}

/**
 * Visit coverage from `account_stats` (each active account's tier and latest live visit, kept by
 * the write path; db/queries/accountStats.ts), read through its `(active, tier, last_visit,
 * owner, region)` index.
 *
 * Days are counted between calendar dates on the device: today and the local date of the latest
 * visit (a visit at 07:00 in Beijing is stored as 23:00 UTC the day before). "More than
 * `cadence` days since" is "latest visit before the UTC instant at which local day `today −
 * cadence` starts": stored times are `toISOString()` text, so that is one range of the index,
 * and each tier's counts are three range counts instead of one visit lookup per account. The
 * overdue list is read in index order (oldest visit first) and only the rows of its last local
 * day are read beyond the limit, so the order by days (then id) is exact. An owner or region
 * filter is checked on the index entries (both are in it): a manager's or a team's coverage reads
 * the same ranges, a few entries per account.
 */
export function coverageOf(db: Db, request: CoverageRequest): CoverageStats {
  const offsetMs = request.utcOffsetMinutes * 60_000;
  /** The UTC instant (as stored) at which a local calendar day starts. */
  const startOf = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) - offsetMs).toISOString();
  const localDateOf = (iso: string) => new Date(Date.parse(iso) + offsetMs).toISOString().slice(0, 10);
  const today = epochDay(request.today);

  const { conditions, parameters } = scopeConditions({ owners: request.owners, region: request.region });
  const filter = conditions.map((condition) => ` AND ${condition}`).join('');
  const from = `FROM account_stats INDEXED BY account_stats_coverage WHERE active = 1 AND tier = ?`;
  const count = (tier: Tier, extra: string, ...values: unknown[]) =>
    Number(
      db
        .statement(`SELECT count(*) ${from}${extra}${filter}`)
        .pluck(true)
        .get(tier, ...values, ...parameters),
    );

  const wanted = new Set<Tier>(request.tiers && request.tiers.length > 0 ? request.tiers : tiers);
  const listed: { id: string; lastVisit: string | null; cadence: number }[] = [];
  const byTier: CoverageTier[] = tiers.map((tier) => {
    const cadence = request.cadenceDays[tier];
    if (!wanted.has(tier))
      return { tier, cadenceDays: cadence, accounts: 0, overdue: 0, neverVisited: 0, coverage: 1 };
    const cutoff = startOf(addDays(request.today, -cadence));
    const accounts = count(tier, '');
    const neverVisited = count(tier, ' AND last_visit IS NULL');
    const overdue = neverVisited + count(tier, ' AND last_visit < ?', cutoff);
    let room = request.limit - listed.length;
    if (room > 0 && neverVisited > 0) {
      const never = db
        .statement(`SELECT account_id ${from} AND last_visit IS NULL${filter} ORDER BY account_id LIMIT ?`)
        .pluck(true)
        .all(tier, ...parameters, room) as string[];
      for (const id of never) listed.push({ id, lastVisit: null, cadence });
      room -= never.length;
    }
    if (room > 0 && overdue > neverVisited) {
      // The room-th oldest visit: the list ends within its local day, which is read whole.
      const boundary = db
        .statement(
          `SELECT last_visit ${from} AND last_visit < ?${filter} ORDER BY last_visit LIMIT 1 OFFSET ?`,
        )
        .pluck(true)
        .get(tier, cutoff, ...parameters, room - 1) as string | undefined;
      const dayAfter = boundary === undefined ? cutoff : startOf(addDays(localDateOf(boundary), 1));
      const upTo = dayAfter < cutoff ? dayAfter : cutoff;
      const late = db
        .statement(`SELECT account_id, last_visit ${from} AND last_visit < ?${filter}`)
        .raw(true)
        .all(tier, upTo, ...parameters) as [string, string][];
      const ranked = late
        .map(([id, lastVisit]) => ({ id, lastVisit, day: localDateOf(lastVisit) }))
        .sort((a, b) =>
          a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
        );
      for (const row of ranked.slice(0, room)) listed.push({ id: row.id, lastVisit: row.lastVisit, cadence });
    }
    return {
      tier,
      cadenceDays: cadence,
      accounts,
      overdue,
      neverVisited,
      coverage: accounts > 0 ? (accounts - overdue) / accounts : 1,
    };
  });

  const summaries = summariesOf(
    db,
    listed.map((row) => row.id),
  );
  const rows: OverdueAccount[] = listed.flatMap((row) => {
    const account = summaries.get(row.id);
    if (!account) return [];
    const since = row.lastVisit === null ? null : today - epochDay(localDateOf(row.lastVisit));
    return [
      {
        account,
        lastVisitAt: row.lastVisit,
        daysSinceVisit: since,
        cadenceDays: row.cadence,
        overdueDays: since === null ? null : since - row.cadence,
      },
    ];
  });
  return {
    today: request.today,
    byTier,
    overdue: byTier.reduce((sum, tier) => sum + tier.overdue, 0),
    rows,
  };
}
