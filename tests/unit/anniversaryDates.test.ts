import { Lunar, Solar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { nextOccurrence } from '../../shared/domain/anniversaryDates';
import type { AnniversaryRule } from '../../shared/domain/anniversaryRule';
import { dateOfEpochDay, epochDay, lunarOfSolar, solarOfLunar } from '../../shared/domain/lunarCalendar';

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
  leapMonth = false,
  year: number | null = null,
): AnniversaryRule => ({
  calendar: 'lunar',
  month,
  day,
  leapMonth,
  year,
});
const solarOf = (year: number, month: number, day: number) =>
  Lunar.fromYmd(year, month, day).getSolar().toYmd();

describe('nextOccurrence', () => {
  it('finds the next Gregorian date, today included', () => {
    expect(nextOccurrence(gregorian(5, 18), '2026-11-27')).toEqual({ date: '2027-05-18', years: null });
    expect(nextOccurrence(gregorian(11, 27), '2026-11-27').date).toBe('2026-11-27');
    expect(nextOccurrence(gregorian(12, 31, 2000), '2026-11-27')).toEqual({ date: '2026-12-31', years: 26 });
  });

  it('puts Feb 29 on Feb 28 in common years', () => {
    expect(nextOccurrence(gregorian(2, 29, 1988), '2026-01-01')).toEqual({ date: '2026-02-28', years: 38 });
    expect(nextOccurrence(gregorian(2, 29), '2028-01-01').date).toBe('2028-02-29');
  });

  it('finds lunar dates, across the lunar new year', () => {
    // 中秋: 2026-09-25, 2027-09-15.
    expect(nextOccurrence(lunar(8, 15), '2026-09-25').date).toBe('2026-09-25');
    expect(nextOccurrence(lunar(8, 15, false, 1978), '2026-11-27')).toEqual({
      date: '2027-09-15',
      years: 49,
    });
    // 腊月廿三 of lunar 2026 falls in February 2027, before that lunar year ends.
    expect(nextOccurrence(lunar(12, 23), '2027-01-05').date).toBe(solarOf(2026, 12, 23));
  });

  it('uses the leap month where the year has it, else the ordinary month', () => {
    expect(nextOccurrence(lunar(6, 1, true), '2025-01-01').date).toBe(solarOf(2025, -6, 1));
    expect(nextOccurrence(lunar(6, 1, true), '2026-01-01').date).toBe(solarOf(2026, 6, 1));
    // A rule on the ordinary month ignores the leap month.
    expect(nextOccurrence(lunar(6, 1), '2025-07-01').date).toBe(solarOf(2026, 6, 1));
  });

  it('puts day 30 on day 29 in a short month', () => {
    // Lunar 2026 八月 has 29 days.
    expect(nextOccurrence(lunar(8, 30), '2026-09-01').date).toBe(solarOf(2026, 8, 29));
  });

  it('starts a future dated event on its own date', () => {
    expect(nextOccurrence(gregorian(3, 1, 2028), '2026-11-27')).toEqual({ date: '2028-03-01', years: 0 });
  });
});

describe('lunar month tables', () => {
  it('agree with lunar-typescript day by day across a century', () => {
    for (let day = epochDay('1950-01-01'); day <= epochDay('2060-12-31'); day += 7) {
      const date = dateOfEpochDay(day);
      const [year, month, dom] = date.split('-').map(Number) as [number, number, number];
      const reference = Solar.fromYmd(year, month, dom).getLunar();
      const lunar = lunarOfSolar(date);
      expect([lunar.year, lunar.leap ? -lunar.month : lunar.month, lunar.day], date).toEqual([
        reference.getYear(),
        reference.getMonth(),
        reference.getDay(),
      ]);
      expect(solarOfLunar(lunar.year, lunar.month, lunar.leap, lunar.day)).toBe(date);
    }
  });
});
