import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VerifiedCopy } from '../../shared/types';
import { defaultBackupFolder, listBackups } from '../backups';
import { unwritableReason, verifiedCopyOf } from '../bookFiles';
import { connect, sqliteCode } from '../connection';
import { faultLogBeside } from '../faultLog';
import { readKeyring } from '../access/keyring';
import { isEncryptedBook } from '../cipher';
import { createJobRunner } from '../jobs/runner';
import { migrations } from '../migrations';
import { quickCheck } from '../openBook';
import { defaultDatabasePath } from '../paths';
import { readSchemaState } from '../schemaUpgrade';
import { formatDoctorReport } from './doctorText';
import type { CliHost } from './host';

/**
 * `fieldbook doctor`: what support asks for first, found without changing the book: it is opened
 * read-only (never created, never upgraded), the write lock is tried and let go at once, and
 * the job thread opens its own read-only connection. Exit 1 when something is wrong.
 */
export interface DoctorReport {
  readonly versions: {
    readonly fieldbook: string;
    readonly node: string;
    readonly sqlite: string;
    readonly betterSqlite3: string;
  };
  readonly book: {
    readonly path: string;
    readonly isDefault: boolean;
    readonly exists: boolean;
    readonly bytes: number;
    readonly walBytes: number;
  };
  /** `current`, `behind` (the next start upgrades it), `newer` (written by a newer Fieldbook). */
  readonly schema: {
    readonly state: 'current' | 'behind' | 'newer' | 'unreadable';
    readonly version: string;
    readonly applied: number;
    readonly known: number;
    readonly detail?: string;
  } | null;
  readonly integrity: {
    readonly ok: boolean;
    readonly problems: readonly string[];
    readonly seconds: number;
  } | null;
  readonly writable: { readonly ok: boolean; readonly reason: string | null };
  /** Whether a write lock can be taken now: `free`, `held` by another connection, or untried. */
  readonly lock: 'free' | 'held' | 'not-tried';
  /**
   * Encrypted at rest, and the users whose passwords open it here (the key ring). The schema,
   * integrity and job thread of an encrypted book are checked only with a sign-in (`--user`).
   */
  readonly encrypted: boolean;
  readonly keyRingUsers: number | null;
  readonly signedIn: boolean;
  readonly verifiedCopy: VerifiedCopy | null;
  /** The newest backup written verified (db/backups/), and how many there are. */
  readonly backups: { readonly newest: VerifiedCopy | null; readonly count: number };
  readonly jobThread: {
    readonly script: string | null;
    readonly ok: boolean;
    readonly milliseconds: number | null;
    readonly error: string | null;
  };
  readonly log: {
    readonly path: string;
    readonly bytes: number;
    readonly entries: number;
    readonly last: readonly string[];
  };
  readonly problems: readonly string[];
}

const jobThreadTimeoutMs = 15_000;

export async function runDoctor(
  path: string,
  host: CliHost,
  show: (value: unknown, human: () => string) => void,
  key: Buffer | null = null,
): Promise<number> {
  const report = await examine(path, host, key);
  show(report, () => formatDoctorReport(report));
  return report.problems.length > 0 ? 1 : 0;
}

export async function examine(path: string, host: CliHost, key: Buffer | null = null): Promise<DoctorReport> {
  const problems: string[] = [];
  const exists = existsSync(path);
  const encrypted = exists && isEncryptedBook(path);
  // Without the key an encrypted book shows only what its files say: not a problem, a lock.
  const readable = exists && (!encrypted || key !== null);
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  if (!exists) problems.push(`no book at ${path} (the first command that opens it creates it)`);
  let sqliteVersion = '';
  let schema: DoctorReport['schema'] = null;
  let integrity: DoctorReport['integrity'] = null;
  if (readable) {
    let sqlite: BetterSqlite3.Database | null = null;
    try {
      sqlite = connect(path, { readonly: true, ...(encrypted && key ? { key } : {}) });
      sqliteVersion = sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
      schema = schemaOf(sqlite);
      if (schema.state === 'newer' || schema.state === 'unreadable')
        problems.push(`schema: ${schema.detail ?? schema.state}`);
      const started = performance.now();
      const found = quickCheck(sqlite);
      integrity = { ok: found.length === 0, problems: found, seconds: (performance.now() - started) / 1000 };
      if (found.length > 0) problems.push(`damaged: ${found[0] ?? ''}`);
    } catch (error) {
      problems.push(`cannot read the book: ${messageOf(error)}`);
    } finally {
      sqlite?.close();
    }
  }
  if (sqliteVersion === '') {
    const memory = new BetterSqlite3(':memory:');
    sqliteVersion = memory.prepare('SELECT sqlite_version()').pluck().get() as string;
    memory.close();
  }
  const reason = exists ? unwritableReason(path) : null;
  if (reason !== null) problems.push(`read-only: ${reason}`);
  const lock = exists && reason === null ? tryWriteLock(path) : 'not-tried';
  const jobThread = readable ? await tryJobThread(path, host, encrypted ? key : null) : untried(host);
  if (!jobThread.ok && jobThread.error !== null) problems.push(`job thread: ${jobThread.error}`);
  return {
    versions: {
      fieldbook: host.version,
      node: process.version,
      sqlite: sqliteVersion,
      betterSqlite3: driverVersion(host.packageRoot),
    },
    book: {
      path,
      isDefault: path === defaultDatabasePath(),
      exists,
      bytes: size(path),
      walBytes: size(`${path}-wal`),
    },
    schema,
    integrity,
    writable: { ok: exists && reason === null, reason },
    lock,
    encrypted,
    keyRingUsers: readKeyringQuietly(path),
    signedIn: key !== null,
    verifiedCopy: exists ? verifiedCopyOf(path) : null,
    backups: backupsOf(path),
    jobThread,
    log: logSummary(faultLogBeside(path)),
    problems,
  };
}

