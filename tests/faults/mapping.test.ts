import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFaultLog } from '../../db/faultLog';
import { createFaultMapper, openFault, storageFault, toApiError } from '../../db/faults';
import { openFieldbook } from '../../db/service';
import { ApiError } from '../../shared/errors';

/**
 * Which error becomes which code (SQLite's extended codes, Node's errno codes, wrapped errors),
 * and the log that takes the stacks: capped, and never a reason for anything to fail.
 */
const sqlite = (code: string) => new Database.SqliteError(`${code} from SQLite`, code);
const system = (code: string, path: string) =>
  Object.assign(new Error(`${code}: failed, open '${path}'`), { code, path, syscall: 'open' });

describe('storage faults as codes', () => {
  it.each([
    ['SQLITE_BUSY', 'DB_BUSY'],
    ['SQLITE_BUSY_SNAPSHOT', 'DB_BUSY'],
    ['SQLITE_BUSY_RECOVERY', 'DB_BUSY'],
    ['SQLITE_LOCKED', 'DB_BUSY'],
    ['SQLITE_PROTOCOL', 'DB_BUSY'],
    ['SQLITE_FULL', 'DISK_FULL'],
    ['SQLITE_READONLY', 'READ_ONLY'],
    ['SQLITE_READONLY_RECOVERY', 'READ_ONLY'],
    ['SQLITE_READONLY_CANTINIT', 'READ_ONLY'],
    ['SQLITE_READONLY_DBMOVED', 'DB_IO'],
    ['SQLITE_CORRUPT', 'DB_CORRUPT'],
    ['SQLITE_CORRUPT_INDEX', 'DB_CORRUPT'],
    ['SQLITE_NOTADB', 'DB_CORRUPT'],
    ['SQLITE_IOERR', 'DB_IO'],
    ['SQLITE_IOERR_WRITE', 'DB_IO'],
    ['SQLITE_IOERR_FSYNC', 'DB_IO'],
    ['SQLITE_IOERR_SHORT_READ', 'DB_IO'],
    ['SQLITE_CANTOPEN', 'DB_IO'],
  ])('%s → %s', (code, expected) => {
    const fault = storageFault(sqlite(code));
    expect(fault?.code).toBe(expected);
    expect(fault?.details).toEqual({ cause: code });
    expect(fault?.message).toContain(`[${code}]`);
  });

  it.each([
    ['ENOSPC', 'DISK_FULL'],
    ['EDQUOT', 'DISK_FULL'],
    ['EROFS', 'READ_ONLY'],
    ['EACCES', 'READ_ONLY'],
    ['EPERM', 'READ_ONLY'],
    ['EIO', 'DB_IO'],
  ])('a file the app writes, %s → %s, naming the file', (code, expected) => {
    const fault = storageFault(system(code, '/exports/accounts.csv'));
    expect(fault?.code).toBe(expected);
    expect(fault?.message).toMatch(/\(\/exports\/accounts\.csv\)$/);
  });

  it('finds a fault wrapped as a cause (a failed migration), and leaves other errors INTERNAL', () => {
    const wrapped = new Error('database migration 0009 failed', { cause: sqlite('SQLITE_FULL') });
    expect(toApiError(wrapped, 'open').code).toBe('DISK_FULL');
    expect(toApiError(new TypeError('x is undefined'), 'accounts.create')).toMatchObject({
      code: 'INTERNAL',
      message: 'Internal error in accounts.create',
    });
    expect(toApiError(sqlite('SQLITE_CONSTRAINT_CHECK'), 'sync.import').code).toBe('INTERNAL');
    expect(toApiError(system('ENOENT', '/nowhere'), 'cli').code).toBe('INTERNAL');
    const refusal = new ApiError('NOT_FOUND', 'no such account');
    expect(toApiError(refusal, 'accounts.get')).toBe(refusal);
    expect(storageFault(refusal)).toBeNull();
  });

  it('after an I/O error on a connection, "damaged" reads are told as the disk failing', () => {
    const map = createFaultMapper();
    expect(map(sqlite('SQLITE_CORRUPT'), 'accounts.list').code).toBe('DB_CORRUPT');
    expect(map(sqlite('SQLITE_IOERR_WRITE'), 'accounts.create').code).toBe('DB_IO');
    expect(map(sqlite('SQLITE_CORRUPT'), 'accounts.list').code).toBe('DB_IO');
    expect(createFaultMapper()(sqlite('SQLITE_CORRUPT'), 'accounts.list').code).toBe('DB_CORRUPT');
  });

  it('CANTOPEN at open is READ_ONLY when the folder cannot be written, else DB_IO', () => {
    expect(openFault(sqlite('SQLITE_CANTOPEN'), () => false)?.code).toBe('READ_ONLY');
    expect(openFault(sqlite('SQLITE_CANTOPEN'), () => true)?.code).toBe('DB_IO');
    expect(openFault(sqlite('SQLITE_NOTADB'), () => false)?.code).toBe('DB_CORRUPT');
    expect(openFault(new Error('bug'), () => true)).toBeNull();
  });
});

describe('the fault log', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'fieldbook-faultlog-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('records the stack with the operation and the code, and keeps one older file past its cap', () => {
    const file = join(directory, 'fieldbook.log');
    const log = createFaultLog(file, 4000);
    for (let entry = 0; entry < 20; entry++) log(`accounts.create#${entry}`, sqlite('SQLITE_BUSY'));
    expect(readdirSync(directory).sort()).toEqual(['fieldbook.log', 'fieldbook.log.1']);
    expect(statSync(file).size).toBeLessThanOrEqual(4000);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(4000);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[accounts.create#19] SqliteError: SQLITE_BUSY from SQLite');
    expect(text).toMatch(/\n {4}at .*mapping\.test\.ts/);
    expect(text).toContain('[SQLITE_BUSY]');
  });

  it('never fails what was asked when it cannot be written', async () => {
    // The log's path is a folder: every append fails (EISDIR), as in a read-only folder.
    const unwritable = join(directory, 'log-is-a-folder');
    mkdirSync(unwritable);
    expect(() => createFaultLog(unwritable)('accounts.create', new Error('x'))).not.toThrow();

    const book = await openFieldbook(join(directory, 'fieldbook.db'), { logFile: unwritable });
    try {
      book.db.sqlite.pragma('query_only = ON');
      const result = book.dispatch('accounts.create', { kind: 'person', name: '张三' }, { actor: 'm001' });
      expect(result).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    } finally {
      book.close();
    }
  });
});
