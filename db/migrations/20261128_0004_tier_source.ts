import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * Where an account's tier came from (synced like any field): `manager` — set by a person, kept
 * whatever the statistics suggest; `suggested` — taken from the suggestion (ABC class and
 * customer group), so applying newer suggestions may move it. `tier_reason` says why, in words.
 * Tiers that exist before this migration were chosen by people: they stay `manager`.
 */
const statements = [
  `ALTER TABLE accounts ADD COLUMN tier_source TEXT NOT NULL DEFAULT 'manager' CHECK (tier_source IN ('manager', 'suggested'))`,
  `ALTER TABLE accounts ADD COLUMN tier_reason TEXT NOT NULL DEFAULT ''`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE accounts DROP COLUMN tier_reason').execute(db);
  await sql.raw('ALTER TABLE accounts DROP COLUMN tier_source').execute(db);
}
