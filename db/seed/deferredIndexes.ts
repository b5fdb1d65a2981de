import type { Db } from '../connection';

/**
 * Secondary indexes that no write of a seed reads (the entities' hooks look rows up by id, by
 * a visit's account, by a link's ends, by an anniversary's day or account, and by an account's
 * search keys: those stay). Into an empty book they are built after the rows instead of
 * kept row by row: an index built once from sorted entries costs a fraction of millions of
 * inserts at scattered places (phone numbers, reversed numbers, names, visit dates), and the
 * seed's page cache then holds the tables being written instead of those indexes.
 *
 * Unique indexes are never among them (they enforce a rule while rows are written), and each
 * is created again from its own stored SQL, so the book ends with the same schema and the same
 * index contents (tests/seed/seedDigest.test.ts; integrity_check compares each index with its
 * table). Were one of them read while it is away, the read would still be right, only slower.
 */
const buildAfterRows = [
  'accounts_customer_no',
  'accounts_credit_code',
  'accounts_name_key',
  'accounts_seq',
  'accounts_card',
  'accounts_live',
  'accounts_owner',
  'account_phones_account',
  'account_phones_number',
  'account_phones_number_rev',
  'account_phones_seq',
  'relationships_seq',
  'anniversaries_seq',
  'visits_seq',
  'visits_open_follow_ups_by_account',
  'visits_open_follow_ups_by_manager',
  'visits_planned',
  'consumption_account',
  'consumption_seq',
];

interface StoredIndex {
  readonly name: string;
  readonly sql: string;
}

/**
 * Runs `load` with the indexes above dropped, then creates them again; inside the caller's
 * transaction, so a failed or killed seed leaves them as they were.
 */
export function withIndexesBuiltAfter(db: Db, load: () => void): void {
  if (!db.sqlite.inTransaction) throw new Error('withIndexesBuiltAfter runs inside a transaction');
  const stored = db.sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
         AND name IN (SELECT value FROM json_each(?))
       ORDER BY rowid`,
    )
    .all(JSON.stringify(buildAfterRows)) as StoredIndex[];
  for (const index of stored) db.sqlite.exec(`DROP INDEX "${index.name}"`);
  load();
  for (const index of stored) db.sqlite.exec(index.sql);
}
