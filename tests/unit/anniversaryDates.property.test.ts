import fc from 'fast-check';
import { Lunar, LunarMonth, LunarYear, Solar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import {
  isMilestone,
  nextOccurrence,
  occurrenceIn,
  occurrencesBetween,
  ruleKeysOn,
  type Occurrence,
  type RuleKey,
} from '../../shared/domain/anniversaryDates';
import { ruleProblem, type AnniversaryRule } from '../../shared/domain/anniversaryRule';

/*
 * Every expectation here is computed independently of shared/domain: Gregorian facts with
 * Date, lunar facts with lunar-typescript's own Lunar / Solar / LunarYear / LunarMonth (the
 * reference the month tables are cached from), never with the tables themselves.
 */

const msPerDay = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / msPerDay;
const dateOf = (day: number) => new Date(day * msPerDay).toISOString().slice(0, 10);
const nextDay = (date: string) => dateOf(dayOf(date) + 1);
const ymd = (date: string) => date.split('-').map(Number) as [number, number, number];

const isGregorianLeapYear = (year: number) => new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
const gregorianDays = (month: number) => new Date(Date.UTC(2000, month, 0)).getUTCDate();

interface ReferenceYear {
  readonly leapMonth: number;
  /** By month (negative: the leap month): its first day and its length. */
  readonly months: ReadonlyMap<number, { readonly first: string; readonly days: number }>;
}

const referenceYears = new Map<number, ReferenceYear>();
/**
 * A lunar year per lunar-typescript's public API — LunarYear.getLeapMonth,
 * LunarMonth.fromYm(…).getDayCount, Lunar.fromYmd(…, 1).getSolar — gathered one year at a
 * time because the library caches a single LunarYear and is slow (~1 ms) on a miss.
 */
function referenceYear(year: number): ReferenceYear {
  let reference = referenceYears.get(year);
  if (!reference) {
    const leapMonth = LunarYear.fromYear(year).getLeapMonth();
    const months = new Map<number, { first: string; days: number }>();
    for (let month = 1; month <= 12; month++) {
      for (const signed of month === leapMonth ? [month, -month] : [month]) {
        const days = LunarMonth.fromYm(year, signed)?.getDayCount();
        if (days === undefined) throw new Error(`lunar-typescript has no month ${year}/${signed}`);
        months.set(signed, { first: Lunar.fromYmd(year, signed, 1).getSolar().toYmd(), days });
      }
    }
    reference = { leapMonth, months };
    referenceYears.set(year, reference);
  }
  return reference;
}

const referenceLeapMonth = (year: number) => referenceYear(year).leapMonth;

/** The lunar year of a Gregorian date: the Gregorian year, or the one before until 正月初一. */
function referenceLunarYear(date: string): number {
  const year = ymd(date)[0];
  return date >= (referenceYear(year).months.get(1)?.first ?? '') ? year : year - 1;
}

/** The year, in the rule's own calendar, of a Gregorian date. */
const referenceYearOf = (rule: RuleKey, date: string) =>
  rule.calendar === 'lunar' ? referenceLunarYear(date) : ymd(date)[0];

/**
 * Where the rule falls in `year` of its calendar, from the documented rules: Feb 29 on Feb 28
 * in common years; 闰N月 on the leap month where the year has it, else month N; day 30 on 29.
 */
function expectedIn(rule: RuleKey, year: number): string {
  if (rule.calendar === 'gregorian') {
    const day = rule.month === 2 && rule.day === 29 && !isGregorianLeapYear(year) ? 28 : rule.day;
    return dateOf(Date.UTC(year, rule.month - 1, day) / msPerDay);
  }
  const reference = referenceYear(year);
  const signed = rule.leapMonth && reference.leapMonth === rule.month ? -rule.month : rule.month;
  const month = reference.months.get(signed);
  if (!month) throw new Error(`lunar-typescript has no month ${year}/${signed}`);
  return dateOf(dayOf(month.first) + Math.min(rule.day, month.days) - 1);
}

/** The first date on or after `from` the rule falls on, by trying the next few years. */
function expectedNext(rule: AnniversaryRule, from: string): Occurrence {
  const fromYear = referenceYearOf(rule, from);
  const firstYear = Math.max(fromYear - 1, rule.year ?? -Infinity);
  for (let year = firstYear; year <= firstYear + 3; year++) {
    const date = expectedIn(rule, year);
    if (date >= from) return { date, years: rule.year === null ? null : year - rule.year };
  }
  throw new Error('unreachable: a rule falls every year');
}

function keyOf(rule: RuleKey): string {
  return `${rule.calendar}:${rule.leapMonth ? '闰' : ''}${rule.month}-${rule.day}`;
}
const keysOn = (date: string) => ruleKeysOn(date).map(keyOf);
const withoutYear = (rule: RuleKey): AnniversaryRule => ({ ...rule, year: null });

// Arbitraries. Rule years span 1900–2100 so some rules lie in the future of `from`.
const fromDay = fc.integer({ min: dayOf('1950-01-01'), max: dayOf('2090-12-31') }).map(dateOf);
const ruleYear = fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: null, freq: 2 });

