import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradeCopyPath } from '../../db/bookFiles';
import { main } from '../../db/cli/main';
import { migrations, type NamedMigration } from '../../db/migrations/index';
import { openBook } from '../../db/openBook';
import { openFieldbook } from '../../db/service';
import { ApiError } from '../../shared/errors';
import { buildOldBook, contentOf, digestOf, latest, oldVersion, peek, rollupFen, versionOf } from './books';

/*
 * Upgrading a book: a verified copy first, every pending migration in one transaction, audited;
 * a failed upgrade leaves the book as it was; one damaged by its upgrade goes back to the copy;
 * a book from a newer Fieldbook is refused without a byte changed.
 */
let directory: string;
let template: string;
let expected: Record<string, number>;
let counter = 0;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-upgrade-'));
  template = join(directory, 'old.db');
  await buildOldBook(template, { accounts: 200, bills: 3_000, visits: 400 });
  expected = peek(template, contentOf);
});

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** A fresh copy of the old book under a name of its own. */
function oldBook(): string {
  const path = join(directory, `book-${++counter}.db`);
  copyFileSync(template, path);
  return path;
}

const upgradeAudit = (sqlite: BetterSqlite3.Database) =>
  sqlite
    .prepare("SELECT actor, action, before, after FROM audit_log WHERE entity = 'book' ORDER BY id")
    .all() as { actor: string; action: string; before: string; after: string }[];

