import { describe, expect, it } from 'vitest';
import { readDateText } from '../../renderer/features/sync/dateText';

describe('a day typed by hand (the CSV export range)', () => {
  it.each([
    ['2026-11-05', '2026-11-05'],
    ['2026/11/5', '2026-11-05'],
    ['2026.1.5', '2026-01-05'],
    ['20261105', '2026-11-05'],
    ['2026年11月5日', '2026-11-05'],
    ['2026年11月5', '2026-11-05'],
    ['２０２６－１１－０５', '2026-11-05'],
    [' 2024-02-29 ', '2024-02-29'],
    ['', ''],
    ['   ', ''],
  ])('%j reads as %j', (text, day) => {
    expect(readDateText(text)).toBe(day);
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
    expect(readDateText(text)).toBeNull();
  });
});
