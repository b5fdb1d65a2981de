import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * consumption_rollup is consumption summed per account × billing year × category over live
 * rows, one column per month (m01…m12); consumption_rollup_total is the same across categories.
 * Local and derived, never synced. A year per row rather than a month per row: a 12-month
 * window then touches one or two rows per account, which is what keeps portfolio rankings
 * over 100,000 accounts inside their time budget. The write path keeps both in step in the
 * same transaction as every consumption write; `fieldbook stats rebuild` recomputes them.
 * Statistics read only these tables. Quantity is not rolled up (units differ by category).
 *
 * imports / import_changes / import_mappings are this device's record of CSV imports (not
 * synced: the rows an import writes sync like any other): what each import did, row by row, so
 * it can be reverted, and the column mapping last used for each header set.
 */
// m01…m12: written out by hand they would be 60 lines of noise; computed here, frozen all the same.
const months = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
const monthColumns = months.map((month) => `${month} INTEGER NOT NULL DEFAULT 0`).join(', ');
const monthSums = months
  .map((month) => `SUM(CASE WHEN substr(period, 6, 2) = '${month.slice(1)}' THEN amount_fen ELSE 0 END)`)
  .join(', ');

const statements = [
  `CREATE TABLE consumption_rollup (
    account_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    category TEXT NOT NULL,
    ${monthColumns},
    PRIMARY KEY (account_id, year, category)
  ) WITHOUT ROWID`,
  `CREATE TABLE consumption_rollup_total (
    account_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    ${monthColumns},
    PRIMARY KEY (account_id, year)
  ) WITHOUT ROWID`,
  `INSERT INTO consumption_rollup (account_id, year, category, ${months.join(', ')})
    SELECT account_id, CAST(substr(period, 1, 4) AS INTEGER), category, ${monthSums}
    FROM consumption WHERE deleted = 0
    GROUP BY account_id, substr(period, 1, 4), category`,
  `INSERT INTO consumption_rollup_total (account_id, year, ${months.join(', ')})
    SELECT account_id, year, ${months.map((month) => `SUM(${month})`).join(', ')}
    FROM consumption_rollup GROUP BY account_id, year`,
  `CREATE TABLE imports (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('consumption', 'accounts')),
    file_name TEXT NOT NULL,
    encoding TEXT NOT NULL,
    options TEXT NOT NULL,
    counts TEXT NOT NULL,
    actor TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    reverted_at TEXT,
    reverted_by TEXT,
    revert_counts TEXT
  )`,
  `CREATE INDEX imports_at ON imports (imported_at)`,
  `CREATE TABLE import_changes (
    import_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update')),
    before TEXT,
    seq INTEGER NOT NULL,
    hlc TEXT,
    PRIMARY KEY (import_id, ordinal)
  ) WITHOUT ROWID`,
  `CREATE TABLE import_mappings (
    header_key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    settings TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'import_mappings',
    'import_changes',
    'imports',
    'consumption_rollup_total',
    'consumption_rollup',
  ])
    await sql.raw(`DROP TABLE ${table}`).execute(db);
}
