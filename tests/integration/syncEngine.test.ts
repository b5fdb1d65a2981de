import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../db/cli/main';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import type { SyncOp } from '../../db/sync/ops';
import { previewBundle } from '../../db/sync/preview';
import { write } from '../../db/write';
import { ApiError } from '../../shared/errors';
import { openBook, type Book } from './operations/helpers';
import { bundle, content, exportFrom, importInto, inbox, passphrase } from './syncHelpers';

/*
 * The apply rules one by one (newer wins, older ignored, re-import changes nothing, relays),
 * refusals that leave the book unchanged, preview and the contract. Convergence under random
 * histories: syncConvergence.property.test.ts.
 */

let a: Book;
let b: Book;
let c: Book;
beforeEach(async () => {
  [a, b, c] = await Promise.all([openBook(), openBook(), openBook()]);
});
afterEach(() => {
  for (const book of [a, b, c]) book.close();
});

/** Every row of every table, hashed: "byte for byte unchanged in content". */
function contentHash(book: Book): string {
  const tables = book.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const hash = createHash('sha256');
  for (const { name } of tables) {
    hash.update(String(name));
    for (const row of book.rows(`SELECT * FROM "${String(name)}"`)) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

function code(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
}

/** Lets the wall clock move on, so the next write's clock is later on any device. */
function nextMillisecond(): void {
  const start = Date.now();
  while (Date.now() < start + 2) {
    /* spin: 2 ms */
  }
}

const notes = (book: Book, id: string) => book.ok('accounts.get', { id }).notes;

describe('sync apply', () => {
  it('brings rows over with their clocks, and a second import of the same file changes nothing', () => {
    const account = a.ok('accounts.create', { kind: 'person', name: '曾小贤', notes: '初次见面' });
    a.ok('visits.create', { accountId: account.id, kind: 'onsite', content: '拜访' });
    a.ok('accounts.update', { id: account.id, notes: '改过的备注' });
    const file = exportFrom(a);
    const first = importInto(b, file);
    expect(first.totals).toEqual({ new: 2, changed: 0, ignoredOlder: 0, conflicts: 0 });
    expect(content(b)).toEqual(content(a));

    const before = contentHash(b);
    const again = importInto(b, file);
    expect(again).toMatchObject({ alreadyImported: true, totals: { new: 0, changed: 0, ignoredOlder: 0 } });
    expect(contentHash(b)).toBe(before);
  });

  it('takes newer fields, ignores older ones, and ends the same whichever file comes first', () => {
    const account = a.ok('accounts.create', { kind: 'person', name: '胡一菲' });
    importInto(b, exportFrom(a));
    a.ok('accounts.update', { id: account.id, address: '上海', notes: 'A 的备注' });
    nextMillisecond();
    b.ok('accounts.update', { id: account.id, notes: 'B 的备注' }); // later clock: wins
    const fromA = exportFrom(a);
    const fromB = exportFrom(b);

    expect(importInto(a, fromB).totals).toMatchObject({ changed: 1 });
    expect(importInto(b, fromA).totals).toMatchObject({ changed: 1 }); // the address is newer
    expect(notes(a, account.id)).toBe('B 的备注');
    expect(notes(b, account.id)).toBe('B 的备注');
    expect(b.ok('accounts.get', { id: account.id }).address).toBe('上海');
    expect(content(a)).toEqual(content(b));

    // A's text lost without B having seen it: it waits in A's inbox.
    expect(inbox(a)).toEqual([
      expect.objectContaining({ col: 'notes', losing_value: JSON.stringify('A 的备注') }),
    ]);
    // An old file arriving again (C had never seen it) is ignored as older.
    importInto(c, fromB);
    expect(importInto(c, fromA).totals).toMatchObject({ changed: 1 });
    expect(content(c)).toEqual(content(a));
  });

  it('relays: a device exports what it imported, with the original clocks', () => {
    const account = a.ok('accounts.create', { kind: 'organization', name: '汕头青山贸易有限公司' });
    importInto(b, exportFrom(a));
    importInto(c, exportFrom(b));
    expect(c.ok('accounts.get', { id: account.id }).name).toBe('汕头青山贸易有限公司');
    expect(content(c)).toEqual(content(a));
    // Nothing changed since: the next incremental export of B is empty.
    expect(importInto(c, exportFrom(b)).totals).toEqual({
      new: 0,
      changed: 0,
      ignoredOlder: 0,
      conflicts: 0,
    });
  });

  it('moves this device clock past every clock it imported', () => {
    // Ahead of this computer, within the drift it accepts (24 hours by default).
    const future = `${new Date(Date.now() + 3_600_000).toISOString()}-0000-fedcba9876543210`;
    const file = bundle([
      {
        t: 'accounts',
        id: newId(),
        h: future,
        row: { kind: 'person', customer_no: 'HQ9', name: '未来', tier: 'general', status: 'active' },
      },
    ]);
    const preview = previewBundle(b.fieldbook.db, file, passphrase);
    expect(preview.totals.new).toBe(1);
    importInto(b, file);
    const account = b.ok('accounts.create', { kind: 'person', name: '现在' });
    expect((b.rows('SELECT hlc FROM accounts WHERE id = ?', account.id)[0]?.['hlc'] as string) > future).toBe(
      true,
    );
  });
  it('a preview says what the import does, also for field ops beside row ops on one row', () => {
    const [x, y] = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'];
    const clock = (ms: number, node: string) => `${new Date(Date.now() + ms).toISOString()}-0000-${node}`;
    const fresh = newId();
    const untouched = b.ok('accounts.create', { kind: 'person', name: '唐悠悠', address: '上海' });
    const edited = b.ok('accounts.create', { kind: 'person', name: '张伟' });
    b.ok('accounts.update', { id: edited.id, notes: '这里改的' });
    const file = bundle([
      {
        t: 'accounts',
        id: fresh,
        h: clock(1000, x),
        f: { notes: clock(1500, x) },
        row: {
          kind: 'person',
          customer_no: 'HQ8',
          name: '新',
          tier: 'general',
          status: 'active',
          notes: 'X 改的',
        },
      },
      // Older than the book: ignored, until the field op after it wins.
      { t: 'accounts', id: untouched.id, h: clock(-100_000, x), row: { name: '唐悠悠' } },
      {
        t: 'accounts',
        id: edited.id,
        h: clock(-100_000, x),
        f: { notes: clock(3000, x) },
        row: { notes: 'X 最新' },
      },
      { t: 'accounts', id: fresh, c: 'notes', v: 'Y 改的', h: clock(2000, y) },
      { t: 'accounts', id: untouched.id, c: 'address', v: '杭州', h: clock(2000, x) },
      { t: 'accounts', id: edited.id, c: 'notes', v: 'X 中间', h: clock(2000, x) },
    ]);
    const before = contentHash(b);
    const preview = previewBundle(b.fieldbook.db, file, passphrase);
    expect(contentHash(b)).toBe(before);
    // Inside another write it would share that transaction, and stay: refused.
    expect(() =>
      write(b.fieldbook.db, 'm001', () => previewBundle(b.fieldbook.db, file, passphrase)),
    ).toThrow(/inside another write/);
    expect(contentHash(b)).toBe(before);
    const imported = importInto(b, file);
    expect(preview.counts).toEqual(imported.counts);
    expect(imported.totals).toEqual({ new: 1, changed: 2, ignoredOlder: 0, conflicts: 2 });
    expect(inbox(b).length).toBe(imported.totals.conflicts);
    expect(b.ok('accounts.get', { id: untouched.id }).address).toBe('杭州');
  });
});

describe('sync refusals leave the book as it was', () => {
  it.each([
    [
      'a damaged file',
      'SYNC_CORRUPT',
      (file: Buffer) =>
        Buffer.concat([file.subarray(0, 80), Buffer.from([(file[80] ?? 0) ^ 1]), file.subarray(81)]),
    ],
    ['a truncated file', 'SYNC_CORRUPT', (file: Buffer) => file.subarray(0, file.length - 10)],
  ])('%s', (_what, expected, damage) => {
    a.ok('accounts.create', { kind: 'person', name: '吕子乔' });
    const before = contentHash(b);
    expect(code(() => importInto(b, damage(exportFrom(a))))).toBe(expected);
    expect(contentHash(b)).toBe(before);
  });

  it('a value this book refuses, even late in the file', () => {
    const good: SyncOp = {
      t: 'accounts',
      id: newId(),
      h: '2026-11-27T08:00:00.000Z-0000-fedcba9876543210',
      row: { kind: 'person', customer_no: 'HQ1', name: '好', tier: 'general', status: 'active' },
    };
    const before = contentHash(b);
    for (const bad of [
      { ...good, id: newId(), row: { ...good.row, kind: 'robot' } }, // CHECK constraint
      { ...good, id: newId(), row: { ...good.row, tier: 7 } }, // wrong type
      { ...good, id: newId(), row: { kind: 'person' } }, // required columns missing
      { t: 'visits', id: newId(), c: 'content', v: 'x', h: good.h } as SyncOp, // field op without its row
    ]) {
      expect(code(() => importInto(b, bundle([good, bad])))).toBe('SYNC_INVALID_CONTENT');
      expect(contentHash(b)).toBe(before);
    }
  });
  it('a value refused after whole chunks of the file were written: all of them roll back', () => {
    const clock = '2026-11-27T08:00:00.000Z-0000-fedcba9876543210';
    const good = Array.from({ length: 6001 }, (_, index): SyncOp => ({
      t: 'accounts',
      id: newId(),
      h: clock,
      row: { kind: 'person', customer_no: `HQ${index}`, name: '好', tier: 'general', status: 'active' },
    }));
    const before = contentHash(b);
    const [first] = good;
    if (!first || !('row' in first) || !('t' in first)) throw new Error('no first op');
    const breaksCheck: SyncOp = { ...first, id: newId(), row: { ...first.row, kind: 'robot' } };
    expect(code(() => importInto(b, bundle([...good, breaksCheck])))).toBe('SYNC_INVALID_CONTENT');
    expect(contentHash(b)).toBe(before);
    const lacksColumns: SyncOp = { ...first, id: newId(), row: { kind: 'person' } };
    const file = bundle([...good, lacksColumns]);
    expect(code(() => previewBundle(b.fieldbook.db, file, passphrase))).toBe('SYNC_INVALID_CONTENT');
    expect(code(() => importInto(b, file))).toBe('SYNC_INVALID_CONTENT');
    expect(contentHash(b)).toBe(before);
    // Without the bad op, the same rows go in.
    importInto(b, bundle(good));
    expect(b.rows('SELECT count(*) AS n FROM accounts')).toEqual([{ n: 6001 }]);
  });
});

describe('sync operations', () => {
  it('export, preview and import through the API; the preview digest pins the file', () => {
    const account = a.ok('accounts.create', { kind: 'person', name: '陈美嘉', notes: '甲' });
    const exported = a.ok('sync.export', { passphrase });
    expect(exported.manifest.opCount).toBe(1);
    expect(exported.rows).toEqual({ account: 1 });
    const preview = b.ok('sync.preview', { contentBase64: exported.contentBase64, passphrase });
    expect(preview.entities).toEqual({ account: { new: 1, changed: 0, ignoredOlder: 0, conflicts: 0 } });
    const other = a.ok('sync.export', { passphrase, full: true });
    b.rejects(
      'sync.import',
      { contentBase64: other.contentBase64, passphrase, expectedDigest: preview.digest },
      'SYNC_FILE_CHANGED',
    );
    const imported = b.ok('sync.import', {
      contentBase64: exported.contentBase64,
      passphrase,
      expectedDigest: preview.digest,
    });
    expect(imported.totals.new).toBe(1);
    expect(b.ok('sync.import', { contentBase64: exported.contentBase64, passphrase }).alreadyImported).toBe(
      true,
    );
    expect(b.ok('sync.history', {}).map((entry) => entry.direction)).toEqual(['import']);
    expect(a.ok('sync.history', {}).map((entry) => entry.full)).toEqual([true, false]);
    expect(b.ok('accounts.get', { id: account.id }).notes).toBe('甲');
  });

  it('the conflict inbox: replace brings the losing text back, as a new edit that syncs', () => {
    const account = a.ok('accounts.create', { kind: 'person', name: '关谷神奇' });
    importInto(b, exportFrom(a));
    a.ok('accounts.update', { id: account.id, notes: '甲的想法' });
    nextMillisecond();
    b.ok('accounts.update', { id: account.id, notes: '乙的想法' });
    importInto(a, exportFrom(b));
    const [conflict] = a.ok('sync.conflicts', {});
    expect(conflict).toMatchObject({
      entity: 'account',
      column: 'notes',
      losingValue: '甲的想法',
      currentValue: '乙的想法',
    });
    if (!conflict) throw new Error('no conflict');
    const resolved = a.ok('sync.resolveConflict', { id: conflict.id, resolution: 'replace' });
    expect(resolved).toMatchObject({ resolution: 'replace', currentValue: '甲的想法' });
    expect(a.ok('sync.conflicts', {})).toEqual([]);
    a.rejects('sync.resolveConflict', { id: conflict.id, resolution: 'keep' }, 'NOT_FOUND');
    importInto(b, exportFrom(a));
    expect(notes(b, account.id)).toBe('甲的想法');
  });
});

describe('fieldbook sync and merge', () => {
  it('exports from one book and merges into another; the second merge says already imported', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'fieldbook-sync-cli-'));
    try {
      const secret = join(directory, 'passphrase.txt');
      writeFileSync(secret, `${passphrase}\n`);
      const [from, to, file] = ['from.db', 'to.db', 'out.fbsync'].map((name) => join(directory, name)) as [
        string,
        string,
        string,
      ];
      const lines: string[] = [];
      const print = (text: string) => lines.push(text);
      expect(
        await main(['--db', from, 'call', 'accounts.create', '{"kind":"person","name":"唐悠悠"}'], print),
      ).toBe(0);
      expect(
        await main(
          ['--db', from, 'sync', 'export', '--full', '--out', file, '--passphrase-file', secret],
          print,
        ),
      ).toBe(0);
      expect(await main(['--db', to, 'sync', 'preview', file, '--passphrase-file', secret], print)).toBe(0);
      expect(lines.at(-1)).toContain('new 1');
      expect(await main(['--db', to, 'merge', file, file, '--passphrase-file', secret], print)).toBe(0);
      expect(lines.at(-1)).toContain('already imported, 0 changes');
      expect(lines.at(-1)).toContain('Merged 2 files: new 1');
      expect(await main(['--db', to, 'sync', 'import', file, '--passphrase-file', file], print)).toBe(1);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
