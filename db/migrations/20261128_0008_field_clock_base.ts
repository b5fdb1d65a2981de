import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * field_clock.base: the clock of the value an edit replaced — what its author had in front of
 * them. Sync files carry it (row op `b`), so an import can tell a value that was edited over
 * (the winner's base is the loser's clock: seen, not a conflict) from one lost unseen. NULL for
 * edits made before this migration, which keep the older, more cautious filing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE field_clock ADD COLUMN base TEXT').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE field_clock DROP COLUMN base').execute(db);
}
