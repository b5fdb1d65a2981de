import type { AnniversaryRule } from './anniversaryRule';
import { leapMonthOf, lunarMonth, lunarOfSolar, solarOfLunar } from './lunarCalendar';

/**
 * When an anniversary rule falls, as Gregorian dates (`YYYY-MM-DD`):
 * - Feb 29 falls on Feb 28 in common years;
 * - a lunar rule on 闰N月 falls on the leap month N where that year has one, else on month N;
 *   a rule on the ordinary month N always uses the ordinary month;
 * - lunar day 30 in a 29-day month falls on day 29;
 * - a rule with a year first falls in that year (a contract signed next spring).
 * With a known year, each occurrence says which anniversary (or age) it is, counted in the
 * rule's own calendar.
 */
export interface Occurrence {
  readonly date: string;
  /** Years since the rule's year (age, Nth anniversary); null when the year is unknown. */
  readonly years: number | null;
}

export type RuleKey = Pick<AnniversaryRule, 'calendar' | 'month' | 'day' | 'leapMonth'>;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The date of the rule in year `year` of its own calendar. */
export function occurrenceIn(rule: RuleKey, year: number): string {
  if (rule.calendar === 'gregorian') {
    const day = rule.month === 2 && rule.day === 29 && !isLeapYear(year) ? 28 : rule.day;
    return `${year}-${pad(rule.month)}-${pad(day)}`;
  }
  const leap = rule.leapMonth && leapMonthOf(year) === rule.month;
  const days = lunarMonth(year, rule.month, leap)?.days ?? 29;
  return solarOfLunar(year, rule.month, leap, Math.min(rule.day, days));
}

/** The year, in the rule's calendar, that `date` falls in. */
function calendarYearOf(rule: RuleKey, date: string): number {
  return rule.calendar === 'lunar' ? lunarOfSolar(date).year : Number(date.slice(0, 4));
}

function occurrence(rule: AnniversaryRule, year: number): Occurrence {
  return { date: occurrenceIn(rule, year), years: rule.year === null ? null : year - rule.year };
}

/** The first date on or after `from` on which the rule falls. */
export function nextOccurrence(rule: AnniversaryRule, from: string): Occurrence {
  const firstYear = Math.max(calendarYearOf(rule, from), rule.year ?? -Infinity);
  for (let year = firstYear; year <= firstYear + 2; year++) {
    const next = occurrence(rule, year);
    if (next.date >= from) return next;
  }
  throw new Error(`no occurrence of ${JSON.stringify(rule)} after ${from}`);
}

/** Every date from `from` to `to` (both included) on which the rule falls, in order. */
export function occurrencesBetween(rule: AnniversaryRule, from: string, to: string): Occurrence[] {
  const found: Occurrence[] = [];
  const firstYear = Math.max(calendarYearOf(rule, from), rule.year ?? -Infinity);
  const lastYear = calendarYearOf(rule, to);
  for (let year = firstYear; year <= lastYear; year++) {
    const next = occurrence(rule, year);
    if (next.date >= from && next.date <= to) found.push(next);
  }
  return found;
}

/**
 * Every rule that falls on `date` — the reverse of `nextOccurrence`, so a day (or a month of
 * days) can be looked up in an index on (calendar, month, day, leap) instead of computing
 * 150,000 rules.
 */
export function ruleKeysOn(date: string): RuleKey[] {
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const keys: RuleKey[] = [{ calendar: 'gregorian', month, day, leapMonth: false }];
  if (month === 2 && day === 28 && !isLeapYear(Number(date.slice(0, 4)))) {
    keys.push({ calendar: 'gregorian', month: 2, day: 29, leapMonth: false });
  }
  const lunar = lunarOfSolar(date);
  const days = lunar.day === 29 && lunar.monthDays === 29 ? [29, 30] : [lunar.day];
  // On a leap month fall its own rules; on an ordinary month, its rules and, when the year
  // has no leap month of that number, the leap rules that fall back to it.
  const leapFlags = lunar.leap ? [true] : leapMonthOf(lunar.year) === lunar.month ? [false] : [false, true];
  for (const leapMonth of leapFlags) {
    for (const lunarDay of days)
      keys.push({ calendar: 'lunar', month: lunar.month, day: lunarDay, leapMonth });
  }
  return keys;
}

/** Round years (10th, 20th … 60th birthday 花甲, 80th) deserve more than a message. */
export function isMilestone(years: number | null): boolean {
  return years !== null && years > 0 && years % 10 === 0;
}
