import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * import_created: the rows an import created, a few thousand per row of this table (JSON arrays
 * under `columns`: id, seq, then the synced columns as written), instead of one import_changes
 * row each. `ordinal` is the first of the run of ordinals the chunk covers; import_changes and
 * import_created share that numbering, so a revert still undoes everything in reverse order.
 * Recording 200,000 bills one row each cost about a sixth of an import.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE import_created (
         import_id TEXT NOT NULL,
         ordinal INTEGER NOT NULL,
         tbl TEXT NOT NULL,
         columns TEXT NOT NULL,
         rows TEXT NOT NULL,
         PRIMARY KEY (import_id, ordinal)
       ) WITHOUT ROWID`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE import_created').execute(db);
}
