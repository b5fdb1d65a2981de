import {
  clockLimit,
  defaultMaxClockDriftHours,
  formatHlc,
  isAhead,
  isHlc,
  minHlcMillis,
  parseHlc,
  type Hlc,
} from '../../shared/domain/hlc';
import { maxClockDriftHoursSchema } from '../../shared/schemas';
import type { Db } from '../connection';
import type { SyncedTable } from '../schema';
import { entities } from '../entities';

/**
 * Clocks may not run into the future. A device whose date is set years ahead would stamp its
 * writes with clocks that win every field on every device until that date, and a clock past
 * year 9999 cannot be written at all, so every later write would fail. So a sync file with any
 * clock later than this computer's time plus the allowed drift (Settings, 24 h by default) is
 * refused whole (`SYNC_CLOCK_AHEAD`, in `mergeBundle`), and this device's clock, which only
 * moves by its own ticks and by files it accepted, stays within the same bound.
 *
 * A book that took such clocks before the bound existed (or whose computer's date was later
 * corrected backwards) is healed by its next write (`healFutureClocks`): every clock later
 * than now is re-stamped with one clock of this device at the present time, as if this device
 * had just written those same values again. Nothing changes value; the rows take a new change
 * number, so the next export carries them with clocks every other book accepts, and a later
 * edit anywhere wins over them again. Two books that heal the same rows hold the same values
 * under different clocks and converge on the later one.
 */

/** The drift setting as stored (a JSON value), or the default. */
export function clockDriftHoursOf(stored: unknown): number {
  return maxClockDriftHoursSchema.safeParse(stored).data ?? defaultMaxClockDriftHours;
}

export function maxClockDriftMs(db: Db): number {
  const row = db.statement("SELECT value FROM settings WHERE key = 'maxClockDriftHours'").get() as
    { value: string } | undefined;
  return clockDriftHoursOf(row ? (JSON.parse(row.value) as unknown) : undefined) * 3_600_000;
}

/** The latest clock time this book accepts now. */
export function clockLimitOf(db: Db, now = Date.now()): string {
  return clockLimit(now, maxClockDriftMs(db));
}

export interface HealedClock {
  readonly last: Hlc;
  readonly seq: number;
  /** Rows re-stamped, per table (for the audit entry). */
  readonly rows: Partial<Record<SyncedTable, number>>;
}

/**
 * Re-stamps every clock later than `now` (and any that does not read as a clock) with one new
 * clock of `node` at `now`; each row touched takes a new change number after `seq`. Runs inside
 * the caller's write transaction.
 */
export function healFutureClocks(db: Db, node: string, seq: number, now: number): HealedClock {
  const last: Hlc = { millis: now, counter: 0, node };
  const stamp = formatHlc(last);
  // Text comparison finds both the future and what is not a clock at all (a year 10000 clock
  // starts with '+', which sorts before every digit).
  const wrong = `(hlc > ? OR hlc < '2000')`;
  const rows: Partial<Record<SyncedTable, number>> = {};
  let next = seq;
  for (const table of Object.keys(entities) as SyncedTable[]) {
    const ids = db
      .statement(
        `SELECT id FROM ${table} WHERE ${wrong}
         UNION SELECT row_id FROM field_clock WHERE tbl = ? AND ${wrong}`,
      )
      .pluck()
      .all(stamp, table, stamp) as string[];
    if (ids.length === 0) continue;
    const restamp = db.statement(
      `UPDATE ${table} SET hlc = CASE WHEN ${wrong} THEN ? ELSE hlc END, seq = ? WHERE id = ?`,
    );
    for (const id of ids) restamp.run(stamp, stamp, (next += 1), id);
    rows[table] = ids.length;
  }
  db.statement(`UPDATE field_clock SET hlc = ? WHERE ${wrong}`).run(stamp, stamp);
  db.statement(`UPDATE sync_ops SET hlc = ? WHERE ${wrong}`).run(stamp, stamp);
  return { last, seq: next, rows };
}

/** The clock a new book starts with (the migration's), before its first write. */
const unsetClock = /^1970-01-01T00:00:00\.000Z-0000-([0-9a-f]{16})$/;

/**
 * The stored clock as read for a write, or null when it must be healed first: unreadable, or
 * ahead of `limit`. A book that never wrote starts from the earliest clock there is.
 */
export function readableClock(storedClock: string, limit: string): Hlc | null {
  const unset = unsetClock.exec(storedClock);
  if (unset) return { millis: minHlcMillis, counter: 0, node: unset[1] ?? '' };
  return !isHlc(storedClock) || isAhead(storedClock, limit) ? null : parseHlc(storedClock);
}
