import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { openDatabase } from '../../db/openBook';
import type { SyncedTable } from '../../db/schema';
import { seedDatabase, seedReference, type SeedProgress, type SeedSummary } from '../../db/seed';
import { ruleProblem } from '../../shared/domain/anniversaryRule';
import { isValidCreditCode } from '../../shared/domain/creditCode';
import { generatedCustomerNumberPattern } from '../../shared/domain/customerNumber';
import { isHlc } from '../../shared/domain/hlc';
import { normalizePhone } from '../../shared/domain/phone';
import { uuidV7Time } from '../../shared/domain/uuid7';
import { consumptionCategories, visitKinds } from '../../shared/schemas';

const accounts = 300;
const seed = 20261101;
const syncedTables: SyncedTable[] = [
  'accounts',
  'account_phones',
  'relationships',
  'visits',
  'anniversaries',
  'consumption',
];
/** Columns that legitimately differ between two runs: the device clock and wall-clock time. */
const runSpecific = new Set(['hlc', 'seq', 'updated_at']);

let directory: string;
let db: Db;
let twin: Db;
let other: Db;
let summary: SeedSummary;
const progress: SeedProgress[] = [];

function all<T>(database: Db, sql: string): T[] {
  return database.sqlite.prepare(sql).all() as T[];
}

function one<T>(database: Db, sql: string): T {
  return database.sqlite.prepare(sql).get() as T;
}

function content(database: Db, table: SyncedTable): unknown[] {
  const columns = all<{ name: string }>(database, `PRAGMA table_info(${table})`)
    .map((column) => column.name)
    .filter((name) => !runSpecific.has(name));
  return all(database, `SELECT ${columns.join(', ')} FROM ${table} ORDER BY id`);
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-seed-'));
  db = await openDatabase(join(directory, 'a.db'));
  summary = seedDatabase(db, { accounts, seed, actor: 'tester', onProgress: (p) => progress.push(p) });
  twin = await openDatabase(join(directory, 'b.db'));
  seedDatabase(twin, { accounts, seed });
  other = await openDatabase(join(directory, 'c.db'));
  seedDatabase(other, { accounts, seed: seed + 1 });
});

