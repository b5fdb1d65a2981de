import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { unguardCell } from '../../../db/imports/readCsv';
import { fieldbook, scratchFolder } from './harness';

/**
 * Head office's CSV, both ways: a seeded book exported, every file read by a strict RFC 4180
 * reader (as Go's encoding/csv would), and the accounts and bills imported into an empty book
 * give the same data — for Excel (`="…"` text cells, quoted) and `--plain` files alike.
 */
const folder = scratchFolder('cli-csv-round-trip');
const source = join(folder, 'source.db');

function rows(db: string, sql: string): unknown[][] {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    return sqlite.prepare(sql).raw(true).all() as unknown[][];
  } finally {
    sqlite.close();
  }
}

const accountsSql = `SELECT customer_no, name, kind, coalesce(credit_code, ''), tier, owner, region, industry,
  address, postcode, notes FROM accounts WHERE deleted = 0 ORDER BY customer_no`;
const billsSql = `SELECT a.customer_no, c.period, c.category, c.amount_fen, c.quantity, c.note
  FROM consumption c JOIN accounts a ON a.id = c.account_id WHERE c.deleted = 0 AND a.deleted = 0
  ORDER BY 1, 2, 3, 4, 5, 6`;
const phonesSql = `SELECT a.customer_no, p.number FROM account_phones p JOIN accounts a ON a.id = p.account_id
  WHERE p.deleted = 0 AND a.deleted = 0 ORDER BY 1, 2`;

/** A file read strictly: quotes only around whole cells, every row as wide as the header. */
function readStrictly(path: string, bom: boolean): string[][] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(bom);
  const records = parse(text.replace(/^\uFEFF/, ''), {
    relax_quotes: false,
    relax_column_count: false,
  }) as string[][];
  return records.map((record) => record.map(unguardCell));
}

beforeAll(async () => {
  const seeded = await fieldbook(['--db', source, '--json', 'seed', '--accounts', '40', '--seed', '11']);
  expect(seeded.code, seeded.err).toBe(0);
}, 60_000);

describe.each([
  ['for Excel', [] as string[], true],
  ['plain', ['--plain'], false],
])('CSV %s', (_name, style, bom) => {
  const out = join(folder, bom ? 'excel' : 'plain');
  const target = join(folder, `${bom ? 'excel' : 'plain'}.db`);

  beforeAll(async () => {
    const exported = await fieldbook(['--db', source, 'export-csv', '--out', out, ...style]);
    expect(exported.code, exported.err).toBe(0);
  });

  it('is valid RFC 4180 in every file, phones and numbers intact', () => {
    for (const file of readdirSync(out)) readStrictly(join(out, file), bom);
    const byKey = (a: unknown[], b: unknown[]) => a.join('\t').localeCompare(b.join('\t'));
    const phones = readStrictly(join(out, 'phones.csv'), bom)
      .slice(1)
      .map((row) => [row[0], row[2]])
      .sort(byKey);
    const expected = rows(source, phonesSql).sort(byKey);
    expect(phones).toEqual(expected);
    expect(phones.some(([, number]) => String(number).startsWith('0'))).toBe(true);
  });

  it('imports into an empty book as the same accounts and bills', async () => {
    const accounts = await fieldbook([
      '--db',
      target,
      '--json',
      'import',
      'accounts',
      join(out, 'accounts.csv'),
    ]);
    expect(accounts.code, accounts.out + accounts.err).toBe(0);
    const bills = await fieldbook([
      '--db',
      target,
      '--json',
      'import',
      'consumption',
      join(out, 'consumption.csv'),
      '--existing',
      'create',
    ]);
    expect(bills.code, bills.out + bills.err).toBe(0);
    expect(rows(target, accountsSql)).toEqual(rows(source, accountsSql));
    expect(rows(target, billsSql)).toEqual(rows(source, billsSql));
  }, 60_000);
});
