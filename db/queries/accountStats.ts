import type { Db } from '../connection';
import type { BatchEffects, DeferredWork } from '../write';
import { groupRoots } from './statsGroups';

/**
 * `account_stats` (migration 20261206_0019): per account that is not deleted, its slice (active,
 * owner, region, tier), its latest live visit, its live bills over the held window and the root
 * of its customer group, so visit coverage, the portfolio's slices and the Pareto (by account or
 * group) read one small covering index instead of probing the visits or the window totals once
 * per account or joining a membership list of every grouped account.
 *
 * Kept by the write path in the same transaction: an account's row is recomputed from its
 * sources (the account, its newest live visit through `visits_account`, its window total)
 * whenever a write could change it — an account's slice columns or deleted flag, a visit's
 * account, time or deleted flag. A single write recomputes at once; a batch gathers the
 * accounts and recomputes them set-wise before it commits. The window total moves with the
 * window's own upkeep (consumptionWindow.ts). Group roots are walked again (`groupRoots`, tens of
 * milliseconds on 100,000 accounts) only when a `holds` link changes or an account holding or
 * held by one is deleted or comes back — rare writes — once per write or per batch, and only
 * the rows whose root changed are written.
 */

/** The account columns the row copies: a change of any of them recomputes it. */
const accountColumns = ['owner', 'region', 'tier', 'status', 'deleted'] as const;
/** The visit columns that can move an account's latest live visit. */
const visitColumns = ['account_id', 'occurred_at', 'deleted'] as const;

const selectRows = (where: string) => `
  SELECT a.id, a.status = 'active', a.owner, a.region, a.tier,
    (SELECT v.occurred_at FROM visits v WHERE v.account_id = a.id AND v.deleted = 0
     ORDER BY v.occurred_at DESC LIMIT 1),
    coalesce((SELECT w.fen FROM consumption_window_total w WHERE w.account_id = a.id), 0)
  FROM accounts a WHERE a.deleted = 0 AND ${where}`;

const columns = 'account_id, active, owner, region, tier, last_visit, window_fen';
/** The group root is not the row's own: kept by `refreshGroupRoots`, left alone here. */
const upsertRows = (where: string) => `INSERT INTO account_stats (${columns}) ${selectRows(where)}
  ON CONFLICT (account_id) DO UPDATE SET active = excluded.active, owner = excluded.owner,
    region = excluded.region, tier = excluded.tier, last_visit = excluded.last_visit,
    window_fen = excluded.window_fen`;

/** Recomputes the rows of some accounts from their sources (an account gone or deleted: none). */
export function refreshAccountStats(db: Db, accountIds: Iterable<string>): void {
  const ids = [...new Set(accountIds)];
  if (ids.length === 1) {
    const [id] = ids;
    db.statement(
      'DELETE FROM account_stats WHERE account_id = ? AND NOT EXISTS (SELECT 1 FROM accounts WHERE id = ? AND deleted = 0)',
    ).run(id, id);
    db.statement(upsertRows('a.id = ?')).run(id);
    return;
  }
  // Chunks keep each JSON list small; json_each feeds the set-wise statements.
  for (let i = 0; i < ids.length; i += 10_000) {
    const list = JSON.stringify(ids.slice(i, i + 10_000));
    db.statement(
      `DELETE FROM account_stats WHERE account_id IN (SELECT value FROM json_each(?))
       AND account_id NOT IN (SELECT id FROM accounts WHERE deleted = 0)`,
    ).run(list);
    db.statement(upsertRows('a.id IN (SELECT value FROM json_each(?))')).run(list);
  }
}

