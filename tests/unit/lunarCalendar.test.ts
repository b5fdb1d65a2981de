import fc from 'fast-check';
import { Lunar, LunarMonth, LunarYear, Solar, SolarUtil } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { nextOccurrence, occurrenceIn, ruleKeysOn } from '../../shared/domain/anniversaryDates';
import type { AnniversaryRule } from '../../shared/domain/anniversaryRule';
import {
  addDays,
  dateOfEpochDay,
  epochDay,
  leapMonthOf,
  lunarMonth,
  lunarOfSolar,
  lunarYearMonths,
  solarOfLunar,
} from '../../shared/domain/lunarCalendar';

/*
 * The month tables against lunar-typescript's own API (Lunar.fromYmd with a negative month for
 * the leap month, Solar.getLunar, LunarYear.getLeapMonth, LunarMonth.getDayCount): every fact
 * below is asked of the library first, then of the tables.
 */

const msPerDay = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / msPerDay;
const dateOf = (day: number) => new Date(day * msPerDay).toISOString().slice(0, 10);
const ymd = (date: string) => date.split('-').map(Number) as [number, number, number];

/** Gregorian date of a lunar date per the library (negative month: the leap month). */
const solarOf = (year: number, month: number, day: number) =>
  Lunar.fromYmd(year, month, day).getSolar().toYmd();
const referenceDays = (year: number, month: number) => LunarMonth.fromYm(year, month)?.getDayCount();
const referenceLeap = (year: number) => LunarYear.fromYear(year).getLeapMonth();

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
const gregorian = (month: number, day: number, year: number | null = null): AnniversaryRule => ({
  calendar: 'gregorian',
  month,
  day,
  leapMonth: false,
  year,
});
const keyStrings = (date: string) =>
  ruleKeysOn(date).map((key) => `${key.calendar}:${key.leapMonth ? '闰' : ''}${key.month}-${key.day}`);

