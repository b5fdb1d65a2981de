import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * erased_accounts: the accounts erased on request (a person's data removed for good), by id
 * only — no name, no number. `seq` is this device's change counter when it learned of the
 * erasure (erased here, or by a sync file), so an incremental export relays it. A sync file's
 * rows for an erased account are dropped whatever their clocks (db/erasure/).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE erased_accounts (
         account_id TEXT PRIMARY KEY NOT NULL,
         at TEXT NOT NULL,
         seq INTEGER NOT NULL
       ) WITHOUT ROWID`,
    )
    .execute(db);
  await sql.raw('CREATE INDEX erased_accounts_seq ON erased_accounts (seq)').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE erased_accounts').execute(db);
}
