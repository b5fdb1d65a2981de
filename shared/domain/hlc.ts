/**
 * Hybrid logical clock (after Actual Budget's CRDT): wall-clock milliseconds, a counter for
 * events within one millisecond, and the node that made the event. The string form
 * `2026-11-27T08:00:00.000Z-0000-0123456789abcdef` sorts in causal-then-node order, so "which
 * write wins" is a plain string comparison everywhere (SQL included).
 */
export interface Hlc {
  readonly millis: number;
  readonly counter: number;
  readonly node: string;
}

const maxCounter = 0xffff;

/**
 * Clocks outside these years are refused wherever one is read: no device's clock was right
 * before 2000, and from year 10000 on an ISO time has no form that sorts as text.
 */
export const minHlcMillis = Date.UTC(2000, 0, 1);
export const maxHlcMillis = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * How far ahead of this computer's wall clock a clock may be (a device's date set wrong by
 * more would make its writes win every field until that date): the default of the setting.
 */
export const defaultMaxClockDriftHours = 24;
const hlcPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9a-f]{16})$/;

// Bulk writes stamp many rows within one millisecond: keep the last ISO string.
let isoMillis = Number.NaN;
let isoText = '';

export function formatHlc(clock: Hlc): string {
  if (clock.millis !== isoMillis) {
    isoMillis = clock.millis;
    isoText = new Date(clock.millis).toISOString();
  }
  const counter = clock.counter.toString(16).toUpperCase().padStart(4, '0');
  return `${isoText}-${counter}-${clock.node}`;
}

export function parseHlc(text: string): Hlc {
  const match = hlcPattern.exec(text);
  if (!match) throw new RangeError(`not a clock: ${text}`);
  const [, iso = '', counter = '', node = ''] = match;
  const millis = millisOf(iso);
  if (millis === null) throw new RangeError(`clock out of range: ${text}`);
  return { millis, counter: Number.parseInt(counter, 16), node };
}

export function isHlc(text: string): boolean {
  return hlcPattern.test(text) && millisOf(text.slice(0, 24)) !== null;
}

/** The time of a clock's ISO part, if it is a real time (no 30 February) within the years allowed. */
function millisOf(iso: string): number | null {
  const millis = Date.parse(iso);
  if (!(millis >= minHlcMillis && millis <= maxHlcMillis)) return null;
  return new Date(millis).toISOString() === iso ? millis : null;
}

/**
 * The latest clock time a device accepts at `now`: an ISO time that clock strings compare
 * with by their first 24 characters (`isAhead`).
 */
export function clockLimit(now: number, maxDriftMs: number): string {
  return new Date(Math.min(now + maxDriftMs, maxHlcMillis)).toISOString();
}

/** Whether a clock string is later than a `clockLimit`. */
export function isAhead(clock: string, limit: string): boolean {
  return clock.slice(0, 24) > limit;
}

/** The clock for a new local event; never goes backwards, even when the wall clock does. */
export function tickHlc(last: Hlc, now: number): Hlc {
  if (now > last.millis) return { millis: now, counter: 0, node: last.node };
  if (last.counter < maxCounter) return { millis: last.millis, counter: last.counter + 1, node: last.node };
  return { millis: last.millis + 1, counter: 0, node: last.node };
}

/** The local clock after seeing a remote event: later than both, so later local writes win. */
export function receiveHlc(local: Hlc, remote: Hlc, now: number): Hlc {
  const millis = Math.max(local.millis, remote.millis, now);
  let counter: number;
  if (millis === local.millis && millis === remote.millis)
    counter = Math.max(local.counter, remote.counter) + 1;
  else if (millis === local.millis) counter = local.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > maxCounter) return { millis: millis + 1, counter: 0, node: local.node };
  return { millis, counter, node: local.node };
}
