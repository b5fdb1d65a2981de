import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../db/ids';
import type { SyncOp } from '../../db/sync/ops';
import { previewBundle } from '../../db/sync/preview';
import { ApiError } from '../../shared/errors';
import { databaseDigest } from '../integration/imports/importHelpers';
import { openBook, type Book } from '../integration/operations/helpers';
import { bundle, content, exportFrom, importInto, passphrase } from '../integration/syncHelpers';

/*
 * Sync files from the future: a file dated beyond this computer's time plus the allowed drift is
 * refused whole before anything is written, the device's own clock never runs ahead, and a book
 * poisoned before the bound existed heals at its next write.
 */

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => {
  vi.useRealTimers();
  book.close();
});

const otherNode = 'fedcba9876543210';
const clockAt = (millis: number, node = otherNode) => `${new Date(millis).toISOString()}-0000-${node}`;
const hours = (n: number) => n * 3_600_000;

function accountOp(clock: string, name = '未来客户', fieldClocks?: Record<string, string>): SyncOp {
  return {
    t: 'accounts',
    id: newId(),
    h: clock,
    row: {
      kind: 'person',
      customer_no: `HQ${Math.floor(Math.random() * 1e9)}`,
      name,
      tier: 'general',
      status: 'active',
    },
    ...(fieldClocks ? { f: fieldClocks } : {}),
  };
}

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a sync file dated in the future', () => {
  it('is refused whole, naming how many changes and the latest time, and nothing is written', () => {
    const now = Date.now();
    const file = bundle([
      accountOp(clockAt(now - hours(1)), '今天的客户'),
      accountOp('9999-12-31T23:59:59.999Z-FFFF-fedcba9876543210'),
      accountOp(clockAt(Date.UTC(2099, 0, 1))),
      accountOp(clockAt(now + hours(25))),
    ]);
    const before = databaseDigest(book);
    for (const run of [
      () => previewBundle(book.fieldbook.db, file, passphrase),
      () => importInto(book, file),
    ]) {
      const error = refusal(run);
      expect(error.code).toBe('SYNC_CLOCK_AHEAD');
      expect(error.details).toMatchObject({ ops: 3, furthest: '9999-12-31T23:59:59.999Z' });
      expect(databaseDigest(book)).toBe(before);
    }
    // The device writes on as before.
    const account = book.ok('accounts.create', { kind: 'person', name: '之后' });
    expect(
      String(book.rows('SELECT hlc FROM accounts WHERE id = ?', account.id)[0]?.['hlc']) <
        clockAt(now + hours(1)),
    ).toBe(true);
  });

  it('is refused when only a field clock or a field op is ahead', () => {
    const now = Date.now();
    const ahead = clockAt(now + hours(48));
    const withFieldClock = bundle([accountOp(clockAt(now), '字段', { name: ahead })]);
    expect(refusal(() => importInto(book, withFieldClock)).code).toBe('SYNC_CLOCK_AHEAD');

    const account = book.ok('accounts.create', { kind: 'person', name: '本机客户' });
    const fieldOp = bundle([{ t: 'accounts', id: account.id, c: 'notes', h: ahead, v: '来自未来' }]);
    const before = databaseDigest(book);
    const error = refusal(() => importInto(book, fieldOp));
    expect(error.code).toBe('SYNC_CLOCK_AHEAD');
    expect(error.details).toMatchObject({ ops: 1 });
    expect(databaseDigest(book)).toBe(before);
  });

  it('follows the drift setting: within it the file is taken, beyond it refused', () => {
    const file = () => bundle([accountOp(clockAt(Date.now() + hours(2)))]);
    book.ok('settings.update', { maxClockDriftHours: 1 });
    expect(refusal(() => importInto(book, file())).code).toBe('SYNC_CLOCK_AHEAD');
    book.ok('settings.update', { maxClockDriftHours: 3 });
    expect(importInto(book, file()).totals.new).toBe(1);
    // The device's clock passed the file's, and stays within the bound.
    const clock = String(book.rows('SELECT hlc FROM sync_clock')[0]?.['hlc']);
    expect(clock > clockAt(Date.now() + hours(1))).toBe(true);
    expect(clock < clockAt(Date.now() + hours(3))).toBe(true);
    book.invalid('settings.update', { maxClockDriftHours: 0 }, ['maxClockDriftHours']);
  });
});

