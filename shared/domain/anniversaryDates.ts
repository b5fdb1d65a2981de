import { Lunar, LunarMonth, LunarYear, Solar } from 'lunar-typescript';
import type { AnniversaryRule } from './anniversaryRule';

/**
 * When an anniversary rule next falls, as a Gregorian date (`YYYY-MM-DD`):
 * - Feb 29 falls on Feb 28 in common years;
 * - a lunar rule on 闰N月 falls on the leap month N where that year has one, else on month N;
 *   a rule on the ordinary month N always uses the ordinary month;
 * - lunar day 30 in a 29-day month falls on day 29.
 * With a known year it also says which anniversary (or age) that is.
 */
export interface Occurrence {
  readonly date: string;
  /** Years since the rule's year (age, Nth anniversary); null when the year is unknown. */
  readonly years: number | null;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The Gregorian date of the rule in Gregorian year `year`. */
function gregorianIn(rule: AnniversaryRule, year: number): string {
  const day = rule.month === 2 && rule.day === 29 && !isLeapYear(year) ? 28 : rule.day;
  return `${year}-${pad(rule.month)}-${pad(day)}`;
}

/** The Gregorian date of the rule in lunar year `year`. */
function lunarIn(rule: AnniversaryRule, year: number): string {
  const leap = rule.leapMonth && LunarYear.fromYear(year).getLeapMonth() === rule.month;
  const month = leap ? -rule.month : rule.month;
  const days = LunarMonth.fromYm(year, month)?.getDayCount() ?? 29;
  return Lunar.fromYmd(year, month, Math.min(rule.day, days)).getSolar().toYmd();
}

/** The first date on or after `from` (`YYYY-MM-DD`) on which the rule falls. */
export function nextOccurrence(rule: AnniversaryRule, from: string): Occurrence {
  const fromYear = Number(from.slice(0, 4));
  // A lunar year starts in late January or February: the one in progress may still hold it.
  const startYear =
    rule.calendar === 'lunar'
      ? Solar.fromYmd(fromYear, Number(from.slice(5, 7)), Number(from.slice(8, 10)))
          .getLunar()
          .getYear()
      : fromYear;
  // A dated event (a contract signed next spring) first falls on its own date.
  const firstYear = Math.max(startYear, rule.year ?? startYear);
  for (let year = firstYear; year <= firstYear + 2; year++) {
    const date = rule.calendar === 'lunar' ? lunarIn(rule, year) : gregorianIn(rule, year);
    if (date >= from) return { date, years: rule.year === null ? null : year - rule.year };
  }
  throw new Error(`no occurrence of ${JSON.stringify(rule)} after ${from}`);
}
