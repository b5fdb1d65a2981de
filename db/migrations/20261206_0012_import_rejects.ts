import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * import_rejects: the rows a partial import left out (rows with errors, when the user chose to
 * import the good rows and get the bad ones back), kept with the import so the file of them can
 * be made again later, in either language. `headers`: the file's column names (JSON array);
 * `rows`: JSON array of [row as Excel numbers it, cells, errors as [column, field, code, value]].
 * Local, like every import table: nothing of it syncs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE import_rejects (
         import_id TEXT PRIMARY KEY,
         headers TEXT NOT NULL,
         row_count INTEGER NOT NULL,
         rows TEXT NOT NULL
       ) WITHOUT ROWID`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE import_rejects').execute(db);
}
