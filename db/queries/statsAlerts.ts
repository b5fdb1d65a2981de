import { addMonths } from '../../shared/domain/period';
import type { ConsumptionCategory, SlippingStats } from '../../shared/types';
import type { Db } from '../connection';
import { windowSum } from './consumptionRollup';
import { summariesOf } from './statsAccounts';
import { rollupSource, type StatsScope } from './statsScope';

/** What wants a manager's attention: accounts spending less (visit coverage: statsCoverage.ts). */

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
