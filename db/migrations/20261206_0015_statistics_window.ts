import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * What the statistics page and the anniversaries read every time, kept ready (local, derived,
 * never synced; db/queries/consumptionWindow.ts keeps the tables in the write path):
 * - consumption_window_end: the one 12-month window held below, by its last month (the latest
 *   month the book has bills for when it was last moved; NULL while there are none).
 * - consumption_window_total: per account, its live bills summed over that window, across
 *   categories; consumption_window the same per category, keyed by category first so a
 *   category's totals are one range and the per-category slices group without sorting. Rows
 *   that sum to zero may stay (readers skip them). Deleted accounts keep their rows: readers
 *   leave them out as they do from the roll-up.
 * - consumption_month_total: per billing month, the live bills of every account (deleted accounts
 *   included; readers subtract theirs, which are few): the portfolio's month-by-month series.
 * - accounts_slice: live accounts by owner, region and tier with their id, so the portfolio's
 *   slices are one covering scan in group order instead of 100,000 row reads and a sort.
 * - accounts_live: the ids of active accounts, so "is this account shown" is a probe into a
 *   small index of ids rather than into accounts_card, whose entries carry names.
 */
const months = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);

/** `year * 100 + month` of the latest non-zero month of a roll-up row. */
const lastMonth = `CASE ${[...months]
  .reverse()
  .map((month) => `WHEN ${month} <> 0 THEN ${Number(month.slice(1))}`)
  .join(' ')} END`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE consumption_window_end (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      period TEXT
    )`,
    `CREATE TABLE consumption_window_total (
      account_id TEXT PRIMARY KEY,
      fen INTEGER NOT NULL
    ) WITHOUT ROWID`,
    `CREATE TABLE consumption_window (
      category TEXT NOT NULL,
      account_id TEXT NOT NULL,
      fen INTEGER NOT NULL,
      PRIMARY KEY (category, account_id)
    ) WITHOUT ROWID`,
    `CREATE TABLE consumption_month_total (
      period TEXT PRIMARY KEY,
      fen INTEGER NOT NULL
    ) WITHOUT ROWID`,
    `INSERT INTO consumption_month_total (period, fen)
     ${months
       .map(
         (month) =>
           `SELECT printf('%04d-${month.slice(1)}', year), SUM(${month}) FROM consumption_rollup_total GROUP BY year`,
       )
       .join(' UNION ALL ')}`,
    `CREATE INDEX accounts_slice ON accounts (deleted, owner, region, tier, id)`,
    `CREATE INDEX accounts_live ON accounts (id) WHERE deleted = 0 AND status = 'active'`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);

  const found = await sql<{ last: number | null }>`
    SELECT max(year * 100 + ${sql.raw(lastMonth)}) AS last FROM consumption_rollup_total`.execute(db);
  const last = found.rows[0]?.last ?? null;
  if (last === null) {
    await sql.raw('INSERT INTO consumption_window_end (id, period) VALUES (1, NULL)').execute(db);
    return;
  }
  const toYear = Math.floor(last / 100);
  const toMonth = last % 100;
  const period = `${toYear}-${String(toMonth).padStart(2, '0')}`;
  // The 12 months ending at `period`: the rest of the year before, then this year up to it.
  const before = months.slice(toMonth).join(' + ');
  const current = months.slice(0, toMonth).join(' + ');
  const sum = `(CASE year WHEN ${toYear} THEN ${current}${before === '' ? '' : ` WHEN ${toYear - 1} THEN ${before}`} ELSE 0 END)`;
  const years = `year BETWEEN ${toYear - 1} AND ${toYear}`;
  await sql`INSERT INTO consumption_window_end (id, period) VALUES (1, ${period})`.execute(db);
  await sql
    .raw(
      `INSERT INTO consumption_window_total (account_id, fen)
       SELECT account_id, SUM(${sum}) FROM consumption_rollup_total WHERE ${years} GROUP BY account_id`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO consumption_window (category, account_id, fen)
       SELECT category, account_id, SUM(${sum}) FROM consumption_rollup WHERE ${years}
       GROUP BY category, account_id`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP INDEX accounts_live').execute(db);
  await sql.raw('DROP INDEX accounts_slice').execute(db);
  await sql.raw('DROP TABLE consumption_month_total').execute(db);
  await sql.raw('DROP TABLE consumption_window').execute(db);
  await sql.raw('DROP TABLE consumption_window_total').execute(db);
  await sql.raw('DROP TABLE consumption_window_end').execute(db);
}
