import { expect } from 'vitest';
import type { Book } from './operations/helpers';

/** The roll-up and the totals kept from it, compared with the raw bills (statistics property tests). */
/** Every non-zero cell `account|year|category|month → fen` of the category roll-up or the total. */
export function cells(
  book: Book,
  table: 'consumption_rollup' | 'consumption_rollup_total',
): Map<string, number> {
  const result = new Map<string, number>();
  for (const row of book.rows(`SELECT * FROM ${table}`)) {
    for (let month = 1; month <= 12; month++) {
      const fen = Number(row[`m${String(month).padStart(2, '0')}`]);
      const category = table === 'consumption_rollup' ? String(row['category']) : '*';
      if (fen !== 0)
        result.set(`${String(row['account_id'])}|${String(row['year'])}|${category}|${month}`, fen);
    }
  }
  return result;
}

export function rawCells(book: Book, byCategory: boolean): Map<string, number> {
  const result = new Map<string, number>();
  for (const row of book.rows(
    'SELECT account_id, period, category, amount_fen FROM consumption WHERE deleted = 0',
  )) {
    const period = String(row['period']);
    const key = `${String(row['account_id'])}|${Number(period.slice(0, 4))}|${byCategory ? String(row['category']) : '*'}|${Number(period.slice(5))}`;
    result.set(key, (result.get(key) ?? 0) + Number(row['amount_fen']));
  }
  for (const [key, fen] of result) if (fen === 0) result.delete(key);
  return result;
}

/**
 * The kept window totals (per account, and per account × category) and month totals must equal
 * the raw bills too: the window is the 12 months ending at the latest billed month the book
 * has seen (it never moves back), or there are none.
 */
export function expectKeptTotalsMatch(book: Book): void {
  const end = book.rows('SELECT period FROM consumption_window_end')[0]?.['period'] as string | null;
  const raw = book.rows('SELECT account_id, period, category, amount_fen FROM consumption WHERE deleted = 0');
  const latest = raw.reduce<string | null>(
    (max, row) =>
      Number(row['amount_fen']) !== 0 && (max === null || String(row['period']) > max)
        ? String(row['period'])
        : max,
    null,
  );
  if (latest !== null) expect(end !== null && end >= latest).toBe(true);
  const from = end === null ? null : `${Number(end.slice(0, 4)) - 1}-${end.slice(5)}`;
  const expected = {
    total: new Map<string, number>(),
    byCategory: new Map<string, number>(),
    months: new Map<string, number>(),
  };
  const add = (map: Map<string, number>, key: string, fen: number) => map.set(key, (map.get(key) ?? 0) + fen);
  for (const row of raw) {
    const period = String(row['period']);
    const fen = Number(row['amount_fen']);
    add(expected.months, period, fen);
    if (from !== null && end !== null && period > from && period <= end) {
      add(expected.total, String(row['account_id']), fen);
      add(expected.byCategory, `${String(row['category'])}|${String(row['account_id'])}`, fen);
    }
  }
  const nonZero = (map: Map<string, number>) => new Map([...map].filter(([, fen]) => fen !== 0));
  const kept = (sql: string) =>
    nonZero(new Map(book.rows(sql).map((row) => [String(row['k']), Number(row['fen'])])));
  expect(kept('SELECT account_id AS k, fen FROM consumption_window_total')).toEqual(nonZero(expected.total));
  expect(kept("SELECT category || '|' || account_id AS k, fen FROM consumption_window")).toEqual(
    nonZero(expected.byCategory),
  );
  expect(kept('SELECT period AS k, fen FROM consumption_month_total')).toEqual(nonZero(expected.months));
}
