import fs from 'node:fs';
import { expect } from 'vitest';
import { verifyAuditChain } from '../../db/audit/chain';
import type { Account } from '../../shared/types';
import { csv, stage } from './imports/importHelpers';
import { createOrganization, createPerson, type Book } from './operations/helpers';

/**
 * A small book holding one person to erase, with their data in every place a book keeps it,
 * and the checks that it is found nowhere afterwards.
 */
export const secretName = '欧阳娜娜';
export const secretDigits = '13912345678';

/** Every form the person's data takes in a book: name, its pinyin, the phone and its reverse. */
export const needles = [
  secretName,
  '欧阳娜',
  'ouyang',
  secretDigits,
  [...secretDigits].reverse().join(''),
  '家住南山',
];

const header = '客户编号,客户名称,类型,手机,备注';
const mapping = { customerNo: '客户编号', name: '客户名称', kind: '类型', phone: '手机', notes: '备注' };

export interface ErasureBook {
  readonly person: Account;
  readonly other: Account;
  readonly org: Account;
}

/** The person comes from an accounts import (its records name them), then is edited and used. */
export function seedErasureBook(book: Book): ErasureBook {
  const staged = stage(
    book,
    csv(header, `HQ7001,欧阳娜,个人,139 1234 5678,家住南山`, `HQ7002,${secretName},外星人,,坏行`),
  );
  book.ok('imports.apply', {
    stageId: staged.stageId,
    kind: 'accounts',
    mapping,
    matchKey: 'customerNo',
    onExisting: 'update',
    badRows: 'skip',
  });
  const found = book.ok('accounts.findByNumber', { customerNo: 'HQ7001' });
  if (!found) throw new Error('the import created the person');
  const person = book.ok('accounts.update', { id: found.id, name: secretName, notes: '家住南山，喜欢茶' });
  const other = createPerson(book, { name: '王芳', phones: [{ number: '13700001111' }] });
  const org = createOrganization(book, { name: '青山科技有限公司' });
  book.ok('relationships.create', {
    fromId: org.id,
    toId: person.id,
    type: 'employs',
    role: `${secretName}经理`,
  });
  book.ok('visits.create', {
    accountId: person.id,
    kind: 'onsite',
    content: `拜访${secretName}`,
    followUp: '回电 13912345678',
    followUpDue: '2027-01-15',
  });
  book.ok('anniversaries.create', {
    accountId: person.id,
    kind: 'birthday',
    calendar: 'gregorian',
    month: 3,
    day: 9,
  });
  book.ok('contracts.create', {
    accountId: person.id,
    number: 'HT-7001',
    service: 'voice',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    monthlyFen: 9_900,
    notes: `${secretName}签字`,
  });
  for (const [account, amountFen, period] of [
    [person, 12_300, '2026-10'],
    [person, 45_600, '2026-11'],
    [other, 7_800, '2026-10'],
    [org, 100_000, '2026-09'],
  ] as const)
    book.ok('consumption.create', {
      accountId: account.id,
      period,
      category: 'voice',
      amountFen,
      note: account === person ? `${secretName}的账单` : '',
    });
  return { person, other, org };
}

/** The needles found in the book's file and its log, raw bytes. */
export function foundInFiles(path: string): string[] {
  const files = [path, `${path}-wal`]
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file));
  return needles.filter((needle) => files.some((bytes) => bytes.includes(Buffer.from(needle, 'utf8'))));
}

/** Statistics equal the raw bills: the roll-ups and month totals against the consumption rows. */
export function expectStatisticsFromBills(book: Book): void {
  const raw = book.rows(
    `SELECT period, SUM(amount_fen) AS fen FROM consumption WHERE deleted = 0 GROUP BY period HAVING fen <> 0 ORDER BY period`,
  );
  const totals = book.rows('SELECT period, fen FROM consumption_month_total WHERE fen <> 0 ORDER BY period');
  expect(totals).toEqual(raw);
  const byAccount = book.rows(
    'SELECT account_id, SUM(amount_fen) AS fen FROM consumption WHERE deleted = 0 GROUP BY account_id ORDER BY account_id',
  );
  const rolled = book.rows(
    `SELECT account_id, SUM(m01+m02+m03+m04+m05+m06+m07+m08+m09+m10+m11+m12) AS fen
     FROM consumption_rollup_total GROUP BY account_id HAVING fen <> 0 ORDER BY account_id`,
  );
  expect(rolled).toEqual(byAccount);
  const windowed = book.rows(
    'SELECT account_id, fen FROM consumption_window_total WHERE fen <> 0 ORDER BY account_id',
  );
  expect(windowed).toEqual(byAccount);
}

/** Nothing of the erased account left in any table, and the audit chain still holds. */
export function expectErasedEverywhere(book: Book, accountId: string): void {
  const sqlite = book.fieldbook.db.sqlite;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const rows = JSON.stringify(sqlite.prepare(`SELECT * FROM ${table}`).all());
    for (const needle of needles) expect(rows.includes(needle), `${needle} in ${table}`).toBe(false);
    if (table !== 'audit_log' && table !== 'erased_accounts')
      expect(rows.includes(accountId), `the account's id in ${table}`).toBe(false);
  }
  expect(verifyAuditChain(sqlite).firstBroken).toBeNull();
}
