import type { Db } from '../connection';
import type { BatchEffects, DeferredWork } from '../write';

/**
 * `account_stats` (migration 20261206_0019): per account that is not deleted, its slice (active,
 * owner, region, tier), its latest live visit and its live bills over the held window, so visit
 * coverage, the portfolio's slices and the Pareto read one small covering index instead of
 * probing the visits or the window totals once per account.
 *
 * Kept by the write path in the same transaction: an account's row is recomputed from its
 * sources (the account, its newest live visit through `visits_account`, its window total)
 * whenever a write could change it — an account's slice columns or deleted flag, a visit's
 * account, time or deleted flag. A single write recomputes at once; a batch gathers the
 * accounts and recomputes them set-wise before it commits. The window total moves with the
 * window's own upkeep (`addWindowFen`, `copyWindowFen` in consumptionWindow.ts).
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

/** Recomputes the rows of some accounts from their sources (an account gone or deleted: none). */
export function refreshAccountStats(db: Db, accountIds: Iterable<string>): void {
  const ids = [...new Set(accountIds)];
  if (ids.length === 1) {
    const [id] = ids;
    db.statement('DELETE FROM account_stats WHERE account_id = ?').run(id);
    db.statement(`INSERT INTO account_stats (${columns}) ${selectRows('a.id = ?')}`).run(id);
    return;
  }
  // Chunks keep each JSON list small; json_each feeds the set-wise statements.
  for (let i = 0; i < ids.length; i += 10_000) {
    const list = JSON.stringify(ids.slice(i, i + 10_000));
    db.statement('DELETE FROM account_stats WHERE account_id IN (SELECT value FROM json_each(?))').run(list);
    db.statement(
      `INSERT INTO account_stats (${columns}) ${selectRows('a.id IN (SELECT value FROM json_each(?))')}`,
    ).run(list);
  }
}

/** Recomputes every row (`stats rebuild`). */
export function rebuildAccountStats(db: Db): number {
  db.statement('DELETE FROM account_stats').run();
  return db.statement(`INSERT INTO account_stats (${columns}) ${selectRows('1')}`).run().changes;
}

/** A batch's accounts to recompute, gathered row by row and recomputed once before commit. */
class StaleAccountStats implements DeferredWork {
  readonly accounts = new Set<string>();

  flush(db: Db): void {
    refreshAccountStats(db, this.accounts);
    this.accounts.clear();
  }
}

function recompute(db: Db, accountIds: readonly unknown[], batch: BatchEffects | null): void {
  const ids = accountIds.filter((id): id is string => typeof id === 'string');
  if (batch) {
    const stale = batch.get('account_stats', () => new StaleAccountStats());
    for (const id of ids) stale.accounts.add(id);
  } else refreshAccountStats(db, ids);
}

const changedAny = (
  columnsRead: readonly string[],
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
) => !before || columnsRead.some((column) => row[column] !== before[column]);

/** The accounts entity's part: its own row, when a column it copies changed. */
export function keepAccountStatsOfAccount(
  db: Db,
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  batch: BatchEffects | null,
): void {
  if (changedAny(accountColumns, row, before)) recompute(db, [row['id']], batch);
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
