import { LunarYear } from 'lunar-typescript';

/**
 * The Chinese lunar calendar as month tables: for each lunar year, its months (a leap month
 * after the ordinary month of the same number) with their first day and length, taken once
 * from lunar-typescript (a real astronomical implementation) and cached. Conversions are then
 * table lookups, fast enough to scan every day of a month for 150,000 anniversaries.
 *
 * Dates are `YYYY-MM-DD` strings; internally, whole days since 1970-01-01 ("epoch days").
 */
export interface LunarMonthSpan {
  readonly year: number;
  readonly month: number;
  readonly leap: boolean;
  /** Epoch day of the month's first day. */
  readonly start: number;
  readonly days: number;
}

export interface LunarDate {
  readonly year: number;
  readonly month: number;
  readonly leap: boolean;
  readonly day: number;
  /** The length of that month (29 or 30). */
  readonly monthDays: number;
}

const msPerDay = 86_400_000;
// lunar-typescript gives a month's first day as a Julian day number (noon-based): the day
// starting at 1970-01-01T00:00Z is Julian day 2440588.
const julianDayOfEpoch = 2440588;

export function epochDay(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / msPerDay
  );
}

export function dateOfEpochDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDay(date) + days);
}

const years = new Map<number, readonly LunarMonthSpan[]>();

/** The months of lunar year `year`, in order. */
export function lunarYearMonths(year: number): readonly LunarMonthSpan[] {
  let months = years.get(year);
  if (!months) {
    months = LunarYear.fromYear(year)
      .getMonthsInYear()
      .map((month) => ({
        year,
        month: Math.abs(month.getMonth()),
        leap: month.getMonth() < 0,
        start: Math.floor(month.getFirstJulianDay() + 0.5) - julianDayOfEpoch,
        days: month.getDayCount(),
      }));
    years.set(year, months);
  }
  return months;
}

/** The leap month of a lunar year (1–12), or 0 when it has none. */
export function leapMonthOf(year: number): number {
  return lunarYearMonths(year).find((month) => month.leap)?.month ?? 0;
}

/** The month span, or undefined when that year has no such month (a leap month it lacks). */
export function lunarMonth(year: number, month: number, leap: boolean): LunarMonthSpan | undefined {
  return lunarYearMonths(year).find((span) => span.month === month && span.leap === leap);
}

/** The Gregorian date of a lunar date; the day must exist in that month. */
export function solarOfLunar(year: number, month: number, leap: boolean, day: number): string {
  const span = lunarMonth(year, month, leap);
  if (!span || day < 1 || day > span.days) {
    throw new RangeError(`no lunar date ${year}-${leap ? '闰' : ''}${month}-${day}`);
  }
  return dateOfEpochDay(span.start + day - 1);
}

/** The lunar date of a Gregorian date. */
export function lunarOfSolar(date: string): LunarDate {
  const day = epochDay(date);
  // A lunar year starts between Jan 21 and Feb 20: the date is in its Gregorian year's lunar
  // year or the one before.
  const gregorianYear = Number(date.slice(0, 4));
  for (const year of [gregorianYear, gregorianYear - 1]) {
    const months = lunarYearMonths(year);
    const first = months[0];
    if (!first || day < first.start) continue;
    for (let i = months.length - 1; i >= 0; i--) {
      const span = months[i];
      if (span && day >= span.start) {
        return { year, month: span.month, leap: span.leap, day: day - span.start + 1, monthDays: span.days };
      }
    }
  }
  throw new RangeError(`${date} is outside the lunar tables`);
}
