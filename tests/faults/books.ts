import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { migrations } from '../../db/migrations/index';
import { openDatabase } from '../../db/openBook';

/**
 * Books for the fault tests, made with real SQLite files. An *old* book is a fresh file migrated
 * only up to an early migration and filled with SQL (the app's write path speaks only the latest
 * schema), big enough that bringing it up to date takes a measurable time: the consumption
 * roll-up of migration 0003 sums every bill.
 */
export const oldVersion = '20261128_0002_anniversary_days_and_reminders';
export const oldMigrations = migrations.slice(0, migrations.findIndex((m) => m.name === oldVersion) + 1);
export const latest = migrations.at(-1)?.name ?? '';

export interface OldBookSize {
  readonly accounts: number;
  readonly bills: number;
  readonly visits: number;
}

const clock = "'2026-01-01T00:00:00.000Z-0000-00000000000000a1'";

export async function buildOldBook(path: string, size: OldBookSize): Promise<void> {
  const db = await openDatabase(path, { migrations: oldMigrations });
  try {
    db.sqlite.exec(`BEGIN;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${size.accounts})
      INSERT INTO accounts (id, kind, customer_no, name, tier, status, owner, hlc, seq, updated_at)
        SELECT printf('00000000-0000-7000-8000-%012d', i), CASE i % 3 WHEN 0 THEN 'organization' ELSE 'person' END,
               printf('K%08d', i), '客户' || i, 'general', 'active', 'm001', ${clock}, i, '2026-01-01T00:00:00.000Z'
        FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${size.bills})
      INSERT INTO consumption (id, account_id, period, category, amount_fen, source, deleted, hlc, seq)
        SELECT printf('00000000-0000-7000-9000-%012d', i), printf('00000000-0000-7000-8000-%012d', 1 + i % ${size.accounts}),
               printf('%04d-%02d', 2024 + (i / 12) % 2, 1 + i % 12), CASE i % 4 WHEN 0 THEN 'voice' WHEN 1 THEN 'data' WHEN 2 THEN 'cloud' ELSE 'idc' END,
               (i * 7919) % 100000, 'billing', CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END, ${clock}, i
        FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${size.visits})
      INSERT INTO visits (id, account_id, occurred_at, kind, content, hlc, seq)
        SELECT printf('00000000-0000-7000-a000-%012d', i), printf('00000000-0000-7000-8000-%012d', 1 + i % ${size.accounts}),
               '2025-06-01T08:00:00.000Z', 'visit', '拜访记录 ' || i, ${clock}, i
        FROM n;
      INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after)
        SELECT '2026-01-01T00:00:00.000Z', 'm001', 'create', 'account', id, NULL, NULL FROM accounts;
      UPDATE sync_clock SET hlc = ${clock}, seq = ${size.accounts + size.bills + size.visits};
      COMMIT;`);
  } finally {
    db.close();
  }
}

/** What must survive any upgrade: rows per table, and the bills' total the roll-up must match. */
export function contentOf(sqlite: BetterSqlite3.Database): Record<string, number> {
  const count = (sql: string) => Number(sqlite.prepare(sql).pluck().get());
  return {
    accounts: count('SELECT count(*) FROM accounts'),
    consumption: count('SELECT count(*) FROM consumption'),
    visits: count('SELECT count(*) FROM visits'),
    audit: count("SELECT count(*) FROM audit_log WHERE entity != 'book'"),
    liveFen: count('SELECT sum(amount_fen) FROM consumption WHERE deleted = 0'),
  };
}

/** The roll-up migration 0003 builds, summed: equal to the live bills' total once it ran whole. */
export function rollupFen(sqlite: BetterSqlite3.Database): number {
  const months = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`).join(' + ');
  return Number(sqlite.prepare(`SELECT sum(${months}) FROM consumption_rollup`).pluck().get());
}

export function versionOf(sqlite: BetterSqlite3.Database): string {
  return String(sqlite.prepare('SELECT max(name) FROM kysely_migration').pluck().get());
}

export const digestOf = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** mulberry32: a small seeded PRNG, so a failing sequence of kill points can be replayed. */
export function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A raw look at a book without the app (no check, no upgrade, nothing written). */
export function peek<T>(path: string, look: (sqlite: BetterSqlite3.Database) => T): T {
  const sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return look(sqlite);
  } finally {
    sqlite.close();
  }
}
