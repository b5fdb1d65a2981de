import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * A CSV import of bills commits its rows first; what it keeps about them (the record a revert
 * reads, the statistics roll-up) follows in a second short transaction (db/imports/settle.ts).
 * Each row here is an import not settled yet: the `seq` range its writes took. Every write and
 * every read settles it first, so nobody sees the gap.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE unsettled_imports (
        import_id TEXT PRIMARY KEY NOT NULL,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL
      ) WITHOUT ROWID`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE unsettled_imports').execute(db);
}