describe('leap months: 2020 闰四月, 2023 闰二月, 2025 闰六月', () => {
  const cases = [
    { year: 2020, leap: 4, first: '2020-05-23' },
    { year: 2023, leap: 2, first: '2023-03-22' },
    { year: 2025, leap: 6, first: '2025-07-25' },
  ] as const;

  it('are the leap months lunar-typescript knows, with the first days it gives', () => {
    for (const { year, leap, first } of cases) {
      expect(referenceLeap(year), String(year)).toBe(leap);
      expect(solarOf(year, -leap, 1), String(year)).toBe(first);
    }
  });

  it.each(cases)('$year: leapMonthOf, first day and length of 闰$leap月', ({ year, leap, first }) => {
    expect(leapMonthOf(year)).toBe(leap);
    const span = lunarMonth(year, leap, true);
    expect(span && dateOfEpochDay(span.start)).toBe(first);
    expect(span?.days).toBe(referenceDays(year, -leap));
    // The leap month directly follows the ordinary month of the same number.
    const ordinary = lunarMonth(year, leap, false);
    expect(ordinary && dateOfEpochDay(ordinary.start)).toBe(solarOf(year, leap, 1));
    expect(ordinary && ordinary.start + ordinary.days).toBe(span?.start);
    expect(lunarOfSolar(first)).toEqual({
      year,
      month: leap,
      leap: true,
      day: 1,
      monthDays: referenceDays(year, -leap),
    });
    expect(solarOfLunar(year, leap, true, 1)).toBe(first);
  });

  it.each(cases)(
    '$year: a 闰$leap月 rule falls on the leap month, on the ordinary month around it',
    ({ year, leap }) => {
      for (const day of [1, 15, 29]) {
        expect(nextOccurrence(lunar(leap, day, true), `${year}-01-01`).date).toBe(solarOf(year, -leap, day));
        // The ordinary-month rule stays on the ordinary month even in the leap year.
        expect(occurrenceIn(lunar(leap, day), year)).toBe(solarOf(year, leap, day));
        for (const around of [year - 2, year - 1, year + 1, year + 2]) {
          expect(referenceLeap(around), String(around)).not.toBe(leap);
          expect(occurrenceIn(lunar(leap, day, true), around), `${around}`).toBe(solarOf(around, leap, day));
        }
      }
    },
  );

  it.each(cases)('$year: day 30 of 闰$leap月 falls on its last day', ({ year, leap }) => {
    const days = referenceDays(year, -leap) ?? 0;
    expect(occurrenceIn(lunar(leap, 30, true), year)).toBe(solarOf(year, -leap, days));
  });

  it('has leap months exactly where lunar-typescript does, 1901–2099', () => {
    const mismatches: string[] = [];
    for (let year = 1901; year <= 2099; year++) {
      const leap = referenceLeap(year);
      if (leapMonthOf(year) !== leap) mismatches.push(`${year}: ${leapMonthOf(year)} ≠ ${leap}`);
      const months = lunarYearMonths(year);
      if (months.length !== (leap ? 13 : 12)) mismatches.push(`${year}: ${months.length} months`);
      // Months are in order, back to back, 29 or 30 days long.
      months.forEach((span, i) => {
        const next = months[i + 1];
        if (span.days !== 29 && span.days !== 30) mismatches.push(`${year}/${span.month}: ${span.days} days`);
        if (next && span.start + span.days !== next.start) mismatches.push(`${year}/${span.month}: gap`);
      });
      const last = months.at(-1);
      const nextFirst = lunarYearMonths(year + 1)[0];
      if (!last || !nextFirst || last.start + last.days !== nextFirst.start)
        mismatches.push(`${year}: year gap`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('day 30 in 29-day months', () => {
  /** Every 29-day ordinary month of lunar 2024–2026, per the library. */
  const shortMonths = [2024, 2025, 2026].flatMap((year) =>
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
      .filter((month) => referenceDays(year, month) === 29)
      .map((month) => ({ year, month })),
  );

  it('exist (lunar-typescript finds some)', () => {
    expect(shortMonths.length).toBeGreaterThan(10);
    // Known example, also used in anniversaryDates.test.ts: lunar 2026 八月.
    expect(shortMonths).toContainEqual({ year: 2026, month: 8 });
  });

  it('put a day-30 rule on day 29, which then carries both keys', () => {
    for (const { year, month } of shortMonths) {
      const day29 = solarOf(year, month, 29);
      expect(lunarMonth(year, month, false)?.days).toBe(29);
      expect(occurrenceIn(lunar(month, 30), year)).toBe(day29);
      expect(nextOccurrence(lunar(month, 30, false, year - 30), solarOf(year, month, 1))).toEqual({
        date: day29,
        years: 30,
      });
      expect(keyStrings(day29)).toEqual(expect.arrayContaining([`lunar:${month}-29`, `lunar:${month}-30`]));
      expect(() => solarOfLunar(year, month, false, 30)).toThrow(RangeError);
    }
  });

  it('put a day-30 rule on day 30 in 30-day months, and day 29 carries only its own key', () => {
    for (const year of [2024, 2025, 2026]) {
      for (let month = 1; month <= 12; month++) {
        if (referenceDays(year, month) !== 30) continue;
        expect(occurrenceIn(lunar(month, 30), year)).toBe(solarOf(year, month, 30));
        expect(keyStrings(solarOf(year, month, 29))).not.toContain(`lunar:${month}-30`);
      }
    }
  });
});

describe('lunar New Year', () => {
  it.each([
    [2020, '2020-01-25'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ] as const)('正月初一 %i is %s', (year, date) => {
    expect(solarOf(year, 1, 1)).toBe(date);
    expect(lunarOfSolar(date)).toMatchObject({ year, month: 1, leap: false, day: 1 });
    expect(solarOfLunar(year, 1, false, 1)).toBe(date);
    expect(dateOfEpochDay(lunarYearMonths(year)[0]?.start ?? NaN)).toBe(date);
    // The day before is the last day of 腊月 of the year before.
    const eve = addDays(date, -1);
    const lastDays = referenceDays(year - 1, 12);
    expect(lunarOfSolar(eve)).toEqual({
      year: year - 1,
      month: 12,
      leap: false,
      day: lastDays,
      monthDays: lastDays,
    });
    expect(nextOccurrence(lunar(1, 1), eve).date).toBe(date);
    expect(nextOccurrence(lunar(12, 30), eve).date).toBe(eve);
  });

  it('a 腊月 rule, from December, falls in that lunar year: late December or January/February', () => {
    let inNextGregorianYear = 0;
    for (let year = 2015; year <= 2030; year++) {
      for (const day of [1, 8, 23, 30]) {
        const next = nextOccurrence(lunar(12, day, false, 1990), `${year}-12-01`);
        const expected = solarOf(year, 12, Math.min(day, referenceDays(year, 12) ?? 0));
        expect(next, `${year} 腊月${day}`).toEqual({ date: expected, years: year - 1990 });
        expect([`${year}-12`, `${year + 1}-01`, `${year + 1}-02`]).toContain(expected.slice(0, 7));
        if (expected > `${year}-12-31`) inNextGregorianYear++;
      }
    }
    expect(inNextGregorianYear).toBeGreaterThan(40);
    // 腊月廿三 of lunar 2025 is 2026-02-10, counted in lunar 2025.
    expect(solarOf(2025, 12, 23)).toBe('2026-02-10');
    expect(nextOccurrence(lunar(12, 23, false, 2000), '2026-01-01')).toEqual({
      date: '2026-02-10',
      years: 25,
    });
  });

  it('a 正月 rule late in a Gregorian year falls in the next lunar year', () => {
    expect(nextOccurrence(lunar(1, 15, false, 2000), '2025-03-01')).toEqual({
      date: solarOf(2026, 1, 15),
      years: 26,
    });
  });
});

describe('Feb 29', () => {
  it.each([
    [1996, true],
    [2000, true],
    [2024, true],
    [2028, true],
    [1900, false],
    [2100, false],
    [2023, false],
  ] as const)('%i leap year: %s', (year, leap) => {
    expect(SolarUtil.isLeapYear(year)).toBe(leap);
    const expected = leap ? `${year}-02-29` : `${year}-02-28`;
    expect(occurrenceIn(gregorian(2, 29), year)).toBe(expected);
    expect(nextOccurrence(gregorian(2, 29), `${year}-01-01`).date).toBe(expected);
    // Born 1996-02-29: in a common year the birthday is kept on Feb 28; before 1996, in 1996.
    expect(nextOccurrence(gregorian(2, 29, 1996), `${year}-02-28`)).toEqual(
      year >= 1996 ? { date: expected, years: year - 1996 } : { date: '1996-02-29', years: 0 },
    );
    expect(keyStrings(`${year}-02-28`).includes('gregorian:2-29')).toBe(!leap);
    expect(occurrenceIn(gregorian(2, 28), year)).toBe(`${year}-02-28`);
    expect(occurrenceIn(gregorian(3, 1), year)).toBe(`${year}-03-01`);
    if (leap) expect(keyStrings(`${year}-02-29`)).toContain('gregorian:2-29');
  });
});

describe('conversions against lunar-typescript', () => {
  it('lunarOfSolar agrees with Solar.getLunar on every day of 1901–2099, and round-trips', () => {
    const mismatches: string[] = [];
    const monthDays = new Map<string, number | undefined>();
    for (let day = dayOf('1901-01-01'); day <= dayOf('2099-12-31'); day++) {
      const date = dateOf(day);
      const reference = Solar.fromYmd(...ymd(date)).getLunar();
      const actual = lunarOfSolar(date);
      const signed = actual.leap ? -actual.month : actual.month;
      if (
        actual.year !== reference.getYear() ||
        signed !== reference.getMonth() ||
        actual.day !== reference.getDay()
      ) {
        mismatches.push(`${date}: ${actual.year}/${signed}/${actual.day} ≠ ${reference.toString()}`);
      }
      // Only ask the library for a month's length once (a LunarYear is slow to build).
      const monthKey = `${actual.year}/${signed}`;
      if (!monthDays.has(monthKey)) monthDays.set(monthKey, referenceDays(actual.year, signed));
      if (actual.monthDays !== monthDays.get(monthKey)) mismatches.push(`${date}: ${actual.monthDays} days`);
      if (solarOfLunar(actual.year, actual.month, actual.leap, actual.day) !== date) {
        mismatches.push(`${date}: round trip`);
      }
      if (mismatches.length > 10) break;
    }
    expect(mismatches).toEqual([]);
  });

  it('solarOfLunar agrees with Lunar.fromYmd on every lunar day of 2019–2027', () => {
    const mismatches: string[] = [];
    for (let year = 2019; year <= 2027; year++) {
      for (const month of LunarYear.fromYear(year).getMonthsInYear()) {
        const signed = month.getMonth();
        for (let day = 1; day <= month.getDayCount(); day++) {
          const expected = solarOf(year, signed, day);
          const actual = solarOfLunar(year, Math.abs(signed), signed < 0, day);
          if (actual !== expected) mismatches.push(`${year}/${signed}/${day}: ${actual} ≠ ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('property: solarOfLunar agrees with Lunar.fromYmd, and rejects days the library lacks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1901, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 30 }),
        (year, month, leap, day) => {
          const exists = !leap || referenceLeap(year) === month;
          const days = exists ? (referenceDays(year, leap ? -month : month) ?? 0) : 0;
          if (day <= days) {
            const date = solarOfLunar(year, month, leap, day);
            expect(date).toBe(solarOf(year, leap ? -month : month, day));
            expect(lunarOfSolar(date)).toEqual({ year, month, leap, day, monthDays: days });
          } else {
            expect(() => solarOfLunar(year, month, leap, day)).toThrow(RangeError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('epoch days', () => {
  it('count from 1970-01-01', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('1969-12-31')).toBe(-1);
    expect(epochDay('2000-03-01') - epochDay('2000-02-28')).toBe(2);
    expect(epochDay('2100-03-01') - epochDay('2100-02-28')).toBe(1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('1950-01-01', -1)).toBe('1949-12-31');
  });

  it('property: dateOfEpochDay inverts epochDay, and addDays adds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayOf('1900-01-01'), max: dayOf('2100-12-31') }),
        fc.integer({ min: -1000, max: 1000 }),
        (day, offset) => {
          const date = dateOf(day);
          expect(epochDay(date)).toBe(day);
          expect(dateOfEpochDay(day)).toBe(date);
          expect(addDays(date, offset)).toBe(dateOf(day + offset));
        },
      ),
    );
  });
});
