import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { write, writeBatch } from '../../db/write';
import { newId } from '../../db/ids';
import type { NewRow } from '../../db/tables';

let directory: string;
let fieldbook: Fieldbook;

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-write-'));
  fieldbook = await openFieldbook(join(directory, 'test.db'));
});

afterEach(() => {
  fieldbook.close();
  rmSync(directory, { recursive: true, force: true });
});

const count = (table: string) =>
  (fieldbook.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const clock = () =>
  fieldbook.db.sqlite.prepare('SELECT hlc, seq FROM sync_clock').get() as { hlc: string; seq: number };

function person(name: string): NewRow<'accounts'> {
  return {
    id: newId(),
    kind: 'person',
    customer_no: `T${name.length}${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    name,
    credit_code: null,
    tier: 'general',
    status: 'active',
    owner: 'm001',
    region: '',
    industry: '',
    address: '',
    postcode: '',
    notes: '',
    created_by: 'm001',
    tier_source: 'manager',
    tier_reason: '',
  };
}

describe('the write path', () => {
  it('records an insert as the row itself: clock, change counter and one audit entry', () => {
    const before = clock();
    const row = write(fieldbook.db, 'm001', (writer) => writer.insert('accounts', person('王芳')));
    const after = clock();
    expect(row.seq).toBe(before.seq + 1);
    expect(after.seq).toBe(row.seq);
    expect(row.hlc > before.hlc).toBe(true);
    expect(after.hlc).toBe(row.hlc);
    expect(count('sync_ops')).toBe(0);
    expect(count('field_clock')).toBe(0);
    const audit = fieldbook.db.sqlite.prepare('SELECT * FROM audit_log').all() as {
      action: string;
      after: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('create');
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ name: '王芳', kind: 'person' });
  });

  it('records an edit as one op and one field clock per changed field, with before and after', () => {
    const row = write(fieldbook.db, 'm001', (writer) => writer.insert('accounts', person('王芳')));
    const { changed, row: updated } = write(fieldbook.db, 'm002', (writer) =>
      writer.update('accounts', row.id, { name: '王芳芳', tier: 'partner', region: '' }),
    );
    expect(changed.sort()).toEqual(['name', 'tier']);
    const ops = fieldbook.db.sqlite.prepare('SELECT * FROM sync_ops ORDER BY col').all() as {
      seq: number;
      col: string;
      hlc: string;
      value: string;
    }[];
    expect(ops.map((op) => [op.col, JSON.parse(op.value)])).toEqual([
      ['name', '王芳芳'],
      ['tier', 'partner'],
    ]);
    expect(new Set(ops.map((op) => op.seq))).toEqual(new Set([updated.seq]));
    const clocks = fieldbook.db.sqlite.prepare('SELECT col, hlc FROM field_clock ORDER BY col').all() as {
      col: string;
      hlc: string;
    }[];
    expect(clocks.map((c) => c.col)).toEqual(['name', 'tier']);
    expect(clocks.every((c) => c.hlc === ops[0]?.hlc && c.hlc > row.hlc)).toBe(true);
    const audit = fieldbook.db.sqlite.prepare("SELECT * FROM audit_log WHERE action = 'update'").get() as {
      actor: string;
      before: string;
      after: string;
    };
    expect(audit.actor).toBe('m002');
    expect(JSON.parse(audit.before)).toEqual({ name: '王芳', tier: 'general' });
    expect(JSON.parse(audit.after)).toEqual({ name: '王芳芳', tier: 'partner' });
  });

  it('writes nothing for an edit that changes nothing', () => {
    const row = write(fieldbook.db, 'm001', (writer) => writer.insert('accounts', person('王芳')));
    const before = clock();
    const { changed } = write(fieldbook.db, 'm001', (writer) =>
      writer.update('accounts', row.id, { name: '王芳' }),
    );
    expect(changed).toEqual([]);
    expect(clock().seq).toBe(before.seq);
    expect(count('audit_log')).toBe(1);
    expect(count('sync_ops')).toBe(0);
  });

  it('leaves no row, op, clock or audit entry behind when a write fails half-way', () => {
    const row = write(fieldbook.db, 'm001', (writer) => writer.insert('accounts', person('王芳')));
    const before = {
      clock: clock(),
      audit: count('audit_log'),
      accounts: count('accounts'),
      keys: count('search_keys'),
    };
    expect(() =>
      write(fieldbook.db, 'm001', (writer) => {
        writer.insert('accounts', person('李雷'));
        writer.update('accounts', row.id, { name: '韩梅梅' });
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
    expect(clock()).toEqual(before.clock);
    expect(count('audit_log')).toBe(before.audit);
    expect(count('accounts')).toBe(before.accounts);
    expect(count('search_keys')).toBe(before.keys);
    expect(count('sync_ops')).toBe(0);
    expect(count('field_clock')).toBe(0);
    const stored = fieldbook.db.sqlite.prepare('SELECT name FROM accounts WHERE id = ?').get(row.id) as {
      name: string;
    };
    expect(stored.name).toBe('王芳');
  });

  it('writes nothing when the API rejects a request (the same phone twice)', async () => {
    const api = fieldbook.client({ actor: 'm001' });
    const existing = await api.accounts.create({
      kind: 'person',
      name: '张三',
      phones: [{ number: '13800138000' }],
    });
    const before = { clock: clock(), audit: count('audit_log'), phones: count('account_phones') };
    await expect(
      api.accounts.create({
        kind: 'person',
        name: '李四',
        phones: [{ number: '13900139000' }, { number: '139 0013 9000' }],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(clock()).toEqual(before.clock);
    expect(count('audit_log')).toBe(before.audit);
    expect(count('account_phones')).toBe(before.phones);
    expect(existing.name).toBe('张三');
  });

  it('issues strictly increasing clocks and change counters, nested writes included', () => {
    const rows = write(fieldbook.db, 'm001', (writer) => {
      const first = writer.insert('accounts', person('甲'));
      const nested = write(fieldbook.db, 'm001', (inner) => inner.insert('accounts', person('乙')));
      const third = writer.insert('accounts', person('丙'));
      return [first, nested, third];
    });
    const seqs = rows.map((row) => row.seq);
    const hlcs = rows.map((row) => row.hlc);
    expect(new Set(seqs).size).toBe(3);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(clock().seq).toBe(Math.max(...seqs));
  });

  it('audits a batch once, with counts, while recording the same sync metadata per row', () => {
    writeBatch(fieldbook.db, 'seeder', 'seed', (writer) => {
      for (let i = 0; i < 50; i++) {
        const account = writer.insert('accounts', person(`客户${i}`));
        writer.insert('consumption', {
          id: newId(),
          account_id: account.id,
          period: '2026-10',
          category: 'data',
          amount_fen: 1000 + i,
          quantity: null,
          source: 'test',
          note: '',
        });
      }
    });
    const audit = fieldbook.db.sqlite.prepare('SELECT * FROM audit_log').all() as {
      action: string;
      after: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('batch');
    expect(JSON.parse(audit[0]?.after ?? '{}')).toEqual({ 'account.create': 50, 'consumption.create': 50 });
    expect(clock().seq).toBe(100);
    // Append-mostly records pay no per-field bookkeeping.
    expect(count('sync_ops')).toBe(0);
    expect(count('field_clock')).toBe(0);
  });

  it('keeps the name index in step with renames, archiving and deletion', () => {
    const row = write(fieldbook.db, 'm001', (writer) => writer.insert('accounts', person('王芳')));
    const keys = () =>
      fieldbook.db.sqlite
        .prepare(
          'SELECT field, archived, start, key FROM search_keys WHERE account_rid = ? ORDER BY field, key',
        )
        .all(row.rid) as { field: number; archived: number; start: number; key: string }[];
    expect(
      keys()
        .filter((k) => k.field === 2)
        .map((k) => k.key),
    ).toEqual(['fang', 'wangfang']);
    write(fieldbook.db, 'm001', (writer) => writer.update('accounts', row.id, { status: 'archived' }));
    expect(keys().every((k) => k.archived === 1)).toBe(true);
    write(fieldbook.db, 'm001', (writer) => writer.update('accounts', row.id, { name: '李娜' }));
    expect(
      keys()
        .filter((k) => k.field === 3)
        .map((k) => k.key),
    ).toEqual(['ln', 'n']);
    write(fieldbook.db, 'm001', (writer) => writer.update('accounts', row.id, { deleted: 1 }));
    expect(keys()).toEqual([]);
  });

  it('migrates an empty database to the latest schema and reopens without migrating again', async () => {
    const path = join(directory, 'fresh.db');
    const first = await openFieldbook(path);
    const migrations = first.db.sqlite.prepare('SELECT name FROM kysely_migration').all();
    first.close();
    const again = await openFieldbook(path);
    expect(again.db.sqlite.prepare('SELECT name FROM kysely_migration').all()).toEqual(migrations);
    expect(migrations.length).toBeGreaterThan(0);
    again.close();
  });
});
