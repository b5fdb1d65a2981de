import { describe, expect, it } from 'vitest';
import { dateText, parseDateText } from '../../renderer/components/dateText';

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
