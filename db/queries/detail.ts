import { sql } from 'kysely';
import { periodOfDate, periodsEnding } from '../../shared/domain/period';
import type {
  AccountKind,
  AccountStatus,
  AccountSummary,
  ConsumptionCategory,
  ConsumptionSummary,
  CustomerGroupNode,
  RelationshipView,
  Tier,
} from '../../shared/types';
import { uuidV7Time } from '../../shared/domain/uuid7';
import type { Db } from '../connection';
import { toAccountSummary, type AccountRow } from './accounts';
import { monthColumns } from './consumptionRollup';

/** The relationships of an account in both directions, with the live account at the other end. */
export function relationshipsOf(db: Db, accountId: string): RelationshipView[] {
  const views: RelationshipView[] = [];
  for (const direction of ['out', 'in'] as const) {
    const [near, far] =
      direction === 'out' ? (['r.from_id', 'r.to_id'] as const) : (['r.to_id', 'r.from_id'] as const);
    const rows = db.all(
      db.query
        .selectFrom('relationships as r')
        .innerJoin('accounts as a', 'a.id', far)
        .selectAll('a')
        .select(['r.id as r_id', 'r.from_id', 'r.to_id', 'r.type', 'r.role', 'r.note'])
        .where(near, '=', accountId)
        .where('r.deleted', '=', 0)
        .where('a.deleted', '=', 0)
        .orderBy('r.type')
        .orderBy('a.name_pinyin'),
    );
    for (const row of rows) {
      views.push({
        id: row.r_id,
        fromId: row.from_id,
        toId: row.to_id,
        type: row.type,
        role: row.role,
        note: row.note,
        createdAt: uuidV7Time(row.r_id),
        direction,
        other: toAccountSummary(row),
      });
    }
  }
  return views;
}

/**
 * Group walks follow `holds` relationships between live accounts only: a deleted company drops
 * out of its group with its links (they come back with it). The depth bound keeps a cycle that
 * arrived by sync from looping forever.
 */
const maxGroupDepth = 32;
const maxGroupSize = 5000;

/**
 * The root of the customer group an account is in (itself when it has no parent company). A
 * company held by two groups is in the one whose root has the smallest id, as in `groupRoots`
 * (the 80/20 view), so both show it in the same group.
 */
export function groupRootOf(db: Db, accountId: string): string {
  const row = sql<{ id: string }>`
    WITH RECURSIVE up(id, depth) AS (
      SELECT ${accountId}, 0
      UNION
      SELECT r.from_id, up.depth + 1 FROM relationships r JOIN up ON r.to_id = up.id
      JOIN accounts a ON a.id = r.from_id AND a.deleted = 0
      WHERE r.type = 'holds' AND r.deleted = 0 AND up.depth < ${maxGroupDepth}
    )
    SELECT DISTINCT up.id FROM up WHERE NOT EXISTS (
      SELECT 1 FROM relationships r JOIN accounts a ON a.id = r.from_id AND a.deleted = 0
      WHERE r.to_id = up.id AND r.type = 'holds' AND r.deleted = 0
    ) ORDER BY up.id LIMIT 1`;
  return db.first(row.compile(db.query))?.id ?? accountId;
}

/**
 * Every company under `rootId` (itself included), parents before children. CROSS JOIN keeps
 * the walk as the outer loop: left to itself the planner scanned all 100,000 accounts.
 */
