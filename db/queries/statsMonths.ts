import { billedMonthsOf, lastCompleteMonth, type BilledMonths } from '../../shared/domain/statistics';
import type { Db } from '../connection';
import { monthColumns } from './consumptionRollup';

/**
 * Which months of the book hold bills, read from the across-category roll-up in one pass with
 * no sort: per row, `year * 100 +` its first or last non-zero month column, and the min / max of
 * that. Measured: 3 ms for 3,000 accounts, 26 ms for 30,000 (90,000 roll-up rows); an index
 * would cost every bill write for a question asked once per change.
 *
 * The answer is kept per connection until the book's change counter moves: every write of a
 * bill — local, imported, synced, from the job thread's connection or another process — ends
 * by advancing `sync_clock.seq`, so an unchanged counter means unchanged bills, and opening
 * account after account reads one row instead of the roll-up. Not kept from inside a write
 * transaction, whose bills may still be rolled back under the same counter.
 */
export interface BilledMonthsFound {
  readonly first: string | null;
  readonly last: string | null;
  /** The latest billed month not after `upTo`. */
  readonly lastUpTo: string | null;
}

const memo = new WeakMap<Db, { seq: number; upTo: string; found: BilledMonthsFound }>();

/** `CASE WHEN m12 <> 0 THEN 12 WHEN m11 … END` over the given months, in that order. */
const firstNonZero = (months: readonly number[]) =>
  `CASE ${months.map((month) => `WHEN ${monthColumns[month - 1] ?? 'm01'} <> 0 THEN ${month}`).join(' ')} END`;

const ascending = Array.from({ length: 12 }, (_, index) => index + 1);
const descending = [...ascending].reverse();

const asPeriod = (value: number | null) =>
  value === null ? null : `${Math.floor(value / 100)}-${String(value % 100).padStart(2, '0')}`;

export function billedMonths(db: Db, upTo: string): BilledMonthsFound {
  const seq =
    (db.statement('SELECT seq FROM sync_clock WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  const known = memo.get(db);
  if (known && known.seq === seq && known.upTo === upTo) return known.found;
  const upToYear = Number(upTo.slice(0, 4));
  const upToMonth = Number(upTo.slice(5, 7));
  // A month CASE without ELSE is NULL for a row with no such month, and min / max skip NULLs.
  const row = db
    .statement(
      `SELECT min(year * 100 + ${firstNonZero(ascending)}) AS first,
        max(year * 100 + ${firstNonZero(descending)}) AS last,
        max(CASE WHEN year < ${upToYear} THEN year * 100 + ${firstNonZero(descending)}
          WHEN year = ${upToYear} THEN year * 100 + ${firstNonZero(descending.filter((month) => month <= upToMonth))}
          END) AS last_up_to
      FROM consumption_rollup_total`,
    )
    .get() as { first: number | null; last: number | null; last_up_to: number | null };
  const found = { first: asPeriod(row.first), last: asPeriod(row.last), lastUpTo: asPeriod(row.last_up_to) };
  // Inside a write transaction the bills read may yet be rolled back under the same counter.
  if (!db.sqlite.inTransaction) memo.set(db, { seq, upTo, found });
  return found;
}

/** The book's billed months and the default end of a statistics window at `today` (`billedMonthsOf`). */
export function billedAt(db: Db, today: Date): BilledMonths {
  return billedMonthsOf(billedMonths(db, lastCompleteMonth(today)), today);
}
