import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../shared/errors';
import { applyKey, isEncryptedBook, lockedError } from './cipher';
import type { NamedMigration } from './migrations';
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
  /**
   * Reading only (asked for, not writable here, or damaged — also when the damage is found after
   * opening, `refuseWrites`): every write fails.
   */
  readonly readonly: boolean;
  /** From now on every write on this connection fails (SQLite's `query_only`): damage was found. */
  refuseWrites(): void;
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
  /** Open for reading only: nothing is written, not even by opening (db/openBook.ts). */
  readonly readonly?: boolean;
  /**
   * How long a write waits for another process's write lock before failing with DB_BUSY
   * (`busy_timeout`): a few seconds by default, shorter in tests.
   */
  readonly busyTimeoutMs?: number;
  /**
   * Another connection to a book this process has opened already (the job thread): no check,
   * no upgrade, nothing written on open. The first open did all that.
   */
  readonly secondary?: boolean;
  /** `PRAGMA quick_check` at open (default true): about 1 s per GB of book (docs/ARCHITECTURE.md). */
  readonly check?: boolean;
  /** The migrations to bring the book to: the app's by default; tests build older books with fewer. */
  readonly migrations?: readonly NamedMigration[];
  /**
   * The book's data key (32 random bytes from the key ring, db/access/): every connection and
   * every copy is encrypted with it (db/cipher.ts). Without one, the book is plain, as before.
   * Held in memory only: it travels to the job thread with these options, never to disk.
   */
  readonly key?: Buffer;
}

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

// better-sqlite3 leaves URI file names off unless this is set when its addon loads (first open):
// `immutable=1`, the one way to read a WAL book on a medium where SQLite cannot create the -shm
// file beside it, is a URI parameter (see `connect`).
process.env['SQLITE_USE_URI'] ??= '1';

const defaultBusyTimeoutMs = 5000;

export function applyPragmas(
  sqlite: BetterSqlite3.Database,
  readonly: boolean,
  busyTimeoutMs = defaultBusyTimeoutMs,
  encrypted = false,
): void {
  if (!readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  // An encrypted book cannot be mapped (below): every page read is decrypted into this cache, so
  // it holds what statistics read every time (the Pareto's slice index, ~60 MB on the 100,000-
  // account bench book) — 32 MB decrypted that index again at each view (2.5× the plain time),
  // 128 MB keeps it (docs/PERFORMANCE.md). It fills only as pages are read.
  sqlite.pragma(`cache_size = ${encrypted ? -131_072 : -32_000}`);
  sqlite.pragma('temp_store = MEMORY');
  // Reads map the file instead of copying pages: random lookups in a large book (head office's
  // millions of rows) cost a third less. Address space only; pages load as they are touched.
  sqlite.pragma('mmap_size = 1073741824');
}

/** SQLite errors that mean a read-only connection needs to write to the -shm (or -wal) file. */
const needsSharedMemory = new Set([
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_READONLY_CANTINIT',
  'SQLITE_READONLY_CANTLOCK',
]);

export const sqliteCode = (error: unknown): string =>
  error instanceof Error && 'code' in error ? String(error.code) : '';

/**
 * A raw connection. A read-only one that cannot read the book in place — WAL mode wants a -shm
 * file beside the book, which a read-only folder or medium cannot take — is opened again with
 * `immutable=1`: no -shm, no locks, the file as it is. Only when no -wal file holds changes
 * the book itself lacks (immutable would not see them: refused, with what to do).
 */
export function connect(
  path: string,
  options: {
    readonly readonly: boolean;
    readonly nativeBinding?: string | undefined;
    readonly busyTimeoutMs?: number | undefined;
    readonly key?: Buffer | undefined;
  },
): BetterSqlite3.Database {
  const { key } = options;
  // Refused before SQLite reads it as damaged: an encrypted book without its key is locked.
  if (!key && isEncryptedBook(path)) throw lockedError(path, false);
  const binding = {
    // From the first statement on (the pragmas and the upgrade may meet a lock too).
    timeout: options.busyTimeoutMs ?? defaultBusyTimeoutMs,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  /** The key is proven by the first read: a wrong one fails there, before anything is written. */
  const proven = (sqlite: BetterSqlite3.Database) => {
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
      return sqlite;
    } catch (error) {
      sqlite.close();
      if (key && sqliteCode(error) === 'SQLITE_NOTADB') throw lockedError(path, true);
      throw error;
    }
  };
  const open = (name: string, flags: BetterSqlite3.Options) => {
    const opened = new BetterSqlite3(name, { ...flags, ...binding });
    try {
      if (key) applyKey(opened, key);
    } catch (error) {
      opened.close();
      throw error;
    }
    return opened;
  };
  if (!options.readonly) return key ? proven(open(path, {})) : open(path, {});
  try {
    return proven(open(path, { readonly: true, fileMustExist: true }));
  } catch (error) {
    if (!needsSharedMemory.has(sqliteCode(error))) throw error;
  }
  if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
    throw new ApiError(
      'READ_ONLY',
      `The book's latest changes are in ${basename(path)}-wal, which cannot be read where the book is now; copy the book with that file to a folder you can write to`,
    );
  }
  return proven(open(`${pathToFileURL(path).href}?immutable=1`, { readonly: true, fileMustExist: true }));
}

export function wrap(path: string, sqlite: BetterSqlite3.Database, readonly: boolean): Db {
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
  let readingOnly = readonly;
  return {
    path,
    get readonly() {
      return readingOnly;
    },
    refuseWrites() {
      readingOnly = true;
      sqlite.pragma('query_only = ON');
    },
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
