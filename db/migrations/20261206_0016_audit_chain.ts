import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * A tamper-evident audit log:
 * - audit_log.body_hash: SHA-256 of the entry's before and after values, kept when an erasure
 *   blanks the values themselves (a person's data leaves the log, the proof of the entry stays).
 * - audit_log.hash: SHA-256 of the previous entry's hash and this entry's fields and body hash;
 *   a changed, removed or inserted entry breaks the chain from there on (db/audit/chain.ts).
 * - audit_log.erased: who erased the entry's values, when and why (JSON), NULL for all others.
 * - Triggers refuse every DELETE and every UPDATE but an erasure's: values to NULL, `erased`
 *   set, every other field as it was.
 * Entries already in the book are chained here, in id order. The hashing below is a copy of
 * db/audit/chain.ts as it was today (a migration never imports app code).
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Entry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
}

const page = 5_000;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('ALTER TABLE audit_log ADD COLUMN body_hash TEXT').execute(db);
  await sql.raw('ALTER TABLE audit_log ADD COLUMN hash TEXT').execute(db);
  await sql.raw('ALTER TABLE audit_log ADD COLUMN erased TEXT').execute(db);
  let previous = '';
  for (let after = 0; ;) {
    const rows = (await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(page)
      .execute()) as Entry[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const bodyHash = sha256(JSON.stringify([row.before, row.after]));
      const hash = sha256(
        JSON.stringify([
          previous,
          row.id,
          row.at,
          row.actor,
          row.action,
          row.entity,
          row.entity_id,
          bodyHash,
        ]),
      );
      await db.updateTable('audit_log').set({ body_hash: bodyHash, hash }).where('id', '=', row.id).execute();
      previous = hash;
    }
    after = rows.at(-1)?.id ?? after;
  }
  await sql
    .raw(
      `CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
       WHEN NOT (OLD.erased IS NULL AND NEW.erased IS NOT NULL AND NEW.before IS NULL AND NEW.after IS NULL
         AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
         AND NEW.entity = OLD.entity AND NEW.entity_id IS OLD.entity_id
         AND NEW.body_hash IS OLD.body_hash AND NEW.hash IS OLD.hash)
       BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TRIGGER audit_log_append_only_update').execute(db);
  await sql.raw('DROP TRIGGER audit_log_append_only_delete').execute(db);
  await sql.raw('ALTER TABLE audit_log DROP COLUMN erased').execute(db);
  await sql.raw('ALTER TABLE audit_log DROP COLUMN hash').execute(db);
  await sql.raw('ALTER TABLE audit_log DROP COLUMN body_hash').execute(db);
}
