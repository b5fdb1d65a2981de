import BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  Migrator,
  SqliteAdapter,
  SqliteDialect,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;
/** A kysely query, or a compiled one (`sql\`…\`.compile(db.query)` for raw SQL). */
type Runnable<R> = Compilable<R> | CompiledQuery<R>;
type Parameter = string | number | bigint | Buffer | null;

/**
 * One open database. Queries are built with kysely (typed against `Database`) but executed
 * synchronously through better-sqlite3 with cached prepared statements: a desktop app with one
 * writer gains nothing from async, and real synchronous transactions (BEGIN IMMEDIATE, nested
 * savepoints) are what keep a failed write from leaving half of itself behind.
 */
export interface Db {
  readonly path: string;
  readonly sqlite: BetterSqlite3.Database;
  /** Query builder; build with it, then run with `all` / `first` / `run`. */
  readonly query: Kysely<Database>;
  all<R>(query: Runnable<R>): R[];
  first<R>(query: Runnable<R>): R | undefined;
  run(query: Runnable<unknown>): BetterSqlite3.RunResult;
  /** A prepared statement for hand-written SQL, cached by its text (hot paths, bulk writes). */
  statement(sql: string): Statement;
  /** Runs `fn` in one write transaction (a savepoint when nested); any throw rolls it all back. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenOptions {
  /** A better-sqlite3 binary built for another runtime (Electron's ABI). */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
  /**
   * How long a write waits for another process's write lock before failing with DB_BUSY
   * (`busy_timeout`): a few seconds by default, shorter in tests.
   */
  readonly busyTimeoutMs?: number;
}

const defaultBusyTimeoutMs = 5000;

const statementCacheSize = 500;

/** The builder alone: compiles queries, never touches a connection. */
const compileOnly = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

function applyPragmas(sqlite: BetterSqlite3.Database, readonly: boolean, busyTimeoutMs: number): void {
  if (!readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  sqlite.pragma('cache_size = -32000');
  sqlite.pragma('temp_store = MEMORY');
  // Reads map the file instead of copying pages: random lookups in a large book (head office's
  // millions of rows) cost a third less. Address space only; pages load as they are touched.
  sqlite.pragma('mmap_size = 1073741824');
}

/** Brings the schema to the latest migration; a no-op (one small read) when it is current. */
async function migrate(sqlite: BetterSqlite3.Database): Promise<void> {
  // Not destroyed afterwards: destroying the dialect would close the shared connection.
  const migrating = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error, results } = await new Migrator({
    db: migrating,
    provider: migrationProvider,
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Db> {
  const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
  const sqlite = new BetterSqlite3(path, {
    readonly: options.readonly ?? false,
    // From the first statement on (the pragmas and migrations below may meet a lock too).
    timeout: busyTimeoutMs,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyPragmas(sqlite, options.readonly ?? false, busyTimeoutMs);
    if (!options.readonly) await migrate(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return wrap(path, sqlite);
}

function wrap(path: string, sqlite: BetterSqlite3.Database): Db {
  const cache = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let prepared = cache.get(sql);
    if (prepared) return prepared;
    prepared = sqlite.prepare(sql);
    if (cache.size >= statementCacheSize) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(sql, prepared);
    return prepared;
  };
  const compiled = (query: Runnable<unknown>) => {
    const { sql, parameters } = 'compile' in query ? query.compile() : query;
    return { prepared: statement(sql), parameters: parameters as Parameter[] };
  };
  return {
    path,
    sqlite,
    query: compileOnly,
    all<R>(query: Runnable<R>): R[] {
      const { prepared, parameters } = compiled(query);
      return prepared.all(...parameters) as R[];
    },
    first<R>(query: Runnable<R>): R | undefined {
      const { prepared, parameters } = compiled(query);
      return prepared.get(...parameters) as R | undefined;
    },
    run(query: Runnable<unknown>) {
      const { prepared, parameters } = compiled(query);
      return prepared.run(...parameters);
    },
    statement,
    transaction<T>(fn: () => T): T {
      return sqlite.transaction(fn).immediate();
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
