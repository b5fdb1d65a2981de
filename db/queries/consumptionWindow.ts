import { addMonths } from '../../shared/domain/period';
import type { Db } from '../connection';
import { monthColumns, windowSum } from './consumptionRollup';

/**
 * Per-account totals over one 12-month window, kept ready for the statistics page (portfolio,
 * Pareto) so a first view reads one row per account instead of summing roll-up rows across
 * two years. The window is the 12 months ending at the latest billed month; the write path
 * keeps both tables in step with the roll-up in the same transaction (a bill inside the
 * window adds its fen; a bill after it moves the window, recomputed set-wise from the roll-up,
 * which happens once a month when the new month's bills arrive). Any other window is summed
 * from the roll-up as before. The book's total per month (`consumption_month_total`) is kept
 * the same way, for the portfolio's series. Tables: migration 20261206_0015. Each account's
 * total is also copied into its `account_stats` row (migration 20261206_0019), beside its slice.
 */
export const heldWindowMonths = 12;

export interface HeldWindow {
  readonly from: string;
  readonly to: string;
}

/** The window the tables hold, or null while the book has no bills. */
export function heldWindow(db: Db): HeldWindow | null {
  const to = db.statement('SELECT period FROM consumption_window_end WHERE id = 1').pluck(true).get() as
    string | null | undefined;
  return to ? { from: addMonths(to, 1 - heldWindowMonths), to } : null;
}

/** Whether `window` is the one the tables hold. */
export function isHeldWindow(held: HeldWindow | null, window: { from: string; to: string }): boolean {
  return held !== null && held.from === window.from && held.to === window.to;
}

/** Built at first use: this module and the roll-up's import each other. */
const latestBilled = () =>
  `SELECT max(year * 100 + CASE ${[...monthColumns]
    .reverse()
    .map((column) => `WHEN ${column} <> 0 THEN ${Number(column.slice(1))}`)
    .join(' ')} END) FROM consumption_rollup_total`;

/** Recomputes both tables from the roll-up, for the window ending at the latest billed month. */
export function rebuildConsumptionWindow(db: Db): void {
  const last = db.statement(latestBilled()).pluck(true).get() as number | null;
  const to = last === null ? null : `${Math.floor(last / 100)}-${String(last % 100).padStart(2, '0')}`;
  db.statement('INSERT OR REPLACE INTO consumption_window_end (id, period) VALUES (1, ?)').run(to);
  db.statement('DELETE FROM consumption_window_total').run();
  db.statement('DELETE FROM consumption_window').run();
  if (to === null) {
    db.statement('UPDATE account_stats SET window_fen = 0 WHERE window_fen <> 0').run();
    return;
  }
  const { sum, years } = windowSum(addMonths(to, 1 - heldWindowMonths), to);
  db.statement(
    `INSERT INTO consumption_window_total (account_id, fen)
     SELECT account_id, SUM(${sum}) FROM consumption_rollup_total WHERE ${years} GROUP BY account_id`,
  ).run();
  db.statement(
    `INSERT INTO consumption_window (category, account_id, fen)
     SELECT category, account_id, SUM(${sum}) FROM consumption_rollup WHERE ${years}
     GROUP BY category, account_id`,
  ).run();
  // The accounts' copies (account_stats) follow the moved window.
  db.statement(
    `UPDATE account_stats SET window_fen = coalesce(
       (SELECT w.fen FROM consumption_window_total w WHERE w.account_id = account_stats.account_id), 0)`,
  ).run();
}

/** Recomputes the book's month totals from the roll-up. */
export function rebuildMonthTotals(db: Db): void {
  db.statement('DELETE FROM consumption_month_total').run();
  db.statement(
    `INSERT INTO consumption_month_total (period, fen) ${monthColumns
      .map(
        (column) =>
          `SELECT printf('%04d-${column.slice(1)}', year), SUM(${column}) FROM consumption_rollup_total GROUP BY year`,
      )
      .join(' UNION ALL ')}`,
  ).run();
}

/**
 * Roll-up changes (account, category, year and a fen delta per month) carried into the window.
 * Called after the roll-up itself was written, in the same transaction.
 */
export class WindowChanges {
  private readonly cells = new Map<string, number>();
  private readonly periods = new Map<string, number>();
  private beyond = false;

  constructor(private readonly held: HeldWindow | null) {}

  add(accountId: string, category: string, year: number, months: readonly number[]): void {
    months.forEach((fen, index) => {
      if (fen === 0) return;
      const period = `${year}-${String(index + 1).padStart(2, '0')}`;
      // The book's months take every bill's fen once: `add` is called per category.
      this.periods.set(period, (this.periods.get(period) ?? 0) + fen);
      if (this.held === null || period > this.held.to) this.beyond = true;
      else if (period >= this.held.from) {
        const key = `${accountId}\u0001${category}`;
        this.cells.set(key, (this.cells.get(key) ?? 0) + fen);
      }
    });
  }

  write(db: Db): void {
    const upsertMonth = db.statement(
      `INSERT INTO consumption_month_total (period, fen) VALUES (?, ?)
       ON CONFLICT DO UPDATE SET fen = fen + excluded.fen`,
    );
    for (const [period, fen] of this.periods) if (fen !== 0) upsertMonth.run(period, fen);
    if (this.beyond) {
      rebuildConsumptionWindow(db);
      return;
    }
    const totals = new Map<string, number>();
    const upsertCell = db.statement(
      `INSERT INTO consumption_window (category, account_id, fen) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET fen = fen + excluded.fen`,
    );
    for (const [key, fen] of this.cells) {
      const [accountId = '', category = ''] = key.split('\u0001');
      if (fen === 0) continue;
      upsertCell.run(category, accountId, fen);
      totals.set(accountId, (totals.get(accountId) ?? 0) + fen);
    }
    const upsertTotal = db.statement(
      `INSERT INTO consumption_window_total (account_id, fen) VALUES (?, ?)
       ON CONFLICT DO UPDATE SET fen = fen + excluded.fen`,
    );
    const addToAccount = db.statement(
      'UPDATE account_stats SET window_fen = window_fen + ? WHERE account_id = ?',
    );
    for (const [accountId, fen] of totals) {
      if (fen === 0) continue;
      upsertTotal.run(accountId, fen);
      addToAccount.run(fen, accountId);
    }
  }
}
