import { monthColumn, yearSpans } from '../../shared/domain/statistics';
import type { Db } from '../connection';
import type { BatchEffects, DeferredWork } from '../write';
import { rebuildAccountStats } from './accountStats';
import { heldWindow, rebuildConsumptionWindow, rebuildMonthTotals, WindowChanges } from './consumptionWindow';

/**
 * The monthly roll-up that statistics read instead of raw consumption: `consumption_rollup`
 * (account × year × category, one column per month) and `consumption_rollup_total` (account ×
 * year, across categories). The write path calls `rollUpConsumption` for every consumption
 * write, in the same transaction (an import's new bills: in the transaction right after it,
 * db/imports/settle.ts); `rebuildConsumptionRollup` recomputes both from raw rows.
 */
export const monthColumns = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);

const rolledColumns = ['account_id', 'period', 'category', 'amount_fen', 'deleted'] as const;
const allMonthsZero = monthColumns.map((column) => `${column} = 0`).join(' AND ');

function add(db: Db, row: Record<string, unknown>, sign: 1 | -1): void {
  const period = String(row['period']);
  const year = Number(period.slice(0, 4));
  const column = monthColumn(period);
  const fen = sign * Number(row['amount_fen']);
  const accountId = row['account_id'];
  const category = row['category'];
  db.statement(
    `INSERT INTO consumption_rollup (account_id, year, category, ${column}) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET ${column} = ${column} + excluded.${column}`,
  ).run(accountId, year, category, fen);
  db.statement(
    `INSERT INTO consumption_rollup_total (account_id, year, ${column}) VALUES (?, ?, ?)
     ON CONFLICT DO UPDATE SET ${column} = ${column} + excluded.${column}`,
  ).run(accountId, year, fen);
  const window = new WindowChanges(heldWindow(db));
  const months = new Array<number>(12).fill(0);
  months[Number(period.slice(5, 7)) - 1] = fen;
  window.add(String(accountId), String(category), year, months);
  window.write(db);
  if (sign < 0) {
    // Rows that net to nothing go, so the roll-up stays as small as what it sums.
    db.statement(
      `DELETE FROM consumption_rollup WHERE account_id = ? AND year = ? AND category = ? AND ${allMonthsZero}`,
    ).run(accountId, year, category);
    db.statement(
      `DELETE FROM consumption_rollup_total WHERE account_id = ? AND year = ? AND ${allMonthsZero}`,
    ).run(accountId, year);
  }
}

/**
 * A batch's roll-up changes, summed in memory per (account, year, category) and written with
 * one statement per few thousand cells when the batch ends: an import's rows then cost the
 * roll-up a hash-map update each instead of two upserts.
 */
class RollupDelta implements DeferredWork {
  private readonly cells = new Map<string, number[]>();
  private removals = false;

  add(row: Record<string, unknown>, sign: 1 | -1): void {
    const period = String(row['period']);
    const key = `${String(row['account_id'])}\u0001${period.slice(0, 4)}\u0001${String(row['category'])}`;
    let months = this.cells.get(key);
    if (!months) this.cells.set(key, (months = new Array<number>(12).fill(0)));
    const month = Number(period.slice(5, 7)) - 1;
    months[month] = (months[month] ?? 0) + sign * Number(row['amount_fen']);
    if (sign < 0) this.removals = true;
  }

  flush(db: Db): void {
    // One prepared upsert per cell, the months as parameters: reading them from a JSON array
    // in SQL (`value ->> n`) parsed the array once per column and was three times slower.
    const upsertCell = db.statement(upsertCells);
    const upsertTotal = db.statement(upsertTotals);
    const totals = new Map<string, number[]>();
    const window = new WindowChanges(heldWindow(db));
    for (const [key, months] of this.cells) {
      const [accountId = '', year = '', category = ''] = key.split('\u0001');
      upsertCell.run(accountId, Number(year), category, ...months);
      window.add(accountId, category, Number(year), months);
      const totalKey = `${accountId}\u0001${year}`;
      const sum = totals.get(totalKey);
      if (sum) months.forEach((fen, index) => (sum[index] = (sum[index] ?? 0) + fen));
      else totals.set(totalKey, [...months]);
    }
    for (const [key, months] of totals) {
      const [accountId = '', year = ''] = key.split('\u0001');
      upsertTotal.run(accountId, Number(year), ...months);
    }
    // After the roll-up: moving the window recomputes it from there.
    window.write(db);
    if (this.removals) {
      const accounts = JSON.stringify([...new Set([...totals.keys()].map((key) => key.split('\u0001')[0]))]);
      db.statement(
        `DELETE FROM consumption_rollup WHERE account_id IN (SELECT value FROM json_each(?)) AND ${allMonthsZero}`,
      ).run(accounts);
      db.statement(
        `DELETE FROM consumption_rollup_total WHERE account_id IN (SELECT value FROM json_each(?)) AND ${allMonthsZero}`,
      ).run(accounts);
    }
    this.cells.clear();
    this.removals = false;
  }
}

