import fc from 'fast-check';
import { LunarMonth, LunarYear } from 'lunar-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleProblem, type AnniversaryRule } from '../../shared/domain/anniversaryRule';

const gregorian = (month: number, day: number, year: number | null = null): AnniversaryRule => ({
  calendar: 'gregorian',
  month,
  day,
  leapMonth: false,
  year,
});
const lunar = (
  month: number,
  day: number,
  year: number | null = null,
  leapMonth = false,
): AnniversaryRule => ({
  calendar: 'lunar',
  month,
  day,
  leapMonth,
  year,
});

/** Days in a lunar month according to the library (negative month: the leap month). */
const lunarDays = (year: number, month: number) => LunarMonth.fromYm(year, month)?.getDayCount() ?? 0;

describe('gregorian rules', () => {
  it('accepts Feb 29 without a year and in leap years only', () => {
    expect(ruleProblem(gregorian(2, 29))).toBeNull();
    expect(ruleProblem(gregorian(2, 29, 2024))).toBeNull();
    expect(ruleProblem(gregorian(2, 29, 2000))).toBeNull();
    expect(ruleProblem(gregorian(2, 29, 2023))).toBe('gregorian_date_missing_in_year');
    expect(ruleProblem(gregorian(2, 29, 1900))).toBe('gregorian_date_missing_in_year');
  });

  it('rejects days a month never has', () => {
    expect(ruleProblem(gregorian(4, 31))).toBe('gregorian_day_out_of_range');
    expect(ruleProblem(gregorian(2, 30))).toBe('gregorian_day_out_of_range');
    expect(ruleProblem(gregorian(11, 31, 2026))).toBe('gregorian_day_out_of_range');
    expect(ruleProblem(gregorian(12, 31, 2026))).toBeNull();
  });

  it('rejects a leap-month flag', () => {
    expect(ruleProblem({ ...gregorian(5, 1), leapMonth: true })).toBe('gregorian_leap_flag');
  });

  it('property: with a year, a rule is fine exactly when the date exists', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const date = new Date(Date.UTC(year, month - 1, day));
          const exists = date.getUTCMonth() === month - 1;
          expect(ruleProblem(gregorian(month, day, year)) === null).toBe(exists);
        },
      ),
    );
  });
});

describe('lunar rules', () => {
  /** The facts the tests rely on, checked against the library rather than trusted. */
  const leapMonths = new Map<number, number>();
  beforeAll(() => {
    for (const year of [2020, 2023, 2024, 2025])
      leapMonths.set(year, LunarYear.fromYear(year).getLeapMonth());
  });

  it('knows 2020 闰四月, 2023 闰二月, 2025 闰六月 and no leap month in 2024', () => {
    expect(Object.fromEntries(leapMonths)).toEqual({ 2020: 4, 2023: 2, 2024: 0, 2025: 6 });
  });

  it('accepts a leap month in a year that has it, and rejects it in others', () => {
    for (const [year, leap] of leapMonths) {
      if (leap === 0) continue;
      expect(ruleProblem(lunar(leap, 1, year, true))).toBeNull();
      expect(ruleProblem(lunar(leap === 12 ? 1 : leap + 1, 1, year, true))).toBe(
        'lunar_leap_month_missing_in_year',
      );
    }
    expect(ruleProblem(lunar(2, 1, 2024, true))).toBe('lunar_leap_month_missing_in_year');
  });

  it('accepts a leap month without a year (it falls on the ordinary month in other years)', () => {
    expect(ruleProblem(lunar(2, 15, null, true))).toBeNull();
    expect(ruleProblem(lunar(11, 30, null, true))).toBeNull();
  });

  it('rejects day 30 of a 29-day month when the year is given, and accepts it without one', () => {
    const year = 2025;
    const shortMonth = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].find((month) => lunarDays(year, month) === 29);
    const longMonth = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].find((month) => lunarDays(year, month) === 30);
    if (shortMonth === undefined || longMonth === undefined) throw new Error('2025 has both month lengths');
    expect(ruleProblem(lunar(shortMonth, 30, year))).toBe('lunar_day_missing_in_year');
    expect(ruleProblem(lunar(shortMonth, 29, year))).toBeNull();
    expect(ruleProblem(lunar(shortMonth, 30))).toBeNull();
    expect(ruleProblem(lunar(longMonth, 30, year))).toBeNull();
  });

  it('checks the day against the leap month’s own length', () => {
    const leap = leapMonths.get(2023) ?? 0;
    const days = lunarDays(2023, -leap);
    expect(days === 29 || days === 30).toBe(true);
    expect(ruleProblem(lunar(leap, 30, 2023, true))).toBe(days === 30 ? null : 'lunar_day_missing_in_year');
  });

  it('rejects day 31 in any lunar month', () => {
    expect(ruleProblem(lunar(1, 31))).toBe('lunar_day_out_of_range');
    expect(ruleProblem(lunar(1, 31, 2025))).toBe('lunar_day_out_of_range');
  });

  it('property: with a year, a lunar day is fine exactly when the library has it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1901, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 28, max: 30 }),
        fc.boolean(),
        (year, month, day, leapMonth) => {
          const hasLeap = LunarYear.fromYear(year).getLeapMonth() === month;
          const days = leapMonth ? (hasLeap ? lunarDays(year, -month) : 0) : lunarDays(year, month);
          const expected =
            leapMonth && !hasLeap
              ? 'lunar_leap_month_missing_in_year'
              : day <= days
                ? null
                : 'lunar_day_missing_in_year';
          expect(ruleProblem(lunar(month, day, year, leapMonth))).toBe(expected);
        },
      ),
    );
  });
});
