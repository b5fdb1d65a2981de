import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, periodOfDate, periodsEnding } from '../../shared/domain/period';

const period = fc
  .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }))
  .map(([year, month]) => `${year}-${String(month).padStart(2, '0')}`);

describe('addMonths', () => {
  it.each([
    ['2026-11', 0, '2026-11'],
    ['2026-11', 1, '2026-12'],
    ['2025-12', 1, '2026-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', -15, '2024-12'],
    ['2026-11', 14, '2028-01'],
    ['2026-01', -13, '2024-12'],
    ['2026-06', 24, '2028-06'],
    ['2026-06', -24, '2024-06'],
  ])('%s + %i months is %s', (start, months, expected) => {
    expect(addMonths(start, months)).toBe(expected);
  });

  it('property: adding in two steps is adding once', () => {
    fc.assert(
      fc.property(
        period,
        fc.integer({ min: -60, max: 60 }),
        fc.integer({ min: -60, max: 60 }),
        (start, a, b) => {
          expect(addMonths(addMonths(start, a), b)).toBe(addMonths(start, a + b));
        },
      ),
    );
  });

  it('property: later periods sort later as strings', () => {
    fc.assert(
      fc.property(period, fc.integer({ min: 1, max: 120 }), (start, months) => {
        expect(addMonths(start, months) > start).toBe(true);
        expect(addMonths(start, -months) < start).toBe(true);
      }),
    );
  });
});

describe('periodsEnding', () => {
  it('lists the periods ending with the last one, oldest first, across a year boundary', () => {
    expect(periodsEnding('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsEnding('2026-02', 1)).toEqual(['2026-02']);
    expect(periodsEnding('2026-02', 0)).toEqual([]);
  });

  it('property: consecutive months ending with the given one', () => {
    fc.assert(
      fc.property(period, fc.integer({ min: 1, max: 36 }), (last, count) => {
        const periods = periodsEnding(last, count);
        expect(periods).toHaveLength(count);
        expect(periods.at(-1)).toBe(last);
        periods.slice(1).forEach((current, i) => expect(addMonths(periods[i] ?? '', 1)).toBe(current));
      }),
    );
  });
});

describe('periodOfDate', () => {
  it('is the local calendar month', () => {
    expect(periodOfDate(new Date(2026, 0, 1, 0, 0))).toBe('2026-01');
    expect(periodOfDate(new Date(2025, 11, 31, 23, 59))).toBe('2025-12');
  });
});