const gregorianRule: fc.Arbitrary<AnniversaryRule> = fc.integer({ min: 1, max: 12 }).chain((month) =>
  fc.record({
    calendar: fc.constant('gregorian' as const),
    month: fc.constant(month),
    day:
      month === 2
        ? fc.oneof(fc.integer({ min: 1, max: 29 }), fc.constant(29))
        : fc.integer({ min: 1, max: gregorianDays(month) }),
    leapMonth: fc.constant(false),
    year: ruleYear,
  }),
);

const lunarRule: fc.Arbitrary<AnniversaryRule> = fc.record({
  calendar: fc.constant('lunar' as const),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constantFrom(1, 29, 30)),
  leapMonth: fc.boolean(),
  year: ruleYear,
});

/**
 * Rules on a leap month that really existed (a birthday in 闰四月 2020): random rules alone
 * would rarely give a leap-month rule whose year has that leap month.
 */
const leapYears = Array.from({ length: 201 }, (_, i) => 1900 + i).filter((y) => referenceLeapMonth(y) > 0);
const realLunarRule: fc.Arbitrary<AnniversaryRule> = fc
  .tuple(fc.constantFrom(...leapYears), fc.integer({ min: 1, max: 30 }), fc.boolean())
  .map(([year, day, withYear]) => {
    const month = referenceLeapMonth(year);
    const days = referenceYear(year).months.get(-month)?.days ?? 29;
    return {
      calendar: 'lunar',
      month,
      day: Math.min(day, days),
      leapMonth: true,
      year: withYear ? year : null,
    };
  });

const anyRule = fc.oneof(
  { arbitrary: gregorianRule, weight: 2 },
  { arbitrary: lunarRule, weight: 3 },
  { arbitrary: realLunarRule, weight: 1 },
);

