import { LunarYear } from 'lunar-typescript';
import { ruleProblem } from '../../shared/domain/anniversaryRule';
import type { Prng } from './random';

/**
 * Dates in the Chinese lunar calendar, drawn the way births fall: every day of the lunar year
 * equally likely, the leap month (闰月) included in the years that have one. A date drawn for a
 * year therefore always exists in that year (no 闰二月 in a year whose leap month is the sixth).
 */
export interface LunarDate {
  readonly month: number;
  readonly day: number;
  readonly leapMonth: boolean;
}

interface LunarYearTable {
  /** Month numbers in order, negative for the leap month (lunar-typescript's convention). */
  readonly months: Int8Array;
  /** Days in the year up to and including each month. */
  readonly cumulative: Uint16Array;
}

const tables = new Map<number, LunarYearTable>();

function tableOf(year: number): LunarYearTable {
  let table = tables.get(year);
  if (!table) {
    const months = LunarYear.fromYear(year).getMonthsInYear();
    const cumulative = new Uint16Array(months.length);
    let total = 0;
    months.forEach((month, i) => {
      total += month.getDayCount();
      cumulative[i] = total;
    });
    table = { months: Int8Array.from(months, (month) => month.getMonth()), cumulative };
    verify(year, table);
    tables.set(year, table);
  }
  return table;
}

/**
 * Checks the table against the domain's own rule check, month by month: the last day exists,
 * the day after does not. Done once per year, while lunar-typescript still caches that year
 * (it keeps one), so later draws can trust the table instead of costly per-row checks.
 */
function verify(year: number, table: LunarYearTable): void {
  table.months.forEach((signed, i) => {
    const days = (table.cumulative[i] ?? 0) - (table.cumulative[i - 1] ?? 0);
    const rule = { calendar: 'lunar', month: Math.abs(signed), leapMonth: signed < 0, year } as const;
    const last = ruleProblem({ ...rule, day: days });
    const after = days < 30 ? ruleProblem({ ...rule, day: days + 1 }) : 'lunar_day_missing_in_year';
    if (last !== null || after !== 'lunar_day_missing_in_year') {
      throw new Error(`lunar table disagrees with ruleProblem for ${year}/${signed}: ${last}, ${after}`);
    }
  });
}

/** Days in a lunar month of `year` (its leap month when `leapMonth`); 0 when there is none. */
export function lunarMonthDays(year: number, month: number, leapMonth: boolean): number {
  const { months, cumulative } = tableOf(year);
  const i = months.indexOf(leapMonth ? -month : month);
  return i < 0 ? 0 : (cumulative[i] ?? 0) - (cumulative[i - 1] ?? 0);
}

/** A day of lunar year `year`. */
export function lunarDateIn(year: number, prng: Prng): LunarDate {
  const { months, cumulative } = tableOf(year);
  const total = cumulative[cumulative.length - 1] ?? 354;
  const dayOfYear = prng.int(total);
  let i = 0;
  while ((cumulative[i] ?? total) <= dayOfYear) i++;
  const month = months[i] ?? 1;
  return { month: Math.abs(month), day: dayOfYear - (cumulative[i - 1] ?? 0) + 1, leapMonth: month < 0 };
}

/** The leap month of `year` (0 when none). */
export function leapMonthOf(year: number): number {
  let leap = 0;
  for (const month of tableOf(year).months) if (month < 0) leap = -month;
  return leap;
}

/** A day in the leap month of the year nearest `year` that has one (they recur every 2–3 years). */
export function leapMonthDateNear(year: number, prng: Prng): { year: number; date: LunarDate } {
  for (let distance = 0; distance < 8; distance++) {
    for (const candidate of [year - distance, year + distance]) {
      const leap = leapMonthOf(candidate);
      if (leap === 0) continue;
      const { months, cumulative } = tableOf(candidate);
      const i = months.indexOf(-leap);
      const days = (cumulative[i] ?? 0) - (cumulative[i - 1] ?? 0);
      return { year: candidate, date: { month: leap, day: 1 + prng.int(days), leapMonth: true } };
    }
  }
  return { year, date: lunarDateIn(year, prng) };
}
