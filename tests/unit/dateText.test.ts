import { describe, expect, it } from 'vitest';
import { dateText, isCalendarDay, parseDateText } from '../../renderer/components/dateText';

/** Dates typed in the forms: the forms every reader of either language writes, one canonical value. */
describe('parseDateText', () => {
  it('reads days with -, /, . or 年月日, and one-digit months and days', () => {
    for (const text of ['2026-11-07', '2026/11/7', '2026.11.07', '2026年11月7日', ' 2026 - 11 - 7 '])
      expect(parseDateText(text, 'date'), text).toBe('2026-11-07');
  });

  it('reads a date and time, with a space or T and a full-width colon', () => {
    for (const text of ['2026-11-27 9:05', '2026-11-27T09:05', '2026年11月27日 09：05'])
      expect(parseDateText(text, 'datetime'), text).toBe('2026-11-27T09:05');
    expect(parseDateText('2026-11-27', 'datetime')).toBeNull();
  });

  it('reads months', () => {
    expect(parseDateText('2026-1', 'month')).toBe('2026-01');
    expect(parseDateText('2026年11月', 'month')).toBe('2026-11');
    expect(parseDateText('2026-11-01', 'month')).toBeNull();
  });

  it('leaves what is no date to the schema (null), and shows a date-time with a space', () => {
    for (const text of ['', 'tomorrow', '27/11/2026', '2026-11', '11-27'])
      expect(parseDateText(text, 'date')).toBeNull();
    expect(dateText('2026-11-27T09:05')).toBe('2026-11-27 09:05');
  });
});

describe('a day typed by hand (the CSV export range): parseDateText and isCalendarDay', () => {
  it.each([
    ['2026-11-05', '2026-11-05'],
    ['2026/11/5', '2026-11-05'],
    ['2026.1.5', '2026-01-05'],
    ['20261105', '2026-11-05'],
    ['2026年11月5日', '2026-11-05'],
    ['2026年11月5', '2026-11-05'],
    ['２０２６－１１－０５', '2026-11-05'],
    [' 2024-02-29 ', '2024-02-29'],
  ])('%j reads as %j', (text, day) => {
    expect(parseDateText(text, 'date')).toBe(day);
    expect(isCalendarDay(day)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '11/05/2026',
    'November 2026',
    '2026-11',
    '202611',
  ])('%j is no day', (text) => {
    const day = parseDateText(text, 'date');
    expect(day === null || !isCalendarDay(day)).toBe(true);
  });
});
