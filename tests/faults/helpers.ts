import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey } from '../../db/cipher';

/**
 * Real faults for the storage-fault tests: another process holding the book's write lock, and a
 * digest of everything the book holds, to show that a refused write left nothing behind.
 */

/**
 * A hash of every row of every table (sqlite_master order, rows sorted by all their columns),
 * read through a connection of its own; in WAL mode it reads even while another process holds
 * the write lock. An encrypted book is read with its `key`.
 */
export function bookDigest(path: string, except: readonly string[] = [], key?: Buffer): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    if (key) applyKey(db, key);
    const hash = createHash('sha256');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    for (const table of tables.filter((name) => !except.includes(name))) {
      const quoted = `"${table.replaceAll('"', '""')}"`;
      const columns = (db.pragma(`table_info(${quoted})`) as unknown[]).length;
      const order = Array.from({ length: columns }, (_, index) => index + 1).join(', ');
      hash.update(`${table}\n`);
      for (const row of db.prepare(`SELECT * FROM ${quoted} ORDER BY ${order}`).raw().iterate()) {
        hash.update(JSON.stringify(row, (_key, value: unknown) => encode(value)));
        hash.update('\n');
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

function encode(value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (Buffer.isBuffer(value)) return `x'${value.toString('hex')}'`;
  return value;
}

export interface HeldLock {
  /** Ends the other process's transaction (rolled back: it wrote nothing) and waits for it to exit. */
  release(): Promise<void>;
}

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

// The other process: its own connection, `BEGIN <mode>`, "locked" on stdout, and a rollback when
// its stdin closes.
const lockerScript = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { timeout: 0 });
db.exec('BEGIN ' + process.argv[3]);
process.stdout.write('locked\\n');
process.stdin.resume();
process.stdin.on('end', () => {
  db.exec('ROLLBACK');
  db.close();
  process.exit(0);
});
`;

const lockers = new Set<ChildProcess>();

/** Another process takes the book's write lock (`BEGIN IMMEDIATE` or `EXCLUSIVE`) and holds it. */
export async function holdWriteLock(path: string, mode: 'IMMEDIATE' | 'EXCLUSIVE'): Promise<HeldLock> {
  const child = spawn(process.execPath, ['-e', lockerScript, betterSqlite3, path, mode], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  lockers.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    void exited.then((code) => reject(new Error(`the locking process exited (${code}): ${stderr}`)));
  });
  return {
    async release() {
      child.stdin?.end();
      const code = await exited;
      lockers.delete(child);
      if (code !== 0) throw new Error(`the locking process failed (${code}): ${stderr}`);
    },
  };
}

/** For afterEach: a test that failed half-way must not leave a process holding a lock. */
export function killLockers(): void {
  for (const child of lockers) {
    if (child.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
  }
  lockers.clear();
}
