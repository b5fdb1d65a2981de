import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import type { SyncOp } from '../../db/sync/ops';
import { previewBundle } from '../../db/sync/preview';
import { ApiError } from '../../shared/errors';
import { consumptionInput, csv, databaseDigest, stage } from '../integration/imports/importHelpers';
import { createOrganization, openBook, type Book } from '../integration/operations/helpers';
import { bundle, exportFrom, importInto, passphrase } from '../integration/syncHelpers';

/*
 * Values that break a column's rule are refused the same way whichever door they come in by:
 * a form (the API), a CSV cell, a sync file. One rule per column (`TableSpec.rules`).
 */

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

const clock = () => `${new Date(Date.now() - 60_000).toISOString()}-0000-fedcba9876543210`;

const personRow = (overrides: Record<string, string | number | null>) => ({
  kind: 'person',
  customer_no: 'HQ7',
  name: '王芳',
  tier: 'general',
  status: 'active',
  ...overrides,
});

function code(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
}

describe('a sync file holding values a form would refuse', () => {
  const accountId = '0197a0b0-0000-7000-8000-00000000000a';
  const hostile: [string, SyncOp][] = [
    ['a NUL in a name', { t: 'accounts', id: newId(), h: '', row: personRow({ name: '王\u0000芳' }) }],
    [
      'an ANSI escape in notes',
      { t: 'accounts', id: newId(), h: '', row: personRow({ notes: '\u001b[2J' }) },
    ],
    ['a lone surrogate', { t: 'accounts', id: newId(), h: '', row: personRow({ name: '王\ud800' }) }],
    [
      'a name of zero-width spaces',
      { t: 'accounts', id: newId(), h: '', row: personRow({ name: '\u200b\u200b' }) },
    ],
    ['a name too long', { t: 'accounts', id: newId(), h: '', row: personRow({ name: '王'.repeat(101) }) }],
    ['an unknown tier', { t: 'accounts', id: newId(), h: '', row: personRow({ tier: 'vip' }) }],
    [
      'a bad credit code',
      {
        t: 'accounts',
        id: newId(),
        h: '',
        row: personRow({ kind: 'organization', credit_code: '91110000000000000X' }),
      },
    ],
    [
      'a customer number in lower case',
      { t: 'accounts', id: newId(), h: '', row: personRow({ customer_no: 'hq7' }) },
    ],
    ['a postcode of 5 digits', { t: 'accounts', id: newId(), h: '', row: personRow({ postcode: '51022' }) }],
    ['a deleted flag of 2', { t: 'accounts', id: newId(), h: '', row: personRow({ deleted: 2 }) }],
    [
      'a phone that is no number',
      {
        t: 'account_phones',
        id: newId(),
        h: '',
        row: { account_id: accountId, number: '123', label: 'mobile' },
      },
    ],
    [
      'a phone with separators',
      {
        t: 'account_phones',
        id: newId(),
        h: '',
        row: { account_id: accountId, number: '138 0013 8000', label: 'mobile' },
      },
    ],
    [
      'an account id that is no id',
      {
        t: 'account_phones',
        id: newId(),
        h: '',
        row: { account_id: 'x', number: '13800138000', label: 'mobile' },
      },
    ],
    [
      'a visit on 30 February',
      {
        t: 'visits',
        id: newId(),
        h: '',
        row: {
          account_id: accountId,
          occurred_at: '2026-02-30T08:00:00.000Z',
          kind: 'onsite',
          content: '拜访',
          manager: 'm1',
        },
      },
    ],
    [
      'a visit without content',
      {
        t: 'visits',
        id: newId(),
        h: '',
        row: {
          account_id: accountId,
          occurred_at: '2026-02-03T08:00:00.000Z',
          kind: 'onsite',
          content: '',
          manager: 'm1',
        },
      },
    ],
    [
      'a billing month 13',
      {
        t: 'consumption',
        id: newId(),
        h: '',
        row: { account_id: accountId, period: '2026-13', category: 'data', amount_fen: 100 },
      },
    ],
    [
      'a negative quantity',
      {
        t: 'consumption',
        id: newId(),
        h: '',
        row: { account_id: accountId, period: '2026-10', category: 'data', amount_fen: 100, quantity: -1 },
      },
    ],
    [
      'an anniversary in month 13',
      {
        t: 'anniversaries',
        id: newId(),
        h: '',
        row: { account_id: accountId, kind: 'birthday', calendar: 'gregorian', month: 13, day: 1 },
      },
    ],
    [
      'lead days that are not JSON',
      {
        t: 'anniversaries',
        id: newId(),
        h: '',
        row: {
          account_id: accountId,
          kind: 'birthday',
          calendar: 'gregorian',
          month: 3,
          day: 1,
          lead_days: '[7,',
        },
      },
    ],
    [
      'an unknown relationship type',
      { t: 'relationships', id: newId(), h: '', row: { from_id: accountId, to_id: newId(), type: 'owns' } },
    ],
  ];

  it.each(hostile)('%s: refused whole (SYNC_INVALID_CONTENT), preview included, nothing written', (_, op) => {
    const good: SyncOp = { t: 'accounts', id: newId(), h: clock(), row: personRow({ customer_no: 'HQ8' }) };
    const file = bundle([good, { ...op, h: clock() } as SyncOp]);
    const before = databaseDigest(book);
    expect(code(() => previewBundle(book.fieldbook.db, file, passphrase))).toBe('SYNC_INVALID_CONTENT');
    expect(code(() => importInto(book, file))).toBe('SYNC_INVALID_CONTENT');
    expect(databaseDigest(book)).toBe(before);
  });

  it('takes text written before the text rules (untrimmed, decomposed) as the sender has it', () => {
    const id = newId();
    const file = bundle([{ t: 'accounts', id, h: clock(), row: personRow({ name: ' Ame\u0301lie ' }) }]);
    expect(importInto(book, file).totals.new).toBe(1);
    expect(book.rows('SELECT name FROM accounts WHERE id = ?', id)[0]?.['name']).toBe(' Ame\u0301lie ');
  });

  it('tolerates what older versions stored (line breaks from Excel, Windows bidi marks), never overrides or escapes', () => {
    const row = (overrides: Record<string, string>) => ({
      t: 'accounts' as const,
      id: newId(),
      h: clock(),
      row: personRow({ customer_no: `HQ${Math.floor(Math.random() * 1e6)}`, ...overrides }),
    });
    const legacy = bundle([
      row({ address: '汕头市金平区\n金砂路 88 号' }),
      row({ name: '\u202a王芳\u202c' }),
      row({ region: '潮汕\t地区' }),
    ]);
    expect(importInto(book, legacy).totals.new).toBe(3);
    for (const hostile of [{ name: '\u202e王芳' }, { name: '王\u001b[2J芳' }, { name: '王\u0000芳' }])
      expect(code(() => importInto(book, bundle([row(hostile)])))).toBe('SYNC_INVALID_CONTENT');
  });

  it('checks only values it would store: an older, losing value breaking a rule does not refuse the file', () => {
    const account = book.ok('accounts.create', { kind: 'person', name: '李雷' });
    const older = `${new Date(Date.now() - 3_600_000).toISOString()}-0000-fedcba9876543210`;
    const file = bundle([{ t: 'accounts', id: account.id, c: 'name', v: '李\u0007雷', h: older }]);
    expect(importInto(book, file).totals.changed).toBe(0);
    expect(book.ok('accounts.get', { id: account.id }).name).toBe('李雷');
  });

  it('stores an author the book can sync even when the OS user name or --as is not one (long, tabs)', async () => {
    const odd = { actor: `Administrator\tof the ${'very '.repeat(12)}long domain` };
    const result = book.fieldbook.dispatch('accounts.create', { kind: 'person', name: '作者' }, odd);
    expect(result.ok).toBe(true);
    const [row] = book.rows("SELECT created_by, owner FROM accounts WHERE name = '作者'");
    expect(String(row?.['created_by']).length).toBeLessThanOrEqual(40);
    expect(String(row?.['created_by'])).toMatch(/^Administrator of the very/);
    expect(String(row?.['created_by'])).not.toMatch(/\t/);
    const second = await openBook();
    try {
      expect(importInto(second, exportFrom(book, true)).totals.new).toBeGreaterThan(0);
    } finally {
      second.close();
    }
  });

  it('takes a number abroad in its stored (E.164) form, not as typed', () => {
    const account = book.ok('accounts.create', { kind: 'person', name: '海外号码' });
    const phone = (number: string): SyncOp => ({
      t: 'account_phones',
      id: newId(),
      h: clock(),
      row: { account_id: account.id, number, label: 'mobile' },
    });
    expect(code(() => importInto(book, bundle([phone('+1 415 555 0100')])))).toBe('SYNC_INVALID_CONTENT');
    expect(importInto(book, bundle([phone('+14155550100')])).totals.new).toBe(1);
  });

  it('a field op breaking its rule is refused too, and a good file still imports', () => {
    const account = book.ok('accounts.create', { kind: 'person', name: '李雷' });
    const later = `${new Date(Date.now() + 60_000).toISOString()}-0000-fedcba9876543210`;
    const bad = bundle([{ t: 'accounts', id: account.id, c: 'name', v: '李\u0007雷', h: later }]);
    expect(code(() => importInto(book, bad))).toBe('SYNC_INVALID_CONTENT');
    const good = bundle([{ t: 'accounts', id: account.id, c: 'name', v: '李雷雷', h: later }]);
    expect(importInto(book, good).totals.changed).toBe(1);
  });
});

