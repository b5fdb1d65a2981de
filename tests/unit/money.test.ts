import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFen, formatYuan, parseYuan } from '../../shared/domain/money';

/** The range the contract accepts for an amount (±10^13 fen). */
const contractFen = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([negative, high, low]) => (negative ? -1 : 1) * (high * 1_000_000 + low) || 0);

describe('parseYuan', () => {
  it.each([
    ['0', 0],
    ['1', 100],
    ['1.5', 150],
    ['1.05', 105],
    ['1234.50', 123450],
    ['1,234.5', 123450],
    ['12,345,678.90', 1234567890],
    ['¥1234.50', 123450],
    ['￥0.01', 1],
    ['  88  ', 8800],
    ['-12.34', -1234],
    ['-1,234.56', -123456],
    // What the app shows can be pasted back: a real minus sign, before or after the ¥.
    ['\u22121,234.56', -123456],
    ['\u2212¥434,070.87', -43407087],
    ['-¥0.05', -5],
    ['¥-12.34', -1234],
    ['\u2212¥0', 0],
  ])('reads %j as %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    ['three decimals', '1.234'],
    ['three decimals, negative', '-0.001'],
    ['letters', 'abc'],
    ['nothing', ''],
    ['a bare dot', '.'],
    ['a trailing dot', '12.'],
    ['two dots', '1.2.3'],
    ['a plus sign', '+5'],
    ['two signs', '-¥-5'],
    ['a sign after the digits', '5-'],
    ['a currency word', '5元'],
    ['more than 13 integer digits', '12345678901234'],
  ])('rejects %s (%j)', (_what, text) => {
    expect(parseYuan(text)).toBeNull();
  });
});

describe('formatFen', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [123450, '1,234.50'],
    [-5, '\u22120.05'],
    [-123456789, '\u22121,234,567.89'],
    [1e13, '100,000,000,000.00'],
  ])('formats %i fen as %j', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('property: parseYuan reads back what formatFen and formatYuan wrote', () => {
    fc.assert(
      fc.property(contractFen, (fen) => {
        expect(parseYuan(formatFen(fen))).toBe(fen);
        expect(parseYuan(formatYuan(fen))).toBe(fen);
      }),
    );
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '¥0.00'],
    [123450, '¥1,234.50'],
    // The sign leads, as a real minus (U+2212), never `¥-434,070.87`.
    [-43407087, '\u2212¥434,070.87'],
    [-5, '\u2212¥0.05'],
  ])('formats %i fen as %j', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('property: never writes a hyphen, and a minus only in front', () => {
    fc.assert(
      fc.property(contractFen, (fen) => {
        const text = formatYuan(fen);
        expect(text).not.toContain('-');
        expect(text.startsWith('\u2212¥')).toBe(fen < 0);
        expect(text.indexOf('\u2212')).toBeLessThan(1);
      }),
    );
  });
});
