import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * import_changes.after: JSON of the values an import wrote (updates: the changed columns;
 * creates: the row's synced columns). A revert compares each field's current value with it to
 * tell a later edit from a restore by another import's revert (which takes a new clock but puts
 * the import's value back). Rows recorded before this migration have none (NULL): their revert
 * keeps judging by field clock and change counter.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE import_changes ADD COLUMN after TEXT').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE import_changes DROP COLUMN after').execute(db);
}