/** Writes each row's group root as `groupRoots` walks it now: only the rows that changed. */
export function refreshGroupRoots(db: Db): void {
  const roots = groupRoots(db);
  const changed: [string, string | null][] = [];
  const kept = db
    .statement('SELECT account_id, group_root FROM account_stats WHERE group_root IS NOT NULL')
    .raw(true)
    .all() as [string, string][];
  for (const [id, root] of kept) if (roots.get(id) !== root) changed.push([id, roots.get(id) ?? null]);
  const keptRoots = new Map(kept);
  for (const [id, root] of roots) if (keptRoots.get(id) !== root) changed.push([id, root]);
  const update = db.statement('UPDATE account_stats SET group_root = ? WHERE account_id = ?');
  for (const [id, root] of changed) update.run(root, id);
}

/** Recomputes every row (`stats rebuild`). */
export function rebuildAccountStats(db: Db): number {
  db.statement('DELETE FROM account_stats').run();
  const rows = db.statement(`INSERT INTO account_stats (${columns}) ${selectRows('1')}`).run().changes;
  refreshGroupRoots(db);
  return rows;
}

/** What a batch found stale, recomputed once before commit: the rows first, then the groups. */
class StaleAccountStats implements DeferredWork {
  readonly accounts = new Set<string>();
  groups = false;

  flush(db: Db): void {
    refreshAccountStats(db, this.accounts);
    if (this.groups) refreshGroupRoots(db);
    this.accounts.clear();
    this.groups = false;
  }
}

const staleIn = (batch: BatchEffects) => batch.get('account_stats', () => new StaleAccountStats());

function recompute(db: Db, accountIds: readonly unknown[], batch: BatchEffects | null): void {
  const ids = accountIds.filter((id): id is string => typeof id === 'string');
  if (batch) for (const id of ids) staleIn(batch).accounts.add(id);
  else refreshAccountStats(db, ids);
}

const changedAny = (
  columnsRead: readonly string[],
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
) => !before || columnsRead.some((column) => row[column] !== before[column]);

/** The accounts entity's part: its own row, when a column it copies changed; its group, when it leaves or returns. */
export function keepAccountStatsOfAccount(
  db: Db,
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  batch: BatchEffects | null,
): void {
  if (!changedAny(accountColumns, row, before)) return;
  recompute(db, [row['id']], batch);
  // A new account may already be linked: a sync file's links can arrive before their accounts.
  if (before && before['deleted'] === row['deleted']) return;
  const linked = db
    .statement(
      `SELECT EXISTS (SELECT 1 FROM relationships WHERE from_id = ? AND type = 'holds' AND deleted = 0)
         OR EXISTS (SELECT 1 FROM relationships WHERE to_id = ? AND type = 'holds' AND deleted = 0)`,
    )
    .pluck(true)
    .get(row['id'], row['id']);
  if (linked !== 1) return;
  if (batch) staleIn(batch).groups = true;
  else refreshGroupRoots(db);
}

/** The relationships entity's part: a `holds` link that appears, moves or goes regroups the book. */
export function keepAccountStatsOfRelationship(
  db: Db,
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  batch: BatchEffects | null,
): void {
  if (row['type'] !== 'holds' && before?.['type'] !== 'holds') return;
  if (!changedAny(['from_id', 'to_id', 'type', 'deleted'], row, before)) return;
  if (batch) staleIn(batch).groups = true;
  else refreshGroupRoots(db);
}

/** The visits entity's part: the visit's account (both, when it moved), when the visit could move its latest visit. */
export function keepAccountStatsOfVisit(
  db: Db,
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  batch: BatchEffects | null,
): void {
  if (!changedAny(visitColumns, row, before)) return;
  // A new live visit can only move the latest one forward: no need to look the visits up.
  if (!before && row['deleted'] === 0 && !batch) {
    db.statement(
      `UPDATE account_stats SET last_visit = ? WHERE account_id = ? AND (last_visit IS NULL OR last_visit < ?)`,
    ).run(row['occurred_at'], row['account_id'], row['occurred_at']);
    return;
  }
  recompute(
    db,
    before && before['account_id'] !== row['account_id']
      ? [row['account_id'], before['account_id']]
      : [row['account_id']],
    batch,
  );
}
