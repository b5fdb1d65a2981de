import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBackup,
  defaultBackupFolder,
  defaultRetention,
  listBackups,
  verifyBackup,
} from '../../db/backups';
import { openDatabase } from '../../db/openBook';
import { buildOldBook } from './books';

/*
 * `kill -9` while a backup is written: the generations written before are intact and verify,
 * no file under a backup's name is half a copy, and the next backup clears what the killed
 * one left.
 */
let directory: string;
let book: string;
let child: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-backup-kill-'));
  book = join(directory, 'fieldbook.db');
  child = join(directory, 'backupChild.cjs');
  await build({
    entryPoints: ['tests/faults/backupChild.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: child,
    external: ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
    logLevel: 'warning',
  });
  // Big enough that the copy takes a while (tens of megabytes): the kill lands inside it.
  await buildOldBook(book, { accounts: 2_000, bills: 150_000, visits: 20_000 });
  const db = await openDatabase(book);
  db.close();
}, 120_000);

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** Runs a backup in a child; SIGKILLs it as soon as its partial copy appears on disk. */
function backupKilledMidway(at: string): Promise<{ killedMidway: boolean; output: string }> {
  return new Promise((settle, reject) => {
    const running = spawn(process.execPath, [child, book, at], {
      env: { ...process.env, NODE_PATH: resolve('node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let killedMidway = false;
    let output = '';
    running.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    running.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const folder = defaultBackupFolder(book);
    const poll = setInterval(() => {
      if (existsSync(folder) && readdirSync(folder).some((name) => name.endsWith('.db.partial'))) {
        killedMidway = true;
        running.kill('SIGKILL');
      }
    }, 2);
    running.on('error', reject);
    running.on('exit', () => {
      clearInterval(poll);
      settle({ killedMidway, output });
    });
  });
}

describe('kill -9 during a backup', () => {
  it('keeps the earlier generations whole, and the next backup clears what it left', async () => {
    const sqlite = (await openDatabase(book)).sqlite;
    const earlier = createBackup(sqlite, {
      bookPath: book,
      folder: defaultBackupFolder(book),
      reason: 'daily',
      now: new Date('2026-12-01T12:00:00'),
      retention: defaultRetention,
    });
    const run = await backupKilledMidway(new Date('2026-12-02T12:00:00').toISOString());
    expect(run).toMatchObject({ killedMidway: true });
    const folder = defaultBackupFolder(book);
    expect(readdirSync(folder).some((name) => name.includes('.partial'))).toBe(true);
    expect(listBackups(book, folder).map((entry) => entry.path)).toEqual([earlier.path]);
    expect(verifyBackup(earlier.path)).toEqual([]);

    const next = createBackup(sqlite, {
      bookPath: book,
      folder,
      reason: 'daily',
      now: new Date('2026-12-03T12:00:00'),
      retention: defaultRetention,
    });
    sqlite.close();
    expect(readdirSync(folder).some((name) => name.includes('.partial'))).toBe(false);
    expect(listBackups(book, folder).map((entry) => entry.path)).toEqual([next.path, earlier.path]);
    expect(verifyBackup(next.path)).toEqual([]);
  }, 60_000);
});