/** Adds live bills (as stored: account, period, category, fen, deleted) to the roll-up, set-wise. */
export function addToRollup(db: Db, bills: Iterable<Record<string, unknown>>): number {
  const delta = new RollupDelta();
  let added = 0;
  for (const bill of bills) {
    if (bill['deleted'] !== 0) continue;
    delta.add(bill, 1);
    added += 1;
  }
  delta.flush(db);
  return added;
}

const addMonths = monthColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ');
const monthParameters = monthColumns.map(() => '?').join(', ');
const upsertCells = `INSERT INTO consumption_rollup (account_id, year, category, ${monthColumns.join(', ')})
  VALUES (?, ?, ?, ${monthParameters}) ON CONFLICT DO UPDATE SET ${addMonths}`;
const upsertTotals = `INSERT INTO consumption_rollup_total (account_id, year, ${monthColumns.join(', ')})
  VALUES (?, ?, ${monthParameters}) ON CONFLICT DO UPDATE SET ${addMonths}`;

/**
 * Moves a consumption row's contribution from `before` (absent on insert) to `row`: at once
 * for a single write, at the end of the batch for bulk writes.
 */
export function rollUpConsumption(
  db: Db,
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  batch: BatchEffects | null,
): void {
  // An import's new bills are added after it commits (db/imports/settle.ts).
  if (!before && batch?.createdBillsDeferred) return;
  const delta = batch?.get('consumption_rollup', () => new RollupDelta());
  const move = (values: Record<string, unknown>, sign: 1 | -1) =>
    delta ? delta.add(values, sign) : add(db, values, sign);
  if (before) {
    if (rolledColumns.every((column) => row[column] === before[column])) return;
    if (before['deleted'] === 0) move(before, -1);
  }
  if (row['deleted'] === 0) move(row, 1);
}

const monthSums = monthColumns
  .map((column) => `SUM(CASE WHEN substr(period, 6, 2) = '${column.slice(1)}' THEN amount_fen ELSE 0 END)`)
  .join(', ');

/**
 * Recomputes both tables (and the window totals kept from them) from the raw rows, in one transaction (readers see the old roll-up
 * until it commits). Returns the row counts.
 */
export function rebuildConsumptionRollup(db: Db): { rows: number; totalRows: number } {
  return db.transaction(() => {
    db.statement('DELETE FROM consumption_rollup').run();
    db.statement('DELETE FROM consumption_rollup_total').run();
    const rows = db
      .statement(
        `INSERT INTO consumption_rollup (account_id, year, category, ${monthColumns.join(', ')})
         SELECT account_id, CAST(substr(period, 1, 4) AS INTEGER), category, ${monthSums}
         FROM consumption WHERE deleted = 0
         GROUP BY account_id, substr(period, 1, 4), category`,
      )
      .run().changes;
    const totalRows = db
      .statement(
        `INSERT INTO consumption_rollup_total (account_id, year, ${monthColumns.join(', ')})
         SELECT account_id, year, ${monthColumns.map((column) => `SUM(${column})`).join(', ')}
         FROM consumption_rollup GROUP BY account_id, year`,
      )
      .run().changes;
    rebuildConsumptionWindow(db);
    rebuildMonthTotals(db);
    // The accounts' kept figures (latest visit, window total) are derived too: `stats rebuild` redoes all.
    rebuildAccountStats(db);
    return { rows, totalRows };
  });
}

/**
 * SQL for one roll-up row's fen inside a window, and the condition picking the rows that can
 * contribute. Years are integers parsed from validated periods, so they are inlined: the
 * statement text then names exactly the columns it adds, which is what makes it fast.
 */
export function windowSum(from: string, to: string): { sum: string; years: string } {
  const spans = yearSpans(from, to);
  const cases = spans.map(({ year, firstMonth, lastMonth }) => {
    const columns = monthColumns.slice(firstMonth - 1, lastMonth);
    return `WHEN ${year} THEN ${columns.join(' + ')}`;
  });
  const first = spans[0]?.year ?? 0;
  const last = spans.at(-1)?.year ?? 0;
  return { sum: `(CASE year ${cases.join(' ')} ELSE 0 END)`, years: `year BETWEEN ${first} AND ${last}` };
}

/**
 * A category filter as SQL: the category roll-up with the categories named, or (none named) the
 * across-category total, which has a fifth of the rows — unless `byCategory` needs the rows.
 */
export function categoryFilter(
  categories: readonly string[] | undefined,
  byCategory = false,
): {
  table: 'consumption_rollup' | 'consumption_rollup_total';
  where: string;
  parameters: string[];
} {
  if (!categories || categories.length === 0)
    return {
      table: byCategory ? 'consumption_rollup' : 'consumption_rollup_total',
      where: '1',
      parameters: [],
    };
  return {
    table: 'consumption_rollup',
    where: `category IN (${categories.map(() => '?').join(', ')})`,
    parameters: [...categories],
  };
}
