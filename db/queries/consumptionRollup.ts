import { monthColumn, yearSpans } from '../../shared/domain/statistics';
import type { Db } from '../connection';
import type { BatchEffects, DeferredWork } from '../write';
import { rebuildAccountStats } from './accountStats';
import { heldWindow, rebuildConsumptionWindow, rebuildMonthTotals, WindowChanges } from './consumptionWindow';

/**
 * The monthly roll-up that statistics read instead of raw consumption: `consumption_rollup`
 * (account × year × category, one column per month) and `consumption_rollup_total` (account ×
 * year, across categories). The write path calls `rollUpConsumption` for every consumption
 * write, in the same transaction; `rebuildConsumptionRollup` recomputes both from raw rows.
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
 * A batch's roll-up changes, summed in memory per (account, year, category) and written when
 * the batch ends: an import's rows then cost the roll-up a hash-map update each instead of two
 * upserts. The cells are written in key order (each roll-up page is visited once, whatever the
 * file's order), and a cell that moves one month (a month's bills: nearly every cell of an
 * import) is one `UPDATE` of that month's column, inserted only when the row does not exist
 * yet: an upsert of all twelve months tried the insert first and rewrote every column, and
 * took half as long again.
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
    const cells = new CellWriter(db, 'consumption_rollup', ['account_id', 'year', 'category']);
    const totalCells = new CellWriter(db, 'consumption_rollup_total', ['account_id', 'year']);
    const totals = new Map<string, number[]>();
    const window = new WindowChanges(heldWindow(db));
    for (const key of inOrder(this.cells.keys())) {
      const months = this.cells.get(key) ?? [];
      const [accountId = '', year = '', category = ''] = key.split('\u0001');
      cells.add([accountId, Number(year), category], months);
      window.add(accountId, category, Number(year), months);
      const totalKey = `${accountId}\u0001${year}`;
      const sum = totals.get(totalKey);
      if (sum) months.forEach((fen, index) => (sum[index] = (sum[index] ?? 0) + fen));
      else totals.set(totalKey, [...months]);
    }
    // Keys sorted by account then year: the totals' map keeps that order.
    for (const [key, months] of totals) {
      const [accountId = '', year = ''] = key.split('\u0001');
      totalCells.add([accountId, Number(year)], months);
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

/** Keys sorted; a file already in account order (the common export order) is not sorted again. */
function inOrder(keys: Iterable<string>): string[] {
  const list = [...keys];
  for (let index = 1; index < list.length; index++) {
    if ((list[index - 1] ?? '') > (list[index] ?? '')) return list.sort();
  }
  return list;
}

/**
 * Adds month deltas to one roll-up table's rows: a single month's delta by updating its column
 * (inserting the row if there is none), several months with one upsert of all twelve (the
 * months as parameters: reading them from a JSON array in SQL parsed it once per column and
 * was three times slower). A delta of nothing writes nothing.
 */
class CellWriter {
  private readonly upsertAll;
  private readonly updateMonth;
  private readonly insertMonth;

  constructor(db: Db, table: 'consumption_rollup' | 'consumption_rollup_total', keys: readonly string[]) {
    const keyParameters = keys.map(() => '?').join(', ');
    this.upsertAll = db.statement(
      `INSERT INTO ${table} (${keys.join(', ')}, ${monthColumns.join(', ')})
       VALUES (${keyParameters}, ${monthParameters}) ON CONFLICT DO UPDATE SET ${addMonths}`,
    );
    const where = keys.map((key) => `${key} = ?`).join(' AND ');
    this.updateMonth = monthColumns.map((column) =>
      db.statement(`UPDATE ${table} SET ${column} = ${column} + ? WHERE ${where}`),
    );
    this.insertMonth = monthColumns.map((column) =>
      db.statement(`INSERT INTO ${table} (${keys.join(', ')}, ${column}) VALUES (${keyParameters}, ?)`),
    );
  }

  add(key: readonly (string | number)[], months: readonly number[]): void {
    let only = -1;
    for (let index = 0; index < months.length; index++) {
      if (months[index] === 0) continue;
      if (only !== -1) {
        this.upsertAll.run(...key, ...months);
        return;
      }
      only = index;
    }
    if (only === -1) return;
    const fen = months[only];
    if (this.updateMonth[only]?.run(fen, ...key).changes === 0) this.insertMonth[only]?.run(...key, fen);
  }
}

const addMonths = monthColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ');
const monthParameters = monthColumns.map(() => '?').join(', ');

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
  // No closures here: a batch calls this once per row (200,000 times for a month of bills).
  const delta = batch === null ? null : batch.get('consumption_rollup', newRollupDelta);
  if (before) {
    if (sameRolledValues(row, before)) return;
    if (before['deleted'] === 0) {
      if (delta) delta.add(before, -1);
      else add(db, before, -1);
    }
  }
  if (row['deleted'] === 0) {
    if (delta) delta.add(row, 1);
    else add(db, row, 1);
  }
}

const newRollupDelta = (): RollupDelta => new RollupDelta();

function sameRolledValues(row: Record<string, unknown>, before: Record<string, unknown>): boolean {
  for (const column of rolledColumns) if (row[column] !== before[column]) return false;
  return true;
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
