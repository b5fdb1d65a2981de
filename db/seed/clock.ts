/**
 * Demo data lives in fixed time, never `Date.now()`, so the same seed gives the same database
 * on any day. "Now" for the data is the reference instant; accounts were created from 2024
 * (a legacy import in the first three months, then steady growth), visits fall
 * in the last two years, and bills cover the 24 closed months before it.
 */
export const day = 86_400_000;
const hour = 3_600_000;

export const referenceMs = Date.UTC(2026, 10, 1);
// Not earlier: customer numbers count milliseconds from 2024-01-01.
const historyStartMs = Date.UTC(2024, 0, 1);
const importEndMs = historyStartMs + 90 * day;
export const visitsStartMs = Date.UTC(2024, 10, 1);
/** Share of accounts that came with the legacy import. */
const importedShare = 0.4;

export const periodCount = 24;

/** The billing months, oldest first: 2024-11 … 2026-10. */
export const periods: readonly string[] = Array.from({ length: periodCount }, (_, i) => {
  const date = new Date(Date.UTC(2026, 10 - periodCount + i, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
});

/** Month of year (1–12) of each period, for seasonal trends. */
export const periodMonths: readonly number[] = periods.map((period) => Number(period.slice(5)));

/** When each period's bill run starts: the last day of the month, 00:00 UTC. */
export const billRunMs: readonly number[] = Array.from(
  { length: periodCount },
  (_, i) => Date.UTC(2026, 10 - periodCount + i + 1, 1) - day,
);

/** What the seeded data treats as now, for callers that compare against it. */
export const seedReference = {
  date: new Date(referenceMs).toISOString(),
  firstPeriod: periods[0] ?? '',
  lastPeriod: periods[periodCount - 1] ?? '',
} as const;

/**
 * The creation time of the account at `position` (0 ≤ position < 1, increasing with the
 * account's index), so ids and customer numbers increase in account order.
 */
export function accountCreatedMs(position: number): number {
  if (position < importedShare)
    return historyStartMs + (position / importedShare) * (importEndMs - historyStartMs);
  const rest = (position - importedShare) / (1 - importedShare);
  return importEndMs + rest * (referenceMs - day - importEndMs);
}

/** Keeps synthetic creation times before the reference instant. */
export function beforeReference(ms: number): number {
  return Math.floor(Math.min(ms, referenceMs - 1000));
}

/** `YYYY-MM-DD` of a UTC instant. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A moment of a working day in China (UTC+8, 08:30–18:00) within [from, to), as UTC
 * milliseconds; weekends are moved to the Friday before.
 */
export function workingMoment(from: number, to: number, fraction: number, minuteOfDay: number): number {
  const startDay = Math.floor((from + 8 * hour) / day);
  const endDay = Math.max(startDay, Math.floor((to + 8 * hour) / day) - 1);
  let dayNumber = startDay + Math.floor(fraction * (endDay - startDay + 1));
  const weekday = (dayNumber + 4) % 7; // 1970-01-01 was a Thursday: 0 = Sunday
  if (weekday === 0 && dayNumber - 2 >= startDay) dayNumber -= 2;
  else if (weekday === 6 && dayNumber - 1 >= startDay) dayNumber -= 1;
  const local = dayNumber * day + (8 * 60 + 30 + (minuteOfDay % 570)) * 60_000;
  return Math.min(Math.max(local - 8 * hour, from), to - 1);
}
