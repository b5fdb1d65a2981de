import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * The agenda (待办):
 * - visits.follow_up_done_at (synced): when the visit's follow-up was done, NULL while open.
 *   Rows from before stay NULL: nothing could be marked done until now.
 * - visits_open_follow_ups_by_account, visits_open_follow_ups_by_manager: the open follow-ups
 *   only (partial), so they hold what an agenda can show, not every follow-up ever written. A
 *   manager's agenda is the follow-ups on the accounts they own or of the visits they logged:
 *   one index answers each half by a range per account or one range for the manager. A single
 *   index by due day would be read whole, account by account, for every agenda (140 ms for
 *   20,000 accounts with 60,000 follow-ups open after this upgrade). `follow_up_done_at` (always
 *   NULL there) is a column of each only so that SQLite counts them as covering: it does not
 *   take a partial index's condition as read.
 * - visits_planned: visits by time, so the planned visits (dated after now) are a short range
 *   read instead of a walk through every account's visits (70 ms for 20,000 accounts). A
 *   partial index cannot say "after now"; this one costs about 40 bytes a visit.
 * - follow_up_log (local, never synced): which follow-ups this device has notified, per due day,
 *   so a desktop reminder is shown once, and again only when the follow-up is moved to a new day.
 */
const statements = [
  'ALTER TABLE visits ADD COLUMN follow_up_done_at TEXT',
  `CREATE INDEX visits_open_follow_ups_by_account
    ON visits (account_id, follow_up_due, deleted, follow_up_done_at)
    WHERE follow_up_due IS NOT NULL AND follow_up_done_at IS NULL`,
  `CREATE INDEX visits_open_follow_ups_by_manager
    ON visits (manager, follow_up_due, deleted, account_id, follow_up_done_at)
    WHERE follow_up_due IS NOT NULL AND follow_up_done_at IS NULL`,
  'CREATE INDEX visits_planned ON visits (occurred_at)',
  `CREATE TABLE follow_up_log (
    visit_id TEXT NOT NULL,
    due_on TEXT NOT NULL,
    notified_at TEXT NOT NULL,
    PRIMARY KEY (visit_id, due_on)
  ) WITHOUT ROWID`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE follow_up_log').execute(db);
  await sql.raw('DROP INDEX visits_planned').execute(db);
  await sql.raw('DROP INDEX visits_open_follow_ups_by_manager').execute(db);
  await sql.raw('DROP INDEX visits_open_follow_ups_by_account').execute(db);
  await sql.raw('ALTER TABLE visits DROP COLUMN follow_up_done_at').execute(db);
}