describe('a book poisoned before the bound existed', () => {
  it('heals at its next write: future clocks moved below every real one, values kept, and its export is accepted elsewhere', async () => {
    const account = book.ok('accounts.create', { kind: 'person', name: '中毒', notes: '原来的备注' });
    book.ok('accounts.update', { id: account.id, notes: '来自 2099 的备注' });
    const sqlite = book.fieldbook.db.sqlite;
    // What an unbounded import of a year-9999 file did: field clocks at the end of time and the
    // device clock pushed past year 9999, where it no longer reads as a clock.
    sqlite.prepare('UPDATE accounts SET hlc = ? WHERE id = ?').run(clockAt(Date.UTC(2099, 0, 1)), account.id);
    sqlite.prepare("UPDATE field_clock SET hlc = '9999-12-31T23:59:59.999Z-FFFF-fedcba9876543210'").run();
    sqlite.prepare("UPDATE sync_clock SET hlc = '+010000-01-01T00:00:00.000Z-0000-' || node").run();
    const seqBefore = Number(book.rows('SELECT seq FROM accounts WHERE id = ?', account.id)[0]?.['seq']);

    const started = Date.now();
    const other = book.ok('accounts.create', { kind: 'person', name: '之后写的' });
    const limit = clockAt(Date.now() + 1000, 'ffffffffffffffff');
    // The poisoned clocks, squeezed into 2000–2008 (counter and node kept): below every real one.
    const accountClock = String(book.rows('SELECT hlc FROM accounts WHERE id = ?', account.id)[0]?.['hlc']);
    expect(accountClock).toMatch(/^2000-0\d-\d\dT.*-0000-fedcba9876543210$/);
    for (const { hlc } of book.rows('SELECT hlc FROM field_clock'))
      expect(String(hlc)).toMatch(/^200[0-7]-.*-FFFF-fedcba9876543210$/);
    // This device's own clock and new rows: the present.
    for (const { hlc } of [
      ...book.rows('SELECT hlc FROM accounts WHERE id = ?', other.id),
      ...book.rows('SELECT hlc FROM sync_clock'),
    ])
      expect(String(hlc) >= clockAt(started - 1000, '0000000000000000') && String(hlc) < limit).toBe(true);
    const healed = book.ok('accounts.get', { id: account.id });
    expect(healed.notes).toBe('来自 2099 的备注');
    expect(
      Number(book.rows('SELECT seq FROM accounts WHERE id = ?', account.id)[0]?.['seq']),
    ).toBeGreaterThan(seqBefore);
    const [entry] = book.rows("SELECT before, after FROM audit_log WHERE action = 'clock.heal'");
    expect(JSON.parse(String(entry?.['after']))).toMatchObject({ rows: { accounts: 1 } });

    // Another book takes its export, and a later edit there wins back here.
    const second = await openBook();
    try {
      importInto(second, exportFrom(book, true));
      expect(second.ok('accounts.get', { id: account.id }).notes).toBe('来自 2099 的备注');
      expect(second.ok('accounts.get', { id: other.id }).name).toBe('之后写的');
      second.ok('accounts.update', { id: account.id, notes: '后来改的' });
      importInto(book, exportFrom(second));
      expect(book.ok('accounts.get', { id: account.id }).notes).toBe('后来改的');
    } finally {
      second.close();
    }
  });

  it('heals before an export, so a poisoned book that has not written since can still send its file', async () => {
    const account = book.ok('accounts.create', { kind: 'person', name: '先导出' });
    const sqlite = book.fieldbook.db.sqlite;
    sqlite.prepare('UPDATE accounts SET hlc = ? WHERE id = ?').run(clockAt(Date.UTC(2099, 0, 1)), account.id);
    sqlite.prepare("UPDATE sync_clock SET hlc = '+010000-01-01T00:00:00.000Z-0000-' || node").run();
    const second = await openBook();
    try {
      expect(importInto(second, exportFrom(book)).totals.new).toBe(1);
      expect(second.ok('accounts.get', { id: account.id }).name).toBe('先导出');
    } finally {
      second.close();
    }
  });

  it('two books that heal late keep a correction made after the other healed (the heal does not depend on when it runs)', async () => {
    const poisoned = clockAt(Date.UTC(2099, 0, 1));
    const id = newId();
    const second = await openBook();
    try {
      // What an unbounded import of a 2099 file did on both: the row and the device clock in 2099.
      for (const target of [book, second]) {
        target.fieldbook.db.sqlite.prepare('UPDATE sync_clock SET hlc = ? WHERE id = 1').run(poisoned);
        target.fieldbook.db.sqlite.exec('BEGIN');
        target.fieldbook.db.sqlite
          .prepare(
            "INSERT INTO accounts (id, kind, customer_no, name, credit_code, tier, tier_source, tier_reason, status, owner, region, industry, address, postcode, notes, created_by, deleted, hlc, seq, updated_at, name_pinyin, name_key) VALUES (?, 'person', 'HQ42', '旧名', NULL, 'strategic', 'manager', '', 'active', 'm001', '', '', '', '', '', 'm001', 0, ?, 1, '', 'jiu ming', '旧名')",
          )
          .run(id, poisoned);
        target.fieldbook.db.sqlite.exec('COMMIT');
      }
      // The second book heals (its first write) and its manager corrects the tier.
      second.ok('accounts.update', { id, tier: 'partner' });
      // This book heals later, at its import of the second's file: the correction wins.
      importInto(book, exportFrom(second));
      expect(book.ok('accounts.get', { id }).tier).toBe('partner');
      importInto(second, exportFrom(book));
      expect(second.ok('accounts.get', { id }).tier).toBe('partner');
    } finally {
      second.close();
    }
  });

  it("does not heal when it is this computer's date that went backwards: writes wait (CLOCK_BEHIND), nothing is written", () => {
    const account = book.ok('accounts.create', { kind: 'person', name: '时钟回拨' });
    const real = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: real - hours(72) });
    const refused = book.rejects('accounts.update', { id: account.id, notes: '三天前' }, 'CLOCK_BEHIND');
    expect(refused.message).toMatch(/earlier than changes already written/);
    expect(book.ok('accounts.get', { id: account.id }).name).toBe('时钟回拨');
    vi.useRealTimers();
    book.ok('accounts.update', { id: account.id, notes: '改好日期之后' });
    expect(book.rows("SELECT 1 FROM audit_log WHERE action = 'clock.heal'")).toHaveLength(0);
  });

  it('exports rows an older Fieldbook stamped before 2000 (a wrong date then) as the lowest clock there is', async () => {
    const account = book.ok('accounts.create', { kind: 'person', name: '千禧前' });
    book.fieldbook.db.sqlite
      .prepare("UPDATE accounts SET hlc = '1999-12-31T23:00:00.000Z-0003-fedcba9876543210' WHERE id = ?")
      .run(account.id);
    const second = await openBook();
    try {
      expect(importInto(second, exportFrom(book, true)).totals.new).toBe(1);
      expect(second.rows('SELECT hlc FROM accounts WHERE id = ?', account.id)[0]?.['hlc']).toBe(
        '2000-01-01T00:00:00.000Z-0003-fedcba9876543210',
      );
    } finally {
      second.close();
    }
  });

  it('refuses to write with a date before the year 2000', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(1999, 11, 31) });
    book.rejects('accounts.create', { kind: 'person', name: '千年虫' }, 'CLOCK_BEHIND');
  });

  it('does not heal a clock within the drift (a few minutes ahead is ordinary)', () => {
    book.ok('accounts.create', { kind: 'person', name: '正常' });
    importInto(book, bundle([accountOp(clockAt(Date.now() + hours(2)))]));
    const before = content(book);
    book.ok('accounts.create', { kind: 'person', name: '再写一个' });
    expect(book.rows("SELECT 1 FROM audit_log WHERE action = 'clock.heal'")).toHaveLength(0);
    expect(content(book)['accounts']).toEqual(expect.arrayContaining(before['accounts'] ?? []));
  });
});
