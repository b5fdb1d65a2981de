import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * This device's record of sync files, local and never synced:
 *
 * - sync_bundles: one row per file exported or imported. Imports are keyed by the file's bundle
 *   id, so importing the same file again is recognised and changes nothing. Exports record the
 *   change counter they exported up to (`up_to_seq`): the next incremental export takes rows with
 *   a greater `seq`, so "the last exported seq" needs no setting of its own. `counts` is JSON per
 *   entity ({ new, changed, ignoredOlder, conflicts } for imports, rows for exports);
 *   `version_vector` is JSON, per origin node the latest clock the file carried or knew of.
 * - sync_conflicts: the inbox of free-text values that lost a merge, kept until a person
 *   chooses keep / replace / merge. One entry per lost value (tbl, row_id, col, losing_hlc), so a
 *   file relayed twice does not file the same loss twice.
 */
const statements = [
  `CREATE TABLE sync_bundles (
    bundle_id TEXT PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    source_node TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    op_count INTEGER NOT NULL,
    full INTEGER NOT NULL DEFAULT 0 CHECK (full IN (0, 1)),
    counts TEXT NOT NULL,
    version_vector TEXT NOT NULL,
    since_seq INTEGER,
    up_to_seq INTEGER
  ) WITHOUT ROWID`,
  `CREATE INDEX sync_bundles_direction_at ON sync_bundles (direction, at)`,
  `CREATE TABLE sync_conflicts (
    id TEXT PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    losing_value TEXT,
    losing_hlc TEXT NOT NULL,
    winning_hlc TEXT NOT NULL,
    bundle_id TEXT NOT NULL,
    at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT,
    resolution TEXT CHECK (resolution IN ('keep', 'replace', 'merge'))
  )`,
  `CREATE UNIQUE INDEX sync_conflicts_loss ON sync_conflicts (tbl, row_id, col, losing_hlc)`,
  `CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE sync_conflicts').execute(db);
  await sql.raw('DROP TABLE sync_bundles').execute(db);
}
