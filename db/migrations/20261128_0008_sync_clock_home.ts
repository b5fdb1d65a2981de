import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * sync_clock.home: where this book's node id belongs (a digest of the computer's name and the
 * file's identity, `db/sync/node.ts`). A copied database file would otherwise write with the
 * original's node id, and two writes with the same clock would count as one. NULL until the
 * book is next opened, which records it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE sync_clock ADD COLUMN home TEXT').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE sync_clock DROP COLUMN home').execute(db);
}
