import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/openBook';
import { seedDatabase } from '../../db/seed';

/*
 * A seed runs with a rollback journal (db/seed/journal.ts) and gives the book back in WAL mode,
 * its memory map as it was; when another connection has the book open it cannot switch, and
 * seeds in WAL without waiting for that connection.
 */

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-seed-journal-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('the journal while seeding', () => {
  it('is a rollback journal during the seed, and WAL again afterwards', async () => {
    const db = await openDatabase(join(directory, 'alone.db'));
    const mmapSize = db.sqlite.pragma('mmap_size', { simple: true });
    const modes = new Set<unknown>();
    seedDatabase(db, {
      accounts: 60,
      seed: 3,
      // The plan is made before the seed writes anything.
      onProgress: ({ phase }) => {
        if (phase !== 'plan') modes.add(db.sqlite.pragma('journal_mode', { simple: true }));
      },
    });
    expect([...modes]).toEqual(['delete']);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('mmap_size', { simple: true })).toBe(mmapSize);
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('stays WAL, without waiting, when another connection has the book open', async () => {
    const path = join(directory, 'shared.db');
    const db = await openDatabase(path);
    const other = new Database(path, { readonly: true });
    try {
      other.prepare('SELECT count(*) FROM accounts').get();
      const started = performance.now();
      const summary = seedDatabase(db, { accounts: 60, seed: 3 });
      expect(summary.rows.accounts).toBe(60);
      expect(performance.now() - started).toBeLessThan(4000);
      expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(other.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(60);
    } finally {
      other.close();
      db.close();
    }
  });
});
