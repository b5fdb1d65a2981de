import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultBackupFolder } from '../../db/backups';
import { main } from '../../db/cli/main';
import { bookDigest } from '../faults/helpers';

/*
 * `fieldbook backup …` and `fieldbook audit verify` as a script runs them: exit codes, one line
 * on stderr for a refusal, and the book as the backup held it after a restore — also when the
 * book is too damaged to take writes.
 */
let directory: string;
let counter = 0;
let errors: string[] = [];

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-cli-backups-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function run(path: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const printed: string[] = [];
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => errors.push(line));
  const code = await main(['--db', path, '--as', 'hq01', ...args], (line) => printed.push(line));
  vi.restoreAllMocks();
  return { code, out: printed.join('\n') };
}

async function seededBook(): Promise<string> {
  const folder = join(directory, `book-${++counter}`);
  mkdirSync(folder);
  const path = join(folder, 'fieldbook.db');
  expect((await run(path, 'seed', '--accounts', '40', '--seed', '3', '--json')).code).toBe(0);
  return path;
}

/** Noise over a page of an index the check reads: the book opens read-only, damaged. */
function damage(path: string): void {
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const page = Number(
    sqlite.prepare("SELECT pageno FROM dbstat WHERE name = 'consumption_seq' LIMIT 1").pluck().get(),
  );
  const size = Number(sqlite.pragma('page_size', { simple: true }));
  sqlite.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page - 1) * size);
  closeSync(fd);
}

const only = (path: string) => readdirSync(defaultBackupFolder(path)).filter((name) => name.endsWith('.db'));

describe('fieldbook backup', () => {
  it('create, list, verify; a changed byte fails verify with exit 1', async () => {
    const path = await seededBook();
    const created = await run(path, 'backup', 'create');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^Backed up and verified: fieldbook-\d{8}-\d{6}-manual\.db/);
    const [file = ''] = only(path);
    expect((await run(path, 'backup', 'list')).out).toContain(file);
    expect(await run(path, 'backup', 'verify', file)).toEqual({ code: 0, out: `${file}: sound` });
    const fd = openSync(join(defaultBackupFolder(path), file), 'r+');
    writeSync(fd, Buffer.from([0x42]), 0, 1, 5000);
    closeSync(fd);
    const failed = await run(path, 'backup', 'verify');
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('its bytes are not those written');
  });

  it('restore gives back the book as it was backed up, and keeps the one it replaced', async () => {
    const path = await seededBook();
    await run(path, 'backup', 'create');
    const [file = ''] = only(path);
    const atBackup = bookDigest(path, ['audit_log', 'sync_clock']);
    expect((await run(path, 'call', 'accounts.create', '{"kind":"person","name":"备份后"}')).code).toBe(0);
    const restored = await run(path, 'backup', 'restore', file);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(
      /^Restored fieldbook-.*; the book as it was is backed up as fieldbook-.*-restore\.db$/,
    );
    expect(bookDigest(path, ['audit_log', 'sync_clock'])).toBe(atBackup);
    expect(only(path)).toHaveLength(2);
    expect(await run(path, 'backup', 'remove', file)).toEqual({ code: 0, out: `Removed ${file}` });
    expect(only(path)).toHaveLength(1);
  });

  it('restores a damaged book by replacing the file, the damaged one kept aside', async () => {
    const path = await seededBook();
    await run(path, 'backup', 'create');
    const [file = ''] = only(path);
    // The book's record of the backup came after the copy: not in it.
    const atBackup = bookDigest(path, ['audit_log']);
    damage(path);
    expect((await run(path, 'call', 'accounts.create', '{"kind":"person","name":"x"}')).code).toBe(1);
    const restored = await run(path, 'backup', 'restore', file);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/the damaged book is kept as .*fieldbook\.damaged-/);
    expect(bookDigest(path, ['audit_log'])).toBe(atBackup);
    expect((await run(path, 'call', 'accounts.create', '{"kind":"person","name":"恢复后"}')).code).toBe(0);
  });

  it('restore after an erasure erases the person again, also when the book is damaged', async () => {
    for (const damaged of [false, true]) {
      const path = await seededBook();
      const created = await run(path, 'call', 'accounts.create', '{"kind":"person","name":"欧阳娜娜"}');
      const { id } = JSON.parse(created.out) as { id: string };
      await run(path, 'backup', 'create');
      const [file = ''] = only(path);
      const erase = JSON.stringify({ id, reason: '本人要求删除' });
      expect((await run(path, 'call', 'accounts.erase', erase)).code).toBe(0);
      if (damaged) damage(path);
      const restored = await run(path, 'backup', 'restore', file);
      expect(restored.code).toBe(0);
      expect(restored.out).toMatch(/; 1 account erased since the backup erased again$/);
      if (damaged) expect(restored.out).toMatch(/the damaged book is kept as/);
      expect((await run(path, 'call', 'accounts.get', JSON.stringify({ id }))).code).toBe(1);
      const sqlite = new BetterSqlite3(path, { readonly: true });
      expect(sqlite.prepare('SELECT account_id FROM erased_accounts').pluck().all()).toEqual([id]);
      expect(sqlite.prepare('SELECT count(*) FROM accounts WHERE id = ?').pluck().get(id)).toBe(0);
      sqlite.close();
      expect(readFileSync(path).includes(Buffer.from('欧阳娜娜'))).toBe(false);
    }
  });

  it('a backup that is not there, or a path, is refused in one line', async () => {
    const path = await seededBook();
    expect((await run(path, 'backup', 'verify', 'fieldbook-20990101-000000-manual.db')).code).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/^fieldbook: NOT_FOUND: No backup of this book is named/)]);
    expect((await run(path, 'backup', 'frobnicate')).code).toBe(2);
  });
});

describe('fieldbook audit verify', () => {
  it('holds on a book the app wrote; names the entry changed behind the triggers', async () => {
    const path = await seededBook();
    const intact = await run(path, 'audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/^The audit log holds: \d+ entries/);
    const sqlite = new BetterSqlite3(path);
    sqlite.exec(
      "DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 2",
    );
    sqlite.close();
    expect((await run(path, '--read-only', 'audit', 'verify')).code).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(/^fieldbook: DB_CORRUPT: The audit log is broken at entry 2: its fields/),
    ]);
  });

  it('names entries cut from the end that a backup recorded', async () => {
    const path = await seededBook();
    await run(path, 'backup', 'create');
    const covered = await run(path, 'audit', 'verify');
    expect(covered.out).toMatch(/\nIts end matches the backup of .* \(entry #\d+\); entries written since/);
    const last = Number(/entry #(\d+)/.exec(covered.out)?.[1]);
    const sqlite = new BetterSqlite3(path);
    sqlite.exec(`DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE id >= ${last}`);
    sqlite.close();
    expect((await run(path, '--read-only', 'audit', 'verify')).code).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^fieldbook: DB_CORRUPT: The audit log is broken at entry ${last}: entries after #${last - 1} were removed \\(the backup of .* recorded #${last}\\)`,
        ),
      ),
    ]);
  });
});