export function groupTree(db: Db, rootId: string): CustomerGroupNode[] {
  // Only the summary's columns: whole account rows (addresses, notes) doubled the cost.
  const query = sql<
    Pick<AccountRow, 'id' | 'kind' | 'customer_no' | 'name' | 'tier' | 'status' | 'owner' | 'region'> & {
      parent_id: string | null;
      depth: number;
    }
  >`
    WITH RECURSIVE down(id, parent_id, depth) AS (
      SELECT ${rootId}, NULL, 0
      UNION
      SELECT r.to_id, r.from_id, down.depth + 1 FROM relationships r JOIN down ON r.from_id = down.id
      JOIN accounts a ON a.id = r.to_id AND a.deleted = 0
      WHERE r.type = 'holds' AND r.deleted = 0 AND down.depth < ${maxGroupDepth}
    )
    SELECT a.id, a.kind, a.customer_no, a.name, a.tier, a.status, a.owner, a.region, down.parent_id, down.depth
    FROM down CROSS JOIN accounts a ON a.id = down.id
    WHERE a.deleted = 0 ORDER BY down.depth, a.name_pinyin LIMIT ${maxGroupSize}`;
  const seen = new Set<string>();
  const nodes: CustomerGroupNode[] = [];
  for (const row of db.all(query.compile(db.query))) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const account: AccountSummary = {
      id: row.id,
      kind: row.kind as AccountKind,
      customerNo: row.customer_no,
      name: row.name,
      tier: row.tier as Tier,
      status: row.status as AccountStatus,
      owner: row.owner,
      region: row.region,
    };
    nodes.push({ account, parentId: row.parent_id, depth: row.depth });
  }
  return nodes;
}

/** The customer group of an account, or empty when it belongs to none. */
export function customerGroupOf(db: Db, accountId: string): CustomerGroupNode[] {
  const nodes = groupTree(db, groupRootOf(db, accountId));
  return nodes.length > 1 ? nodes : [];
}

/**
 * An account's consumption for its detail page, from the category roll-up (a few rows per
 * year) instead of its raw bills. The roll-up drops cells that sum to zero, so `byCategory`
 * lists the categories with a non-zero month in the last 12 (raw rows also listed a category
 * whose bills there summed to exactly zero, at 0). `latestPeriod` still counts zero-amount bills:
 * it is read from the `(account_id, period)` index, newest first (one row unless deleted).
 */
export function consumptionSummaryOf(
  db: Db,
  accountId: string,
  today: Date = new Date(),
): ConsumptionSummary {
  const rows = db
    .statement(
      `SELECT year, category, ${monthColumns.join(', ')} FROM consumption_rollup WHERE account_id = ?`,
    )
    .raw(true)
    .all(accountId) as [number, ConsumptionCategory, ...number[]][];
  const latestPeriod =
    (db
      .statement(
        'SELECT period FROM consumption WHERE account_id = ? AND deleted = 0 ORDER BY period DESC LIMIT 1',
      )
      .pluck(true)
      .get(accountId) as string | undefined) ?? null;
  const last12 = periodsEnding(periodOfDate(today), 12);
  const first12 = last12[0] ?? '';
  const lastPeriod = last12.at(-1) ?? '';
  const previousFirst = periodsEnding(first12, 13)[0] ?? '';
  const byPeriod = new Map<string, number>();
  const byCategory = new Map<ConsumptionCategory, number>();
  // Equal amounts keep the order raw bills gave them: first month billed, then category.
  const firstBilled = new Map<ConsumptionCategory, string>();
  let lifetimeFen = 0;
  let previous12MonthsFen = 0;
  for (const [year, category, ...months] of rows) {
    months.forEach((fen, index) => {
      if (fen === 0) return;
      const period = `${year}-${String(index + 1).padStart(2, '0')}`;
      lifetimeFen += fen;
      byPeriod.set(period, (byPeriod.get(period) ?? 0) + fen);
      if (period > lastPeriod) return;
      if (period >= first12) {
        byCategory.set(category, (byCategory.get(category) ?? 0) + fen);
        const seen = firstBilled.get(category);
        if (seen === undefined || period < seen) firstBilled.set(category, period);
      } else if (period >= previousFirst) previous12MonthsFen += fen;
    });
  }
  const months = last12.map((period) => ({ period, amountFen: byPeriod.get(period) ?? 0 }));
  return {
    months,
    last12MonthsFen: months.reduce((sum, month) => sum + month.amountFen, 0),
    previous12MonthsFen,
    lifetimeFen,
    byCategory: [...byCategory.entries()]
      .map(([category, amountFen]) => ({ category, amountFen }))
      .sort(
        (a, b) =>
          b.amountFen - a.amountFen ||
          (firstBilled.get(a.category) ?? '').localeCompare(firstBilled.get(b.category) ?? '') ||
          a.category.localeCompare(b.category),
      ),
    latestPeriod,
  };
}
