import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * Users travel in signed sync files (db/sync/roster.ts): `public_key` is the user's Ed25519
 * public key (JWK `x`, the private key stays in the key ring), which checks the files they sign;
 * `clock` is the hybrid logical clock of the row's last change, so the newest version of a user
 * wins whatever order files arrive in (NULL: never changed since this migration, oldest).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE users ADD COLUMN public_key TEXT').execute(db);
  await sql.raw('ALTER TABLE users ADD COLUMN clock TEXT').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE users DROP COLUMN clock').execute(db);
  await sql.raw('ALTER TABLE users DROP COLUMN public_key').execute(db);
}