afterAll(() => {
  for (const database of [db, twin, other]) database.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('seedDatabase', () => {
  it('is deterministic: the same (accounts, seed) give the same content', () => {
    for (const table of syncedTables) expect(content(twin, table), table).toEqual(content(db, table));
  });

  it('gives different content for another seed', () => {
    for (const table of syncedTables) expect(content(other, table), table).not.toEqual(content(db, table));
  });

  it('reports what it wrote and how long each phase took', () => {
    for (const table of syncedTables) {
      expect(summary.rows[table], table).toBe(one<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`).n);
    }
    expect(summary.accounts).toBe(accounts);
    expect(Object.keys(summary.phaseMs)).toEqual([
      'plan',
      'accounts',
      'relationships',
      'anniversaries',
      'visits',
      'consumption',
      'indexes',
    ]);
    expect(progress.at(-1)).toEqual({ phase: 'indexes', done: accounts, total: accounts });
  });

  it('refuses a database that already has accounts', () => {
    expect(() => seedDatabase(db, { accounts: 10, seed })).toThrow(/empty database/);
  });

  it('has roughly the proportions of a key-account book', () => {
    const per = (table: SyncedTable) => summary.rows[table] / accounts;
    expect(per('account_phones')).toBeGreaterThan(2.1);
    expect(per('account_phones')).toBeLessThan(2.9);
    expect(per('visits')).toBeGreaterThan(7);
    expect(per('visits')).toBeLessThan(13);
    expect(per('consumption')).toBeGreaterThan(42);
    expect(per('consumption')).toBeLessThan(58);
    expect(per('anniversaries')).toBeGreaterThanOrEqual(1.5);
    const kinds = Object.fromEntries(
      all<{ kind: string; n: number }>(db, 'SELECT kind, count(*) AS n FROM accounts GROUP BY kind').map(
        (r) => [r.kind, r.n / accounts],
      ),
    );
    expect(kinds['organization']).toBeGreaterThan(0.22);
    expect(kinds['organization']).toBeLessThan(0.38);
    const tiers = Object.fromEntries(
      all<{ tier: string; n: number }>(db, 'SELECT tier, count(*) AS n FROM accounts GROUP BY tier').map(
        (r) => [r.tier, r.n / accounts],
      ),
    );
    expect(tiers).toEqual({ strategic: 0.05, partner: 0.15, commercial: 0.3, general: 0.5 });
    const archived = one<{ n: number }>(db, "SELECT count(*) AS n FROM accounts WHERE status = 'archived'").n;
    expect(archived / accounts).toBeLessThan(0.08);
    const owners = one<{ n: number }>(db, 'SELECT count(DISTINCT owner) AS n FROM accounts').n;
    expect(owners).toBeGreaterThan(30);
  });

  it('makes valid, unique customer numbers and UUIDv7 ids from synthetic times', () => {
    const rows = all<{ id: string; customer_no: string }>(db, 'SELECT id, customer_no FROM accounts');
    expect(new Set(rows.map((row) => row.customer_no)).size).toBe(accounts);
    for (const row of rows) {
      expect(row.customer_no).toMatch(generatedCustomerNumberPattern);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const created = uuidV7Time(row.id);
      expect(created >= '2024-01-01' && created < seedReference.date, created).toBe(true);
    }
  });

  it('stores phones normalized, once per account', () => {
    const phones = all<{ number: string }>(db, 'SELECT number FROM account_phones');
    for (const { number } of phones) expect(normalizePhone(number)?.digits, number).toBe(number);
    const repeated = all(
      db,
      'SELECT account_id FROM account_phones GROUP BY account_id, number HAVING count(*) > 1',
    );
    expect(repeated).toEqual([]);
    const kinds = new Set(phones.map(({ number }) => normalizePhone(number)?.kind));
    expect([...kinds].sort()).toEqual(['landline', 'mobile', 'service']);
    // A few people keep a number abroad, stored in E.164.
    expect(phones.filter(({ number }) => number.startsWith('+')).length).toBeGreaterThan(0);
  });

  it('gives organizations valid credit codes and people none', () => {
    const rows = all<{ kind: string; credit_code: string | null }>(
      db,
      'SELECT kind, credit_code FROM accounts',
    );
    for (const row of rows) {
      if (row.kind === 'person') expect(row.credit_code).toBeNull();
      else expect(isValidCreditCode(row.credit_code ?? ''), row.credit_code ?? '').toBe(true);
    }
  });

  it('makes only anniversaries the API accepts', () => {
    const rows = all<{
      kind: string;
      account_kind: string;
      label: string;
      calendar: 'gregorian' | 'lunar';
      month: number;
      day: number;
      leap_month: number;
      year: number | null;
    }>(
      db,
      `SELECT n.kind, a.kind AS account_kind, n.label, n.calendar, n.month, n.day, n.leap_month, n.year
       FROM anniversaries n JOIN accounts a ON a.id = n.account_id`,
    );
    for (const row of rows) {
      const rule = { ...row, leapMonth: row.leap_month === 1 };
      expect(ruleProblem(rule), JSON.stringify(row)).toBeNull();
      if (row.kind === 'birthday' || row.kind === 'wedding') expect(row.account_kind).toBe('person');
      if (row.kind === 'founding') expect(row.account_kind).toBe('organization');
      if (row.kind === 'custom') expect(row.label).not.toBe('');
    }
    expect(rows.filter((row) => row.calendar === 'lunar').length / rows.length).toBeGreaterThan(0.1);
  });

  it('builds customer groups as a forest of holds between organizations', () => {
    const holds = all<{ from_id: string; to_id: string; from_kind: string; to_kind: string }>(
      db,
      `SELECT r.from_id, r.to_id, f.kind AS from_kind, t.kind AS to_kind FROM relationships r
       JOIN accounts f ON f.id = r.from_id JOIN accounts t ON t.id = r.to_id WHERE r.type = 'holds'`,
    );
    expect(holds.length).toBeGreaterThan(0);
    const parentOf = new Map<string, string>();
    for (const row of holds) {
      expect([row.from_kind, row.to_kind]).toEqual(['organization', 'organization']);
      expect(parentOf.has(row.to_id), `${row.to_id} has two parents`).toBe(false);
      parentOf.set(row.to_id, row.from_id);
    }
    for (const start of parentOf.keys()) {
      const seen = new Set<string>([start]);
      for (let node = parentOf.get(start); node !== undefined; node = parentOf.get(node)) {
        expect(seen.has(node), `cycle through ${node}`).toBe(false);
        seen.add(node);
      }
    }
  });

  it('employs every person at an organization, and links some families', () => {
    const unemployed = one<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM accounts a WHERE a.kind = 'person' AND (SELECT count(*) FROM relationships r
       JOIN accounts o ON o.id = r.from_id AND o.kind = 'organization'
       WHERE r.to_id = a.id AND r.type = 'employs') != 1`,
    );
    expect(unemployed.n).toBe(0);
    const family = all<{ role: string }>(db, "SELECT role FROM relationships WHERE type = 'family'");
    expect(family.length).toBeGreaterThan(0);
    for (const { role } of family) expect(['配偶', '子女', '父母']).toContain(role);
  });

  it('has a person with a polyphonic surname', () => {
    const names = all<{ name: string }>(db, "SELECT name FROM accounts WHERE kind = 'person'");
    expect(names.some(({ name }) => /^[曾单解仇区朴查]/.test(name))).toBe(true);
  });

  it('records visits of every kind by the account manager in the last two years, and plans some', () => {
    const kinds = all<{ kind: string }>(db, 'SELECT DISTINCT kind FROM visits').map((row) => row.kind);
    expect(kinds.sort()).toEqual([...visitKinds].sort());
    const planEnd = new Date(Date.parse(seedReference.date) + 60 * 86_400_000).toISOString();
    const strays = one<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM visits v JOIN accounts a ON a.id = v.account_id
       WHERE v.manager != a.owner OR v.occurred_at < '2024-11-01' OR v.occurred_at >= '${planEnd}'
          OR v.content = ''`,
    );
    expect(strays.n).toBe(0);
    // Planned visits: after "now", written before it, on active strategic and partner accounts mostly.
    const plans = all<{ id: string; tier: string; status: string }>(
      db,
      `SELECT v.id, a.tier, a.status FROM visits v JOIN accounts a ON a.id = v.account_id
       WHERE v.occurred_at >= '${seedReference.date}'`,
    );
    expect(plans.length).toBeGreaterThan(accounts * 0.05);
    for (const plan of plans) {
      expect(uuidV7Time(plan.id) < seedReference.date, plan.id).toBe(true);
      expect(plan.status).toBe('active');
    }
  });

  it("keeps the managers' follow-ups: the old ones done by their day, a few recent ones open", () => {
    const followUps = all<{ due: string; done: string | null; occurred: string }>(
      db,
      `SELECT follow_up_due AS due, follow_up_done_at AS done, occurred_at AS occurred
       FROM visits WHERE follow_up_due IS NOT NULL`,
    );
    const recent = new Date(Date.parse(seedReference.date) - 21 * 86_400_000).toISOString().slice(0, 10);
    const open = followUps.filter((row) => row.done === null);
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(followUps.length * 0.1);
    for (const row of open) expect(row.due >= recent, row.due).toBe(true);
    for (const { done, occurred } of followUps) {
      if (done !== null) expect(done > occurred && done < seedReference.date, done).toBe(true);
    }
    const withoutDue = one<{ n: number }>(
      db,
      'SELECT count(*) AS n FROM visits WHERE follow_up_due IS NULL AND follow_up_done_at IS NOT NULL',
    );
    expect(withoutDue.n).toBe(0);
  });

  it('bills once per account, period and category, in whole fen, mostly from a few accounts', () => {
    const repeated = all(
      db,
      'SELECT 1 FROM consumption GROUP BY account_id, period, category HAVING count(*) > 1',
    );
    expect(repeated).toEqual([]);
    const bounds = one<{ first: string; last: string; categories: number; odd: number }>(
      db,
      `SELECT min(period) AS first, max(period) AS last, count(DISTINCT category) AS categories,
         sum(amount_fen != CAST(amount_fen AS INTEGER) OR amount_fen <= 0 OR source != 'billing') AS odd
       FROM consumption`,
    );
    expect(bounds).toEqual({
      first: seedReference.firstPeriod,
      last: seedReference.lastPeriod,
      categories: consumptionCategories.length,
      odd: 0,
    });
    const totals = all<{ total: number }>(
      db,
      'SELECT sum(amount_fen) AS total FROM consumption GROUP BY account_id ORDER BY total DESC',
    ).map((row) => row.total);
    expect(sum(totals.slice(0, Math.round(totals.length / 5))) / sum(totals)).toBeGreaterThan(0.6);
  });

  it('writes through the one write path: sync metadata on every row, one audit entry per batch', () => {
    let rows = 0;
    for (const table of syncedTables) {
      const bad = one<{ n: number; total: number }>(
        db,
        `SELECT count(*) AS total, sum(seq IS NULL OR seq <= 0 OR hlc IS NULL) AS n FROM ${table}`,
      );
      expect(bad.n, table).toBe(0);
      rows += bad.total;
      const sample = one<{ hlc: string }>(db, `SELECT hlc FROM ${table} LIMIT 1`);
      expect(isHlc(sample.hlc)).toBe(true);
    }
    const seqs = one<{ n: number; max: number }>(
      db,
      `SELECT count(DISTINCT seq) AS n, max(seq) AS max FROM (${syncedTables.map((t) => `SELECT seq FROM ${t}`).join(' UNION ALL ')})`,
    );
    expect(seqs.n).toBe(rows);
    expect(one<{ seq: number }>(db, 'SELECT seq FROM sync_clock').seq).toBe(seqs.max);
    const audit = all<{ action: string; entity: string; actor: string; after: string }>(
      db,
      'SELECT action, entity, actor, after FROM audit_log',
    );
    expect(audit.length).toBe(summary.batches);
    let audited = 0;
    for (const entry of audit) {
      expect([entry.action, entry.entity, entry.actor]).toEqual(['batch', 'seed', 'tester']);
      audited += sum(Object.values(JSON.parse(entry.after) as Record<string, number>));
    }
    expect(audited).toBe(rows);
    const searchable = one<{ n: number }>(db, 'SELECT count(DISTINCT account_rid) AS n FROM search_keys');
    expect(searchable.n).toBe(accounts);
  });
});

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
