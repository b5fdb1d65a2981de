import { describe, expect, it } from 'vitest';
import {
  lastCompleteMonth,
  monthColumn,
  monthsBetween,
  relativeChange,
  resolveWindow,
  shareOf,
  yearSpans,
} from '../../shared/domain/statistics';

describe('lastCompleteMonth', () => {
  it('is the month before today, across a year end', () => {
    expect(lastCompleteMonth(new Date(2026, 10, 27))).toBe('2026-10');
    expect(lastCompleteMonth(new Date(2027, 0, 1))).toBe('2026-12');
    expect(lastCompleteMonth(new Date(2026, 2, 31, 23, 59))).toBe('2026-02');
  });
});

describe('monthsBetween', () => {
  it('counts both ends', () => {
    expect(monthsBetween('2026-10', '2026-10')).toBe(1);
    expect(monthsBetween('2025-11', '2026-10')).toBe(12);
    expect(monthsBetween('2026-11', '2026-10')).toBe(0);
  });
});

describe('resolveWindow', () => {
  const today = new Date(2026, 10, 27);
  it('ends at the last complete month and goes `months` back by default', () => {
    expect(resolveWindow({ months: 24 }, today)).toEqual({ from: '2024-11', to: '2026-10', months: 24 });
  });
  it('takes `from` over `months`, and `to` over today', () => {
    expect(resolveWindow({ from: '2026-01', months: 24 }, today)).toEqual({
      from: '2026-01',
      to: '2026-10',
      months: 10,
    });
    expect(resolveWindow({ to: '2025-02', months: 3 }, today)).toEqual({
      from: '2024-12',
      to: '2025-02',
      months: 3,
    });
  });
  it('refuses a start after the (default) end', () => {
    expect(resolveWindow({ from: '2026-11', months: 12 }, today)).toBeNull();
  });
});

describe('yearSpans', () => {
  it('splits a window into the month columns of each year', () => {
    expect(yearSpans('2025-11', '2026-10')).toEqual([
      { year: 2025, firstMonth: 11, lastMonth: 12 },
      { year: 2026, firstMonth: 1, lastMonth: 10 },
    ]);
    expect(yearSpans('2024-12', '2026-01')).toEqual([
      { year: 2024, firstMonth: 12, lastMonth: 12 },
      { year: 2025, firstMonth: 1, lastMonth: 12 },
      { year: 2026, firstMonth: 1, lastMonth: 1 },
    ]);
    expect(yearSpans('2026-03', '2026-03')).toEqual([{ year: 2026, firstMonth: 3, lastMonth: 3 }]);
  });
  it('names the roll-up column of a month', () => {
    expect(monthColumn('2026-03')).toBe('m03');
    expect(monthColumn('2026-12')).toBe('m12');
  });
});

describe('relativeChange and shareOf', () => {
  it('is a fraction of a positive base, null otherwise', () => {
    expect(relativeChange(150, 100)).toBe(0.5);
    expect(relativeChange(50, 100)).toBe(-0.5);
    expect(relativeChange(50, 0)).toBeNull();
    expect(relativeChange(50, -10)).toBeNull();
  });
  it('is 0 of a whole that is not positive', () => {
    expect(shareOf(25, 100)).toBe(0.25);
    expect(shareOf(25, 0)).toBe(0);
  });
});
