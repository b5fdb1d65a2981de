import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * visits_account becomes (account_id, deleted, occurred_at). Every query of an account's visits
 * asks for the live ones; with `deleted` in the index an account's latest visit (its last
 * contact, which the accounts list shows and sorts 100,000 accounts by) is one search that never
 * reads the table, and the 360° view's newest-first page skips deleted visits unread. Same size
 * as the index it replaces. (`account_id` stays first: an index that starts with `deleted`
 * would tempt the planner, which has no statistics here, into scanning every account.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP INDEX visits_account').execute(db);
  await sql.raw('CREATE INDEX visits_account ON visits (account_id, deleted, occurred_at)').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP INDEX visits_account').execute(db);
  await sql.raw('CREATE INDEX visits_account ON visits (account_id, occurred_at)').execute(db);
}