describe('the reference helpers', () => {
  it('put a lunar day where Lunar.fromYmd does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), lunarRule, (year, rule) => {
        const leap = rule.leapMonth && LunarYear.fromYear(year).getLeapMonth() === rule.month;
        const days = LunarMonth.fromYm(year, leap ? -rule.month : rule.month)?.getDayCount() ?? 0;
        const day = Math.min(rule.day, days);
        expect(expectedIn(rule, year)).toBe(
          Lunar.fromYmd(year, leap ? -rule.month : rule.month, day)
            .getSolar()
            .toYmd(),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('find the lunar year as Solar.getLunar does', () => {
    fc.assert(
      fc.property(fromDay, (date) => {
        expect(referenceLunarYear(date)).toBe(
          Solar.fromYmd(...ymd(date))
            .getLunar()
            .getYear(),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('nextOccurrence, property', () => {
  it('is on or after from, falls where the reference puts the rule that year, and carries the rule key', () => {
    fc.assert(
      fc.property(anyRule, fromDay, (rule, from) => {
        const next = nextOccurrence(rule, from);
        expect(next.date >= from).toBe(true);
        expect(keysOn(next.date)).toContain(keyOf(rule));
        expect(next.date).toBe(expectedIn(rule, referenceYearOf(rule, next.date)));
      }),
      { numRuns: 1000 },
    );
  });

  it('is the earliest such date: no day from `from` up to it carries the rule', () => {
    fc.assert(
      fc.property(anyRule, fromDay, (rule, from) => {
        const next = nextOccurrence(rule, from);
        expect(next).toEqual(expectedNext(rule, from));
        // A rule recurs within 385 days (a leap year's 13 months); only a future year is further.
        const gap = dayOf(next.date) - dayOf(from);
        if (rule.year === null || rule.year < referenceYearOf(rule, from)) expect(gap).toBeLessThan(385);
        if (gap > 385) return;
        const earlier: string[] = [];
        for (let day = from; day < next.date; day = nextDay(day)) {
          // Before its own year a dated rule does not fall yet.
          if (rule.year !== null && referenceYearOf(rule, day) < rule.year) continue;
          if (keysOn(day).includes(keyOf(rule))) earlier.push(day);
        }
        expect(earlier, `days before ${next.date} that carry ${keyOf(rule)}`).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('counts years in the rule’s own calendar, never negative; a future rule first falls in its own year', () => {
    fc.assert(
      fc.property(anyRule, fromDay, (rule, from) => {
        const next = nextOccurrence(rule, from);
        if (rule.year === null) {
          expect(next.years).toBeNull();
          return;
        }
        const year = referenceYearOf(rule, next.date);
        expect(next.years).toBe(year - rule.year);
        expect(next.years).toBeGreaterThanOrEqual(0);
        // A rule dated in the future (or later this year) first falls on its own date.
        if (expectedIn(rule, rule.year) >= from) {
          expect(year).toBe(rule.year);
          expect(next.date).toBe(expectedIn(rule, rule.year));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a rule entered from a real date', () => {
  it('is valid, and falls on that date in its own year (years 0), in either calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayOf('1901-01-01'), max: dayOf('2099-12-31') }).map(dateOf), (date) => {
        const [year, month, day] = ymd(date);
        const reading = Solar.fromYmd(year, month, day).getLunar();
        const rules: AnniversaryRule[] = [
          { calendar: 'gregorian', month, day, leapMonth: false, year },
          {
            calendar: 'lunar',
            month: Math.abs(reading.getMonth()),
            day: reading.getDay(),
            leapMonth: reading.getMonth() < 0,
            year: reading.getYear(),
          },
        ];
        for (const rule of rules) {
          expect(ruleProblem(rule), keyOf(rule)).toBeNull();
          expect(nextOccurrence(rule, '1900-01-01'), keyOf(rule)).toEqual({ date, years: 0 });
          expect(nextOccurrence(rule, date), keyOf(rule)).toEqual({ date, years: 0 });
          expect(keysOn(date)).toContain(keyOf(rule));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('occurrencesBetween, property', () => {
  /** nextOccurrence, then again from the next day, until past `to`. */
  function iterated(rule: AnniversaryRule, from: string, to: string): Occurrence[] {
    const found: Occurrence[] = [];
    for (
      let next = nextOccurrence(rule, from);
      next.date <= to;
      next = nextOccurrence(rule, nextDay(next.date))
    ) {
      found.push(next);
    }
    return found;
  }

  it('equals iterating nextOccurrence from `from` to `to`', () => {
    fc.assert(
      fc.property(anyRule, fromDay, fc.integer({ min: 0, max: 3000 }), (rule, from, span) => {
        const to = dateOf(dayOf(from) + span);
        const between = occurrencesBetween(rule, from, to);
        expect(between).toEqual(iterated(rule, from, to));
        const expected = between.map((occurrence) => expectedNext(rule, occurrence.date));
        expect(between).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('is empty when `to` is before `from`, and holds `from` alone when the rule falls on it', () => {
    fc.assert(
      fc.property(anyRule, fromDay, (rule, from) => {
        expect(occurrencesBetween(rule, from, dateOf(dayOf(from) - 1))).toEqual([]);
        const onFrom = nextOccurrence(rule, from).date === from;
        expect(occurrencesBetween(rule, from, from)).toHaveLength(onFrom ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('ruleKeysOn is the reverse of nextOccurrence', () => {
  /** Every rule without a year: 366 Gregorian and 12 × 30 × 2 lunar. */
  const allRules: AnniversaryRule[] = [];
  for (let month = 1; month <= 12; month++) {
    for (let day = 1; day <= gregorianDays(month); day++)
      allRules.push({ calendar: 'gregorian', month, day, leapMonth: false, year: null });
    for (let day = 1; day <= 30; day++) {
      for (const leapMonth of [false, true])
        allRules.push({ calendar: 'lunar', month, day, leapMonth, year: null });
    }
  }

  it('property: a key is on a day exactly when its rule next falls that day', () => {
    fc.assert(
      fc.property(anyRule, fromDay, fc.boolean(), (rule, from, onTheDay) => {
        // Half the time look at the day the rule falls on, or nearly every pair would be a miss.
        const day = onTheDay ? nextOccurrence(withoutYear(rule), from).date : from;
        const falls = nextOccurrence(withoutYear(rule), day).date === day;
        expect(keysOn(day).includes(keyOf(rule))).toBe(falls);
        for (const key of ruleKeysOn(day)) expect(nextOccurrence(withoutYear(key), day).date).toBe(day);
      }),
      { numRuns: 1000 },
    );
  });

  it('every day of 1950–2090 carries exactly the rules that fall on it', () => {
    const onDay = new Map<string, string[]>();
    const first = '1950-01-01';
    const last = '2090-12-31';
    for (const rule of allRules) {
      for (const { date } of occurrencesBetween(rule, first, last)) {
        const keys = onDay.get(date) ?? [];
        keys.push(keyOf(rule));
        onDay.set(date, keys);
      }
    }
    const mismatches: string[] = [];
    for (let day = dayOf(first); day <= dayOf(last); day++) {
      const date = dateOf(day);
      const expected = (onDay.get(date) ?? []).sort();
      const actual = keysOn(date).sort();
      if (expected.join() !== actual.join())
        mismatches.push(`${date}: ${actual.join()} ≠ ${expected.join()}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('no key is listed twice on a day', () => {
    fc.assert(
      fc.property(fromDay, (date) => {
        const keys = keysOn(date);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('occurrenceIn', () => {
  it('property: agrees with the reference for every rule and year', () => {
    fc.assert(
      fc.property(
        fc.oneof(gregorianRule, lunarRule, realLunarRule),
        fc.integer({ min: 1901, max: 2099 }),
        (rule, year) => {
          expect(occurrenceIn(rule, year)).toBe(expectedIn(rule, year));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('isMilestone', () => {
  it('marks round years: 10, 20 … 60 (花甲), 80', () => {
    for (const years of [10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
      expect(isMilestone(years), String(years)).toBe(true);
  });

  it('does not mark 0, unknown, negative or other years', () => {
    for (const years of [null, 0, -10, -1, 1, 5, 9, 11, 15, 25, 59, 61, 79, 81])
      expect(isMilestone(years), String(years)).toBe(false);
  });

  it('property: milestones are exactly the positive multiples of ten', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200, max: 200 }), (years) => {
        expect(isMilestone(years)).toBe(years > 0 && years % 10 === 0);
      }),
    );
  });
});
