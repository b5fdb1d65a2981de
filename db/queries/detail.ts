import { sql } from 'kysely';
import { periodOfDate, periodsEnding } from '../../shared/domain/period';
import type {
  ConsumptionCategory,
  ConsumptionSummary,
  CustomerGroupNode,
  RelationshipType,
  RelationshipView,
} from '../../shared/types';
import { uuidV7Time } from '../../shared/domain/uuid7';
import type { Db } from '../connection';
import { toAccountSummary, type AccountRow } from './accounts';

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
        type: row.type as RelationshipType,
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

/** The root of the customer group an account is in (itself when it has no parent company). */
export function groupRootOf(db: Db, accountId: string): string {
  const row = sql<{ id: string }>`
    WITH RECURSIVE up(id, depth) AS (
      SELECT ${accountId}, 0
      UNION
      SELECT r.from_id, up.depth + 1 FROM relationships r JOIN up ON r.to_id = up.id
      JOIN accounts a ON a.id = r.from_id AND a.deleted = 0
      WHERE r.type = 'holds' AND r.deleted = 0 AND up.depth < ${maxGroupDepth}
    )
    SELECT id FROM up ORDER BY depth DESC LIMIT 1`;
  return db.first(row.compile(db.query))?.id ?? accountId;
}

/**
 * Every company under `rootId` (itself included), parents before children. CROSS JOIN keeps
 * the walk as the outer loop: left to itself the planner scanned all 100,000 accounts.
 */
export function groupTree(db: Db, rootId: string): CustomerGroupNode[] {
  const query = sql<AccountRow & { parent_id: string | null; depth: number }>`
    WITH RECURSIVE down(id, parent_id, depth) AS (
      SELECT ${rootId}, NULL, 0
      UNION
      SELECT r.to_id, r.from_id, down.depth + 1 FROM relationships r JOIN down ON r.from_id = down.id
      JOIN accounts a ON a.id = r.to_id AND a.deleted = 0
      WHERE r.type = 'holds' AND r.deleted = 0 AND down.depth < ${maxGroupDepth}
    )
    SELECT a.*, down.parent_id, down.depth FROM down CROSS JOIN accounts a ON a.id = down.id
    WHERE a.deleted = 0 ORDER BY down.depth, a.name_pinyin LIMIT ${maxGroupSize}`;
  const seen = new Set<string>();
  const nodes: CustomerGroupNode[] = [];
  for (const row of db.all(query.compile(db.query))) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    nodes.push({ account: toAccountSummary(row), parentId: row.parent_id, depth: row.depth });
  }
  return nodes;
}

/** The customer group of an account, or empty when it belongs to none. */
export function customerGroupOf(db: Db, accountId: string): CustomerGroupNode[] {
  const nodes = groupTree(db, groupRootOf(db, accountId));
  return nodes.length > 1 ? nodes : [];
}

export function consumptionSummaryOf(
  db: Db,
  accountId: string,
  today: Date = new Date(),
): ConsumptionSummary {
  const rows = db.all(
    db.query
      .selectFrom('consumption')
      .select(['period', 'category', (eb) => eb.fn.sum<number>('amount_fen').as('fen')])
      .where('account_id', '=', accountId)
      .where('deleted', '=', 0)
      .groupBy(['period', 'category']),
  );
  const last12 = periodsEnding(periodOfDate(today), 12);
  const first12 = last12[0] ?? '';
  const lastPeriod = last12.at(-1) ?? '';
  const previousFirst = periodsEnding(first12, 13)[0] ?? '';
  const byPeriod = new Map<string, number>();
  const byCategory = new Map<ConsumptionCategory, number>();
  let lifetimeFen = 0;
  let previous12MonthsFen = 0;
  let latestPeriod: string | null = null;
  for (const row of rows) {
    lifetimeFen += row.fen;
    byPeriod.set(row.period, (byPeriod.get(row.period) ?? 0) + row.fen);
    if (latestPeriod === null || row.period > latestPeriod) latestPeriod = row.period;
    if (row.period > lastPeriod) continue;
    if (row.period >= first12) {
      const category = row.category as ConsumptionCategory;
      byCategory.set(category, (byCategory.get(category) ?? 0) + row.fen);
    } else if (row.period >= previousFirst) previous12MonthsFen += row.fen;
  }
  const months = last12.map((period) => ({ period, amountFen: byPeriod.get(period) ?? 0 }));
  return {
    months,
    last12MonthsFen: months.reduce((sum, month) => sum + month.amountFen, 0),
    previous12MonthsFen,
    lifetimeFen,
    byCategory: [...byCategory.entries()]
      .map(([category, amountFen]) => ({ category, amountFen }))
      .sort((a, b) => b.amountFen - a.amountFen),
    latestPeriod,
  };
}
