import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * account_stats: one row per account that is not deleted, with what the statistics page reads
 * of it every time, kept by the write path in the same transaction (db/queries/accountStats.ts;
 * local, derived, never synced): whether it is active, its owner, region and tier (copied from
 * the account), its latest live visit (visit coverage) and its live bills over the held
 * 12-month window (the same figure as consumption_window_total, beside the account's slice).
 * - account_stats_coverage: per tier, the accounts by latest visit, so coverage is a few range
 *   counts and the overdue list is read in its order, instead of one probe into the visits per
 *   account (100,000 probes).
 * - account_stats_slice: the portfolio's owner × region × tier slices and the Pareto's amounts
 *   as one covering scan in group order, with no probe into another table; owner first, so a
 *   filter on owners reads only their ranges.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE account_stats (
      account_id TEXT PRIMARY KEY NOT NULL,
      active INTEGER NOT NULL,
      owner TEXT NOT NULL,
      region TEXT NOT NULL,
      tier TEXT NOT NULL,
      last_visit TEXT,
      window_fen INTEGER NOT NULL
    ) WITHOUT ROWID`,
    `INSERT INTO account_stats (account_id, active, owner, region, tier, last_visit, window_fen)
     SELECT a.id, a.status = 'active', a.owner, a.region, a.tier,
       (SELECT v.occurred_at FROM visits v WHERE v.account_id = a.id AND v.deleted = 0
        ORDER BY v.occurred_at DESC LIMIT 1),
       coalesce((SELECT w.fen FROM consumption_window_total w WHERE w.account_id = a.id), 0)
     FROM accounts a WHERE a.deleted = 0`,
    `CREATE INDEX account_stats_coverage ON account_stats (active, tier, last_visit, owner, region)`,
    `CREATE INDEX account_stats_slice ON account_stats (owner, region, tier, window_fen)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE account_stats').execute(db);
}