function schemaOf(sqlite: BetterSqlite3.Database): NonNullable<DoctorReport['schema']> {
  try {
    const state = readSchemaState(sqlite, migrations);
    return {
      state: state.pending.length > 0 ? 'behind' : 'current',
      version: state.version,
      applied: state.applied.length,
      known: migrations.length,
    };
  } catch (error) {
    const newer = error instanceof Error && 'code' in error && error.code === 'DB_TOO_NEW';
    return {
      state: newer ? 'newer' : 'unreadable',
      version: '',
      applied: 0,
      known: migrations.length,
      detail: messageOf(error),
    };
  }
}

/** Takes the write lock (BEGIN IMMEDIATE, no waiting) and lets it go: nothing is written. */
function tryWriteLock(path: string): DoctorReport['lock'] {
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    sqlite = new BetterSqlite3(path, { fileMustExist: true, timeout: 0 });
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec('ROLLBACK');
    return 'free';
  } catch (error) {
    if (/^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(error))) return 'held';
    return 'not-tried';
  } finally {
    sqlite?.close();
  }
}

function untried(host: CliHost): DoctorReport['jobThread'] {
  const script = host.jobThread === null ? null : scriptPath(host.jobThread);
  return { script, ok: false, milliseconds: null, error: null };
}

/** Starts the job thread as the app does, on a read-only connection, and asks it one question. */
async function tryJobThread(
  path: string,
  host: CliHost,
  key: Buffer | null,
): Promise<DoctorReport['jobThread']> {
  if (host.jobThread === null) return untried(host);
  const script = scriptPath(host.jobThread);
  const errors: string[] = [];
  const runner = createJobRunner({
    script: host.jobThread,
    path,
    openOptions: { readonly: true, secondary: true, ...(key ? { key } : {}) },
    logFile: faultLogBeside(path),
    onProgress: () => undefined,
    log: (_where, error) => errors.push(messageOf(error)),
  });
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), jobThreadTimeoutMs);
  });
  const answer = await Promise.race([runner.run('storage.get', {}, { actor: 'doctor' }), timeout]);
  const milliseconds = Math.round(performance.now() - started);
  // A thread that does not answer is left behind: it keeps no process alive.
  if (answer === 'timeout')
    return { script, ok: false, milliseconds: null, error: `no answer in ${jobThreadTimeoutMs / 1000} s` };
  // The thread does not keep a process alive (the app's lifetime is not its to decide): the
  // timer does, until it has closed.
  await runner.close();
  clearTimeout(timer);
  if (!answer.ok) return { script, ok: false, milliseconds, error: errors[0] ?? answer.error.message };
  return { script, ok: true, milliseconds, error: null };
}

/** How many users the key ring beside the book names; null without one (or unreadable). */
function readKeyringQuietly(path: string): number | null {
  try {
    return readKeyring(path)?.users.length ?? null;
  } catch {
    return null;
  }
}

function scriptPath(script: string | URL): string {
  return script instanceof URL && script.protocol === 'file:' ? fileURLToPath(script) : String(script);
}

function driverVersion(packageRoot: string): string {
  try {
    const require = createRequire(join(packageRoot, 'package.json'));
    return (require('better-sqlite3-multiple-ciphers/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The log's size, how many entries it holds and the first line of the last few. */
function logSummary(path: string): DoctorReport['log'] {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { path, bytes: 0, entries: 0, last: [] };
  }
  const heads = text.split('\n').filter((line) => /^\d{4}-\d\d-\d\dT[\d:.]+Z \[/.test(line));
  return {
    path,
    bytes: Buffer.byteLength(text),
    entries: heads.length,
    last: heads.slice(-3).map((line) => (line.length > 200 ? `${line.slice(0, 199)}…` : line)),
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? '';
}

function backupsOf(path: string): DoctorReport['backups'] {
  const backups = listBackups(path, defaultBackupFolder(path));
  const newest = backups.find((entry) => entry.manifest !== null);
  return {
    newest: newest?.manifest ? { path: newest.path, at: newest.manifest.at } : null,
    count: backups.length,
  };
}
