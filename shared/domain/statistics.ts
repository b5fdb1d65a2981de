import { addMonths, periodOfDate } from './period';

/**
 * Period windows and ratios for consumption statistics. Pure, so the rules (which month is the
 * last complete one, how a window splits into calendar years, when a change has no base) are
 * tested without a database.
 */

/** A run of billing months, both ends included. */
export interface PeriodWindow {
  readonly from: string;
  readonly to: string;
  readonly months: number;
}

/** The last month whose bills are complete on `today`: the month before it. */
export function lastCompleteMonth(today: Date): string {
  return addMonths(periodOfDate(today), -1);
}

/**
 * The months of a book that hold bills, and the month statistics end at unless asked otherwise.
 * `first` and `last` are null when the book has no bills.
 */
export interface BilledMonths {
  readonly first: string | null;
  readonly last: string | null;
  readonly defaultTo: string;
}

/**
 * Where windows end by default: the latest month with bills. Bills arrive after their month
 * ends, often weeks later, and a window ending at a month without them shows every account down
 * 100% and an empty bar. Not later than the last complete month while a month up to it has bills
 * (`lastUpTo`): a bill typed for the running month must not make that partial month the default.
 * The last complete month when the book has no bills at all.
 */
export function billedMonthsOf(
  found: { readonly first: string | null; readonly last: string | null; readonly lastUpTo: string | null },
  today: Date,
): BilledMonths {
  return {
    first: found.first,
    last: found.last,
    defaultTo: found.lastUpTo ?? found.last ?? lastCompleteMonth(today),
  };
}

/** Months from `from` to `to`, both included (0 or less when `from` is after `to`). */
export function monthsBetween(from: string, to: string): number {
  const index = (period: string) => {
    const [year = 0, month = 1] = period.split('-').map(Number);
    return year * 12 + month - 1;
  };
  return index(to) - index(from) + 1;
}

/**
 * The window a statistics request asks for: ending at `to` (default: `defaultTo`, the book's
 * latest billed month — see `billedMonthsOf`) and starting at `from`, else `months` back from
 * `to`. Returns null when `from` is after `to`.
 */
export function resolveWindow(
  request: { readonly from?: string | undefined; readonly to?: string | undefined; readonly months: number },
  defaultTo: string,
): PeriodWindow | null {
  const to = request.to ?? defaultTo;
  const from = request.from ?? addMonths(to, 1 - request.months);
  const months = monthsBetween(from, to);
  return months >= 1 ? { from, to, months } : null;
}

/** The month columns (1–12) of each calendar year a window touches, oldest year first. */
export function yearSpans(
  from: string,
  to: string,
): { readonly year: number; readonly firstMonth: number; readonly lastMonth: number }[] {
  const [fromYear = 0, fromMonth = 1] = from.split('-').map(Number);
  const [toYear = 0, toMonth = 12] = to.split('-').map(Number);
  const spans = [];
  for (let year = fromYear; year <= toYear; year++) {
    spans.push({
      year,
      firstMonth: year === fromYear ? fromMonth : 1,
      lastMonth: year === toYear ? toMonth : 12,
    });
  }
  return spans;
}

/** The roll-up column of a period's month: `2026-03` → `m03`. */
export function monthColumn(period: string): string {
  return `m${period.slice(5, 7)}`;
}

/**
 * Relative change from `base` to `current` as a fraction (0.25: up 25%). null when the base
 * is zero or negative (refunds): a percentage of nothing means nothing.
 */
export function relativeChange(current: number, base: number): number | null {
  return base > 0 ? (current - base) / base : null;
}

/** `part / whole`, 0 when the whole is not positive. */
export function shareOf(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** Days between visits each tier should get, until the manager sets otherwise. */
export const defaultVisitCadenceDays = { strategic: 30, partner: 60, commercial: 90, general: 180 } as const;
