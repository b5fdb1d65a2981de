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
import { ApiError } from '../../shared/errors';
import { maxClockDriftHoursSchema } from '../../shared/schemas';
import type { Db } from '../connection';
import type { SyncedTable } from '../schema';
import { entities } from '../entities';

/**
 * Clocks may not run into the future. A device whose date is set years ahead would stamp its
 * writes with clocks that win every field on every device until that date, and a clock past
 * year 9999 cannot be written at all, so every later write would fail. So a sync file with any
 * clock later than this computer's time plus the allowed drift (Settings, 24 h by default) is
 * refused whole (`SYNC_CLOCK_AHEAD`, in `walkBundle`), and this device's clock, which only
 * moves by its own ticks and by files it accepted, stays within the same bound.
 *
 * A book that took such clocks before the bound existed is healed by its next write
 * (`healFutureClocks`): every clock beyond the bound moves below every real clock, the same way
 * on every book (`demotedClock`). Nothing changes value; the rows take a new change number, so
 * the next export carries them with clocks every other book accepts, and any real edit wins
 * over them. A computer whose own date went backwards is not healed: its writes wait for the
 * date to be set right (`wallClockProblem`, CLOCK_BEHIND), since its own recent edits would
 * otherwise be taken for clocks from the future.
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
 * Where a clock beyond the bound (or one that is no clock: before 2000, or past year 9999) is
 * moved to: below every real clock, on every book the same. Its time is squeezed into the years
 * 2000–2008 (1 ms for every 1.024 s after 2000: year 9999 lands in 2007), its counter and node
 * kept, so poisoned writes keep their order among themselves, two books that heal the same
 * write give it the same clock (they converge without a conflict), and any real edit, made
 * before or after the heal, wins over it. What time such a write was really made is unknown;
 * losing to a real edit is the safe answer.
 */
export function demotedClock(clock: string, fallbackNode: string): string {
  const match = /^(.*)-([0-9A-F]{4})-([0-9a-f]{16})$/.exec(clock);
  const counter = match?.[2] ?? '0000';
  const node = match?.[3] ?? fallbackNode;
  const time = Date.parse(match?.[1] ?? '');
  const squeezed =
    Number.isFinite(time) && time > minHlcMillis
      ? minHlcMillis + Math.floor((time - minHlcMillis) / 1024)
      : minHlcMillis;
  return `${new Date(squeezed).toISOString()}-${counter}-${node}`;
}

/**
 * The wall clock is behind what this book already wrote (its newest audit entry is later than
 * now plus the drift), or before the year 2000: the computer's date is wrong. Healing then would
 * treat this device's own recent edits as clocks from the future and push them below every
 * other device's; writing with the wrong date would lose them to older edits. Writes wait for
 * the date to be set right.
 */
export function wallClockProblem(db: Db, now: number, limit: string): ApiError | null {
  const newest = db.statement('SELECT at FROM audit_log ORDER BY rowid DESC LIMIT 1').pluck().get() as
    string | undefined;
  if (now >= minHlcMillis && (newest === undefined || newest.slice(0, 24) <= limit)) return null;
  return new ApiError(
    'CLOCK_BEHIND',
    `this computer's date (${new Date(now).toISOString()}) is earlier than changes already written on it${newest ? ` (${newest})` : ''}: set the date right, then try again`,
    { details: { now: new Date(now).toISOString(), newest: newest ?? null } },
  );
}

/**
 * Moves every clock beyond `limit` (and every one that is no clock) to its `demotedClock`; each
 * row touched takes a new change number after `seq`, so the next export carries it. The device's
 * clock then continues from the latest clock left (or `now`). Runs inside the caller's write
 * transaction.
 */
export function healFutureClocks(db: Db, node: string, seq: number, now: number, limit: string): HealedClock {
  // Clocks compare as text: past the limit's time, or before '2000' (a year-10000 clock starts
  // with '+', which sorts before every digit).
  const bound = `${limit}-FFFF-ffffffffffffffff`;
  const wrong = `(hlc > :bound OR hlc < '2000')`;
  const demote = (clock: string) => demotedClock(clock, node);
  const rows: Partial<Record<SyncedTable, number>> = {};
  let next = seq;
  let latest = formatHlc({ millis: now, counter: 0, node });
  const later = (clock: string | null | undefined) => {
    if (clock && clock > latest) latest = clock;
  };
  for (const table of Object.keys(entities) as SyncedTable[]) {
    const found = db.statement(`SELECT id, hlc FROM ${table} WHERE ${wrong}`).all({ bound }) as {
      id: string;
      hlc: string;
    }[];
    const edited = db
      .statement(`SELECT DISTINCT row_id FROM field_clock WHERE tbl = :table AND ${wrong}`)
      .pluck()
      .all({ table, bound }) as string[];
    const ids = new Set([...found.map((row) => row.id), ...edited]);
    const insertClock = new Map(found.map((row) => [row.id, row.hlc]));
    const restamp = db.statement(`UPDATE ${table} SET hlc = coalesce(?, hlc), seq = ? WHERE id = ?`);
    for (const id of ids) {
      const clock = insertClock.get(id);
      restamp.run(clock === undefined ? null : demote(clock), (next += 1), id);
    }
    if (ids.size > 0) rows[table] = ids.size;
    later(
      db.statement(`SELECT max(hlc) FROM ${table} WHERE hlc <= :bound`).pluck().get({ bound }) as
        string | null,
    );
  }
  // The journals have no rowid: each is updated by its own key.
  const journals = [
    { table: 'field_clock', key: ['tbl', 'row_id', 'col'] },
    { table: 'sync_ops', key: ['seq', 'col'] },
  ] as const;
  for (const { table, key } of journals) {
    const update = db.statement(
      `UPDATE ${table} SET hlc = ? WHERE ${key.map((column) => `${column} = ?`).join(' AND ')}`,
    );
    const found = db
      .statement(`SELECT ${key.join(', ')}, hlc FROM ${table} WHERE ${wrong}`)
      .all({ bound }) as Record<string, string | number>[];
    for (const row of found) update.run(demote(String(row['hlc'])), ...key.map((column) => row[column]));
  }
  later(
    db.statement(`SELECT max(hlc) FROM field_clock WHERE hlc <= :bound`).pluck().get({ bound }) as
      string | null,
  );
  // This device's next clock follows the latest one kept: its edits still win here.
  const last = parseHlc(latest);
  return { last: { ...last, node }, seq: next, rows };
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
