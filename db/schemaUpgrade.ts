import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { ApiError } from '../shared/errors';
import type { NamedMigration } from './migrations';

/**
 * Runs the frozen migrations (db/migrations) over one connection, all pending ones in one
 * transaction. kysely's Migrator does not use a transaction on SQLite (its adapter reports no
 * transactional DDL, which SQLite has): a crash between two statements of a migration left a
 * book half-migrated that no later start could finish ("table consumption_rollup already
 * exists"). Here a kill at any moment leaves the book as it was, or fully upgraded.
 *
 * Migrations are recorded where kysely records them (`kysely_migration`, same columns), so
 * books written before keep their history and tools that read it still can.
 */
const migrationTable = 'kysely_migration';

export interface SchemaState {
  /** The migrations the book records, in the order they ran. */
  readonly applied: readonly string[];
  /** This app's migrations the book has not had yet, in order. */
  readonly pending: readonly NamedMigration[];
  /** The book holds tables of its own: not a new, empty file. */
  readonly hasTables: boolean;
  /** The last migration the book had ('' for a new one). */
  readonly version: string;
}

/**
 * Where the book stands against `known`: reads only. A book that records a migration this app
 * does not know was written by a newer Fieldbook: refused with DB_TOO_NEW, before anything writes.
 */
export function readSchemaState(
  sqlite: BetterSqlite3.Database,
  known: readonly NamedMigration[],
): SchemaState {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
    .pluck()
    .all() as string[];
  const hasTables = tables.some((name) => !name.startsWith('kysely_') && !name.startsWith('sqlite_'));
  const applied = tables.includes(migrationTable)
    ? (sqlite.prepare(`SELECT name FROM ${migrationTable} ORDER BY name`).pluck().all() as string[])
    : [];
  const names = known.map((migration) => migration.name);
  const unknown = applied.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new ApiError('DB_TOO_NEW', 'This book was written by a newer Fieldbook; update the app', {
      details: { bookVersion: applied.at(-1), appVersion: names.at(-1) ?? '', unknown },
    });
  }
  applied.forEach((name, index) => {
    if (names[index] !== name) {
      throw new Error(
        `the book's schema history does not match this app: it has ${name} where this app expects ${names[index] ?? 'nothing'}`,
      );
    }
  });
  return { applied, pending: known.slice(applied.length), hasTables, version: applied.at(-1) ?? '' };
}

/** A migration that threw: the transaction was rolled back, the book is as it was. */
export class MigrationFailed extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/**
 * Applies `pending` in one transaction, then `beforeCommit` (an audit entry, in the same
 * transaction) and commits; any throw rolls everything back. Nothing else may use the
 * connection meanwhile: the migrations are async (kysely's API), so the transaction spans awaits.
 */
export async function applyMigrations(
  sqlite: BetterSqlite3.Database,
  pending: readonly NamedMigration[],
  beforeCommit: () => void = () => {},
): Promise<void> {
  // Not destroyed afterwards: destroying the dialect would close the shared connection.
  const migrating = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  // A table rebuild (SQLite's 12-step ALTER) needs foreign keys off, which only takes effect
  // outside a transaction; foreign_key_check before commit keeps the guarantee. FULL: the
  // commit of an upgrade is on disk before the app goes on (NORMAL may lose it on power loss).
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('synchronous = FULL');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      sqlite.exec(`CREATE TABLE IF NOT EXISTS ${migrationTable} (
        name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)`);
      sqlite.exec(`CREATE TABLE IF NOT EXISTS kysely_migration_lock (
        id varchar(255) NOT NULL PRIMARY KEY, is_locked integer DEFAULT 0 NOT NULL)`);
      sqlite.exec("INSERT OR IGNORE INTO kysely_migration_lock (id, is_locked) VALUES ('migration_lock', 0)");
      const record = sqlite.prepare(`INSERT INTO ${migrationTable} (name, timestamp) VALUES (?, ?)`);
      for (const { name, migration } of pending) {
        try {
          await migration.up(migrating);
        } catch (error) {
          throw new MigrationFailed(name, error);
        }
        record.run(name, new Date().toISOString());
      }
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`the upgrade broke ${broken.length} foreign key(s)`);
      beforeCommit();
      sqlite.exec('COMMIT');
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
  }
}
