import { leapMonthOf, lunarMonth } from './lunarCalendar';

/**
 * An anniversary is a rule, not a date: "lunar 8th month, 15th day" recurs every year. A year,
 * when known, gives ages and Nth anniversaries. This module says whether a rule can exist;
 * when it falls in a given year is the reminders' business.
 */
export type Calendar = 'gregorian' | 'lunar';

export interface AnniversaryRule {
  readonly calendar: Calendar;
  readonly month: number;
  readonly day: number;
  /** Lunar only: the rule is on the leap month (闰月) of `month`. */
  readonly leapMonth: boolean;
  readonly year: number | null;
}

/** Why a rule cannot exist, as a stable reason key; `null` when it is fine. */
export type RuleProblem =
  | 'gregorian_day_out_of_range'
  | 'gregorian_leap_flag'
  | 'gregorian_date_missing_in_year'
  | 'lunar_day_out_of_range'
  | 'lunar_leap_month_missing_in_year'
  | 'lunar_day_missing_in_year';

const gregorianDaysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function ruleProblem(rule: AnniversaryRule): RuleProblem | null {
  if (rule.calendar === 'gregorian') {
    if (rule.leapMonth) return 'gregorian_leap_flag';
    const maxDay = gregorianDaysInMonth[rule.month - 1] ?? 0;
    if (rule.day > maxDay) return 'gregorian_day_out_of_range';
    if (rule.year !== null && rule.month === 2 && rule.day === 29 && !isLeapYear(rule.year))
      return 'gregorian_date_missing_in_year';
    return null;
  }
  if (rule.day > 30) return 'lunar_day_out_of_range';
  if (rule.year === null) return null;
  if (rule.leapMonth && leapMonthOf(rule.year) !== rule.month) return 'lunar_leap_month_missing_in_year';
  const month = lunarMonth(rule.year, rule.month, rule.leapMonth);
  if (!month || rule.day > month.days) return 'lunar_day_missing_in_year';
  return null;
}