describe('upgrading an old book', () => {
  it('copies it (verified) first, migrates it in one audited transaction, and drops the copy at the next start', async () => {
    const path = oldBook();
    const { db, storage } = await openBook(path);
    const copy = upgradeCopyPath(path);
    expect(storage).toMatchObject({ writable: true, reason: null, verifiedCopy: { path: copy } });
    expect(storage.notices).toEqual([
      { kind: 'upgraded', from: oldVersion, to: latest, copy, resumed: false },
    ]);
    expect(versionOf(db.sqlite)).toBe(latest);
    expect(contentOf(db.sqlite)).toEqual(expected);
    expect(rollupFen(db.sqlite)).toBe(expected['liveFen']);
    const [entry, ...more] = upgradeAudit(db.sqlite);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor: 'fieldbook', action: 'book.upgrade' });
    expect(JSON.parse(entry?.before ?? '{}')).toEqual({ version: oldVersion });
    expect(JSON.parse(entry?.after ?? '{}')).toEqual({ version: latest, copy, resumed: false });
    db.close();

    // The copy: the old book, whole and sound, as it was.
    expect(peek(copy, (sqlite) => sqlite.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(peek(copy, versionOf)).toBe(oldVersion);
    expect(peek(copy, contentOf)).toEqual(expected);

    const next = await openBook(path);
    expect(next.storage).toMatchObject({ writable: true, verifiedCopy: null, notices: [] });
    next.db.close();
    expect(existsSync(copy)).toBe(false);
  });

  it('a new book is created without a copy or an audit entry', async () => {
    const path = join(directory, 'new.db');
    const { db, storage } = await openBook(path);
    expect(storage).toMatchObject({ writable: true, verifiedCopy: null, notices: [] });
    expect(upgradeAudit(db.sqlite)).toEqual([]);
    db.close();
    expect(existsSync(upgradeCopyPath(path))).toBe(false);
  });

  it('a migration that fails leaves the book at its old version, with nothing of the upgrade in it', async () => {
    const path = oldBook();
    // Half of a migration done, then a failure: kysely's Migrator on SQLite kept the half.
    const failing: NamedMigration = {
      name: '20991231_0001_fails_half_way',
      migration: {
        up: async (db) => {
          await sql`CREATE TABLE half_done (x INTEGER)`.execute(db);
          throw new Error('no space for the new index');
        },
      },
    };
    const failure = await openBook(path, { migrations: [...migrations, failing] }).catch(
      (error: unknown) => error,
    );
    expect(String(failure)).toBe(
      `Error: Fieldbook could not upgrade this book: migration 20991231_0001_fails_half_way failed: no space for the new index. It is unchanged, at version ${oldVersion}; a verified copy of it is at ${upgradeCopyPath(path)}`,
    );
    expect(peek(path, versionOf)).toBe(oldVersion);
    expect(peek(path, (sqlite) => sqlite.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(peek(path, contentOf)).toEqual(expected);
    expect(
      peek(path, (s) =>
        s.prepare("SELECT name FROM sqlite_schema WHERE name IN ('half_done', 'consumption_rollup')").all(),
      ),
    ).toEqual([]);

    // The next start (the app as shipped) upgrades it, and says an earlier upgrade did not finish.
    const { db, storage } = await openBook(path);
    expect(storage.notices).toEqual([
      { kind: 'upgraded', from: oldVersion, to: latest, copy: upgradeCopyPath(path), resumed: true },
    ]);
    expect(contentOf(db.sqlite)).toEqual(expected);
    db.close();
  });

  it('a book damaged by its upgrade is set aside and replaced by the copy, then upgraded again', async () => {
    const path = oldBook();
    // The disk fails under the upgrade: a page the migrations never touch turns to noise.
    const victim = peek(path, (sqlite) => {
      const pages = sqlite
        .prepare("SELECT pageno FROM dbstat WHERE name = 'visits' AND pagetype = 'leaf' ORDER BY pageno")
        .pluck()
        .all() as number[];
      return {
        page: pages[Math.floor(pages.length / 2)] ?? 0,
        size: Number(sqlite.pragma('page_size', { simple: true })),
      };
    });
    let damaged = 0;
    const diskFault: NamedMigration = {
      name: '20991231_0002_disk_fault',
      migration: {
        up: () => {
          if (damaged++ > 0) return Promise.resolve();
          const fd = openSync(path, 'r+');
          writeSync(fd, Buffer.alloc(victim.size, 0xa5), 0, victim.size, (victim.page - 1) * victim.size);
          closeSync(fd);
          return Promise.resolve();
        },
      },
    };
    const { db, storage } = await openBook(path, { migrations: [...migrations, diskFault] });
    const aside = readdirSync(directory).find(
      (name) => name.startsWith(`book-${counter}.damaged-`) && name.endsWith('.db'),
    );
    expect(aside).toBeDefined();
    const copy = upgradeCopyPath(path);
    expect(storage.notices).toEqual([
      { kind: 'restored', copy, damagedKeptAs: join(directory, aside ?? '') },
      { kind: 'upgraded', from: oldVersion, to: diskFault.name, copy, resumed: false },
    ]);
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(contentOf(db.sqlite)).toEqual(expected);
    expect(upgradeAudit(db.sqlite).map((entry) => entry.action)).toEqual(['book.restore', 'book.upgrade']);
    db.close();
    // The damaged book is kept, never deleted: it is the evidence, and may hold what the copy lacks.
    expect(
      peek(join(directory, aside ?? ''), (sqlite) => sqlite.pragma('quick_check', { simple: true })),
    ).not.toBe('ok');
  });
});

describe('a book written by a newer Fieldbook', () => {
  async function newerBook(): Promise<string> {
    const path = join(directory, `newer-${++counter}.db`);
    const { db } = await openBook(path);
    db.sqlite
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('20991231_0001_from_the_future', new Date().toISOString());
    db.close();
    return path;
  }

  it('is refused with DB_TOO_NEW, its bytes and the files beside it unchanged, however it is opened', async () => {
    const path = await newerBook();
    const before = digestOf(path);
    const refusal = {
      code: 'DB_TOO_NEW',
      message: 'This book was written by a newer Fieldbook; update the app',
    };
    for (const options of [{}, { readonly: true }]) {
      const error = await openFieldbook(path, options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject(refusal);
      expect((error as ApiError).details).toMatchObject({
        bookVersion: '20991231_0001_from_the_future',
        appVersion: latest,
      });
    }
    const lines: string[] = [];
    const errors: string[] = [];
    const originalError = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      expect(await main(['--db', path, 'init'], (line) => lines.push(line))).toBe(1);
    } finally {
      console.error = originalError;
    }
    expect(errors).toEqual([`fieldbook: DB_TOO_NEW: ${refusal.message}`]);
    expect(digestOf(path)).toBe(before);
    expect(existsSync(upgradeCopyPath(path))).toBe(false);
  });

  it('an old book is upgraded even with an interrupted copy left beside it', async () => {
    const path = oldBook();
    const copy = upgradeCopyPath(path);
    copyFileSync(template, `${copy}.partial`);
    rmSync(copy, { force: true });
    const { db, storage } = await openBook(path);
    expect(storage.notices[0]).toMatchObject({ kind: 'upgraded', resumed: false });
    db.close();
    expect(existsSync(`${copy}.partial`)).toBe(false);
  });
});