describe('forms (the API) and CSV cells', () => {
  it('the API refuses what is not text, and stores names as NFC without invisible ends', () => {
    book.invalid('accounts.create', { kind: 'person', name: '王\u0000芳' }, ['name']);
    book.invalid('accounts.create', { kind: 'person', name: '\u200b' }, ['name']);
    const account = book.ok('accounts.create', {
      kind: 'person',
      name: 'Ame\u0301lie\u200b',
      notes: '甲\r\n乙',
    });
    expect(account).toMatchObject({ name: 'Amélie', notes: '甲\n乙' });
    book.invalid('visits.create', { accountId: account.id, kind: 'onsite', content: '\u001b[31m红' }, [
      'content',
    ]);
  });

  it('an edit form sending back a legacy text cleaned does not rewrite it (it would win over an edit elsewhere)', () => {
    const account = book.ok('accounts.create', { kind: 'person', name: '旧数据', region: '潮汕' });
    book.fieldbook.db.sqlite
      .prepare("UPDATE accounts SET region = '潮汕\u200b' WHERE id = ?")
      .run(account.id);
    book.ok('accounts.update', { id: account.id, region: '潮汕', notes: '只改了备注' });
    const clocks = book
      .rows('SELECT col FROM field_clock WHERE row_id = ?', account.id)
      .map((row) => row['col']);
    expect(clocks).toEqual(['notes']);
  });

  it('an accounts file with a control character or an over-long name: the row is refused', () => {
    const staged = stage(
      book,
      csv('客户编号,客户名称,类型', 'HQ1,王\u0007芳,个人', `HQ2,${'王'.repeat(101)},个人`, 'HQ3,李雷,个人'),
    );
    const preview = book.ok('imports.preview', {
      stageId: staged.stageId,
      kind: 'accounts',
      mapping: { customerNo: '客户编号', name: '客户名称', kind: '类型' },
      matchKey: 'customerNo',
      onExisting: 'skip',
    });
    expect(
      preview.errors.map((error) => [error.row, error.code]),
      JSON.stringify(preview.errors),
    ).toEqual([
      [2, 'invalid_characters'],
      [3, 'too_long'],
    ]);
  });

  it('a billing file with a control character in a note: the row is refused, nothing written', () => {
    createOrganization(book, { customerNo: 'HQ0001' });
    const before = databaseDigest(book);
    const staged = stage(
      book,
      csv(
        '客户编号,账期,业务类别,金额,数量,备注',
        'HQ0001,2026-10,数据,1,,"正常\n两行"',
        'HQ0001,2026-11,数据,1,,坏\u0000字',
      ),
    );
    const preview = book.ok('imports.preview', consumptionInput(staged.stageId));
    expect(preview.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'note', code: 'invalid_characters' }),
    ]);
    book.rejects('imports.apply', consumptionInput(staged.stageId), 'IMPORT_HAS_ERRORS');
    expect(databaseDigest(book)).toBe(before);
  });
});
