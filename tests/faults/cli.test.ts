import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openFieldbook } from '../../db/service';
import { bookDigest, holdWriteLock, killLockers } from './helpers';

/**
 * The `fieldbook` command as a user runs it, a process of its own: a storage fault is one line on
 * stderr and exit code 1, never a stack; the stack is in the log beside the book.
 */
const bin = fileURLToPath(new URL('../../build/fieldbook.mjs', import.meta.url));
let directory: string;
let path: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-faults-cli-'));
  path = join(directory, 'fieldbook.db');
  const book = await openFieldbook(path);
  await book.client({ actor: 'm001' }).accounts.create({ kind: 'person', name: '张三' });
  book.close();
});
afterEach(() => killLockers());
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function fieldbook(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, '--db', path, '--as', 'm001', ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function expectOneLine(stderr: string, code: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^fieldbook: ${code}: `));
  expect(stderr).not.toMatch(/\bat .*:\d+:\d+/);
}

describe('the CLI on storage faults', () => {
  it('a locked book: one line "DB_BUSY: …", exit 1, after the default five seconds; the stack in the log', async () => {
    const before = bookDigest(path);
    const lock = await holdWriteLock(path, 'EXCLUSIVE');
    const started = performance.now();
    const result = await fieldbook(
      'call',
      'accounts.create',
      JSON.stringify({ kind: 'person', name: '李四' }),
    );
    const took = performance.now() - started;
    await lock.release();

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expectOneLine(result.stderr, 'DB_BUSY');
    // The busy timeout (5 s) plus the process's own start.
    expect(took).toBeGreaterThanOrEqual(5000);
    expect(bookDigest(path)).toBe(before);
    const log = readFileSync(join(directory, 'fieldbook.log'), 'utf8');
    expect(log).toContain('[accounts.create] SqliteError: database is locked');
    expect(log).toMatch(/\n {4}at /);
  }, 30_000);

  it('a full disk while writing a sync file (/dev/full: ENOSPC from the kernel): one line "DISK_FULL: …"', async () => {
    const passphrase = join(directory, 'passphrase');
    writeFileSync(passphrase, 'team passphrase 2026');
    const result = await fieldbook('sync', 'export', '--out', '/dev/full', '--passphrase-file', passphrase);
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, 'DISK_FULL');
    expect(result.stderr).toContain('[ENOSPC]');
    expect(readFileSync(join(directory, 'fieldbook.log'), 'utf8')).toContain('ENOSPC');
    // The export that was not written is taken back: the next one carries the same changes.
    const retry = await fieldbook(
      '--json',
      'sync',
      'export',
      '--out',
      join(directory, 'retry.fbsync'),
      '--passphrase-file',
      passphrase,
    );
    expect(retry.code, retry.stderr).toBe(0);
    expect((JSON.parse(retry.stdout) as { manifest: { opCount: number } }).manifest.opCount).toBeGreaterThan(
      0,
    );
  }, 30_000);
});
