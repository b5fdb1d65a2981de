import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * account_stats: one row per account that is not deleted, with what the statistics page reads
 * of it every time, kept by the write path in the same transaction (db/queries/accountStats.ts;
 * local, derived, never synced): whether it is active, its owner, region and tier (copied from
 * the account), its latest live visit (visit coverage) and its live bills over the held
 * 12-month window (the same figure as consumption_window_total, beside the account's slice),
 * and the root of its customer group (NULL outside one) as db/queries/statsGroups.ts walks the
 * live `holds` edges — copied here, as a migration never imports app code.
 * - account_stats_coverage: per tier, the accounts by latest visit, so coverage is a few range
 *   counts and the overdue list is read in its order, instead of one probe into the visits per
 *   account (100,000 probes).
 * - account_stats_slice: the portfolio's owner × region × tier slices and the Pareto's amounts
 *   as one covering scan in group order, with no probe into another table; owner first, so a
 *   filter on owners reads only their ranges.
 * - account_stats_group: the Pareto by customer group: the grouped accounts by root (summed in
 *   order, no sort) and the others as one range, instead of a JSON membership of every grouped
 *   account joined to every account's total.
 *
 * anniversary_key_counts: per anniversary rule key (calendar, month, day, leap month) and owner,
 * the live anniversaries of active live accounts (db/queries/anniversaryCounts.ts), so the
 * unfiltered upcoming window's total adds ~90 keys' counts instead of probing ~13,000 matches'
 * accounts. The owner is in the key so a count over some owners reads only theirs.
 *
 * accounts_slice (0015) becomes accounts_owner, the same columns with the owner first: the
 * portfolio reads account_stats now, and an index that starts with `deleted` tempted the
 * planner, with bound parameters and no statistics, to make a scan of every live account the
 * outer loop of the customer-group walk (`groupTree`): 30 s for a group of 198 companies
 * instead of milliseconds. Queries by owner (a manager's accounts, agenda, anniversaries) keep
 * an index that starts with what they name.
 */
const maxGroupDepth = 32;

/** Each grouped account's root, walked from the live holds edges (statsGroups.ts's rules). */
function rootsOf(edges: readonly { from_id: string; to_id: string }[]): Map<string, string> {
  const children = new Map<string, string[]>();
  const held = new Set<string>();
  for (const { from_id: from, to_id: to } of edges) {
    let list = children.get(from);
    if (!list) children.set(from, (list = []));
    list.push(to);
    held.add(to);
  }
  const rootOf = new Map<string, string>();
  for (const root of children.keys()) {
    if (held.has(root)) continue;
    rootOf.set(root, root);
    let level = [root];
    for (let depth = 0; depth < maxGroupDepth && level.length > 0; depth++) {
      const next: string[] = [];
      for (const parent of level)
        for (const child of children.get(parent) ?? []) {
          if (rootOf.has(child)) continue;
          rootOf.set(child, root);
          next.push(child);
        }
      level = next;
    }
  }
  return rootOf;
}
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    'DROP INDEX accounts_slice',
    'CREATE INDEX accounts_owner ON accounts (owner, deleted, region, tier, id)',
    `CREATE TABLE account_stats (
      account_id TEXT PRIMARY KEY NOT NULL,
      active INTEGER NOT NULL,
      owner TEXT NOT NULL,
      region TEXT NOT NULL,
      tier TEXT NOT NULL,
      last_visit TEXT,
      window_fen INTEGER NOT NULL,
      group_root TEXT
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
  const edges = await sql<{ from_id: string; to_id: string }>`
    SELECT r.from_id, r.to_id FROM relationships r
    WHERE r.type = 'holds' AND r.deleted = 0
      AND r.from_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)
      AND r.to_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)
    ORDER BY r.from_id, r.to_id`.execute(db);
  const roots = [...rootsOf(edges.rows)];
  for (let i = 0; i < roots.length; i += 10_000)
    await sql`UPDATE account_stats SET group_root = j.value ->> 1
      FROM json_each(${JSON.stringify(roots.slice(i, i + 10_000))}) j
      WHERE account_stats.account_id = j.value ->> 0`.execute(db);
  await sql.raw('CREATE INDEX account_stats_group ON account_stats (group_root, window_fen)').execute(db);
  await sql
    .raw(
      `CREATE TABLE anniversary_key_counts (
        calendar TEXT NOT NULL,
        month INTEGER NOT NULL,
        day INTEGER NOT NULL,
        leap_month INTEGER NOT NULL,
        owner TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (calendar, month, day, leap_month, owner)
      ) WITHOUT ROWID`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO anniversary_key_counts (calendar, month, day, leap_month, owner, n)
       SELECT n.calendar, n.month, n.day, n.leap_month, a.owner, count(*)
       FROM anniversaries n JOIN accounts a ON a.id = n.account_id AND a.deleted = 0 AND a.status = 'active'
       WHERE n.deleted = 0 GROUP BY n.calendar, n.month, n.day, n.leap_month, a.owner`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP INDEX accounts_owner').execute(db);
  await sql.raw('CREATE INDEX accounts_slice ON accounts (deleted, owner, region, tier, id)').execute(db);
  await sql.raw('DROP TABLE anniversary_key_counts').execute(db);
  await sql.raw('DROP TABLE account_stats').execute(db);
}
