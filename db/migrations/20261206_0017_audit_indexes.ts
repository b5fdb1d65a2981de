import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * The Audit page filters a log of hundreds of thousands of entries by who, what and when, newest
 * first (by time, then id). Each index leads with its filter, then the time, and ends (as every
 * SQLite index does) with the rowid, the entry's id: a page of one action, one user or one span
 * of time is read in order from the index, without scanning or sorting the log. Entity with id (and so an account's entries) has its index since
 * the first migration.
 */
const indexes = [
  'CREATE INDEX audit_log_actor ON audit_log (actor, at)',
  'CREATE INDEX audit_log_action ON audit_log (action, at)',
  'CREATE INDEX audit_log_at ON audit_log (at)',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of indexes) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['audit_log_at', 'audit_log_action', 'audit_log_actor'])
    await sql.raw(`DROP INDEX ${name}`).execute(db);
}
