import { describe, expect, it } from 'vitest';
import {
  billedMonthsOf,
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

describe('billedMonthsOf', () => {
  const today = new Date(2026, 11, 6);
  it('ends windows at the latest billed month, even when bills lag the calendar', () => {
    const found = { first: '2024-11', last: '2026-10', lastUpTo: '2026-10' };
    expect(billedMonthsOf(found, today)).toEqual({ first: '2024-11', last: '2026-10', defaultTo: '2026-10' });
  });
  it('does not end at the running month while an earlier month has bills', () => {
    const found = { first: '2024-11', last: '2026-12', lastUpTo: '2026-11' };
    expect(billedMonthsOf(found, today).defaultTo).toBe('2026-11');
  });
  it('takes the running month when it alone has bills, and the last complete month in a book without', () => {
    expect(billedMonthsOf({ first: '2026-12', last: '2026-12', lastUpTo: null }, today).defaultTo).toBe(
      '2026-12',
    );
    expect(billedMonthsOf({ first: null, last: null, lastUpTo: null }, today)).toEqual({
      first: null,
      last: null,
      defaultTo: '2026-11',
    });
  });
});

describe('resolveWindow', () => {
  const today = '2026-10';
  it('ends at the default month and goes `months` back by default', () => {
    expect(resolveWindow({ months: 24 }, today)).toEqual({ from: '2024-11', to: '2026-10', months: 24 });
  });
  it('takes `from` over `months`, and `to` over the default', () => {
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
