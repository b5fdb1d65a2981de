import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * users: who may open this book and what their role lets them do. `code` is the manager code
 * the accounts' `owner` holds (compared without case); `supervisor` is the code of the
 * supervisor whose team the user is in. Passwords are not here: each user's wrapped data key
 * lives in the key ring beside the book (db/access/keyring.ts), never in the book itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE users (
         code TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
         name TEXT NOT NULL,
         role TEXT NOT NULL CHECK (role IN ('manager', 'supervisor', 'auditor', 'admin')),
         supervisor TEXT COLLATE NOCASE,
         status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
         created_at TEXT NOT NULL,
         updated_at TEXT NOT NULL
       ) WITHOUT ROWID`,
    )
    .execute(db);
  await sql.raw('CREATE INDEX users_supervisor ON users (supervisor)').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE users').execute(db);
}
