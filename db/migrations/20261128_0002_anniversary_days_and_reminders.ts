import { sql, type Kysely } from 'kysely';

/*
 * Frozen: never edit after landing; add a new migration instead.
 *
 * Anniversaries are looked up by the rule keys that fall on a day (calendar, month, day, leap),
 * then joined to their accounts: both indexes cover those lookups, so a 30-day window over
 * 150,000 rules touches index pages only until the rows to show are known.
 *
 * reminder_log is this device's memory of reminders (not synced): one row per anniversary,
 * occurrence and lead time once it has fired, so nothing fires twice or vanishes.
 */
const statements = [
  `DROP INDEX anniversaries_date`,
  `CREATE INDEX anniversaries_on_day ON anniversaries (calendar, month, day, leap_month, deleted, year, account_id)`,
  `CREATE INDEX accounts_card ON accounts (id, deleted, status, owner, tier, name_pinyin)`,
  `CREATE TABLE reminder_log (
    anniversary_id TEXT NOT NULL,
    occurs_on TEXT NOT NULL,
    lead_days INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    fired_at TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_as TEXT,
    visit_id TEXT,
    snoozed_until TEXT,
    PRIMARY KEY (anniversary_id, occurs_on, lead_days)
  ) WITHOUT ROWID`,
  `CREATE INDEX reminder_log_open ON reminder_log (acknowledged_at, occurs_on)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE reminder_log').execute(db);
  await sql.raw('DROP INDEX accounts_card').execute(db);
  await sql.raw('DROP INDEX anniversaries_on_day').execute(db);
  await sql.raw('CREATE INDEX anniversaries_date ON anniversaries (calendar, month, day)').execute(db);
}
