import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLookupQuery, prefixUpperBound } from '../../shared/domain/lookupQuery';

/** SQLite's BINARY collation compares UTF-8 bytes. */
const utf8Compare = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('parseLookupQuery', () => {
  it.each(['', '   ', '\u3000', '\t'])('reads %j as empty', (query) => {
    expect(parseLookupQuery(query)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['13800138000', '13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000', '8613800138000'],
    ['138-0013-8000', '13800138000', '13800138000'],
    ['(020) 8888 1234', '02088881234', '02088881234'],
    ['8000', '8000', '8000'],
    ['１３８', '138', '138'],
    // A whole number of another country: its country code and number, which it is stored ending with.
    ['+1 415 555 0100', '14155550100', '14155550100'],
    ['001 415 555 0100', '14155550100', '0014155550100'],
    ['+44 (0)20 7946 0958', '442079460958', '4402079460958'],
  ])('reads %j as digits %s', (query, digits, customerNo) => {
    expect(parseLookupQuery(query)).toEqual({ kind: 'digits', digits, customerNo, creditCode: null });
  });

  it('reads an all-digit credit code as digits that may be a credit code', () => {
    expect(parseLookupQuery('914403001922038216')).toMatchObject({
      kind: 'digits',
      creditCode: '914403001922038216',
    });
  });

  it.each([
    ['张三', '张三'],
    ['张 三', '张三'],
    ['IBM中国', 'ibm中国'],
    ['ＩＢＭ（中国）', 'ibm(中国)'],
  ])('reads %j as Han text %j', (query, text) => {
    expect(parseLookupQuery(query)).toEqual({ kind: 'han', text });
  });

  it.each([
    ['zhangsan', 'zhangsan', 'ZHANGSAN'],
    ['Zhang San', 'zhangsan', 'ZHANGSAN'],
    ["xi'an", 'xian', "XI'AN"],
    ['ＺＳ', 'zs', 'ZS'],
    ['lü', 'lv', 'LÜ'],
  ])('reads %j as Latin letters %j', (query, letters, customerNo) => {
    expect(parseLookupQuery(query)).toEqual({ kind: 'latin', letters, customerNo });
  });

  it.each([
    ['K0123456789AB', 'K0123456789AB', null],
    ['k012-3456-789ab', 'K0123456789AB', null],
    ['12ab34', '12AB34', null],
    ['91350100M000100Y43', '91350100M000100Y43', '91350100M000100Y43'],
    ['9135 0100 m000 100y 43', '91350100M000100Y43', '91350100M000100Y43'],
    ['91350100M000100Y44', '91350100M000100Y44', null],
  ])('reads %j as a code', (query, customerNo, creditCode) => {
    expect(parseLookupQuery(query)).toEqual({ kind: 'code', customerNo, creditCode });
  });

  it('reads a UUID as an id, in lower case', () => {
    expect(parseLookupQuery(' 0190A3C4-1234-7ABC-8DEF-0123456789AB ')).toEqual({
      kind: 'id',
      id: '0190a3c4-1234-7abc-8def-0123456789ab',
    });
  });

  it('falls back to a name search for anything else', () => {
    expect(parseLookupQuery('abc!')).toEqual({ kind: 'han', text: 'abc!' });
  });
});

describe('prefixUpperBound', () => {
  it('increments the last character', () => {
    expect(prefixUpperBound('abc')).toBe('abd');
    expect(prefixUpperBound('张')).toBe('\u5f21');
    expect(prefixUpperBound('a😀')).toBe('a😁');
  });

  /** Any code point but the two edge cases with a test of their own below. */
  const codePoint = fc
    .string({ unit: 'binary', minLength: 1, maxLength: 1 })
    .filter((char) => char !== '\u{D7FF}' && char !== '\u{10FFFF}');
  const text = (minLength: number) => fc.string({ unit: codePoint, minLength, maxLength: 8 });

  it('property: greater than every string with the prefix (UTF-8 byte order)', () => {
    fc.assert(
      fc.property(text(1), text(0), (prefix, rest) => {
        expect(utf8Compare(prefix + rest, prefixUpperBound(prefix))).toBeLessThan(0);
      }),
    );
  });

  it('property: not greater than any later string without the prefix (UTF-8 byte order)', () => {
    fc.assert(
      fc.property(text(1), fc.nat(), codePoint, text(0), (prefix, cut, next, rest) => {
        const chars = Array.from(prefix);
        const keep = cut % chars.length;
        const other = chars.slice(0, keep).join('') + next + rest;
        fc.pre(!other.startsWith(prefix) && utf8Compare(other, prefix) > 0);
        expect(utf8Compare(prefixUpperBound(prefix), other)).toBeLessThanOrEqual(0);
      }),
    );
  });

  // Bug: the last code point U+10FFFF has no successor; String.fromCodePoint throws, and a
  // lookup for such a name fails with INTERNAL instead of returning hits.
  it('handles a prefix ending in U+10FFFF', () => {
    const prefix = 'a\u{10FFFF}';
    const bound = prefixUpperBound(prefix);
    expect(utf8Compare(`${prefix}\u{10FFFF}`, bound)).toBeLessThan(0);
    expect(utf8Compare(bound, 'b')).toBeLessThanOrEqual(0);
  });

  // Bug: U+D7FF + 1 is a lone surrogate, which UTF-8 encodes as U+FFFD, above U+E000..U+FFFC.
  it('skips the surrogate gap after U+D7FF', () => {
    const bound = prefixUpperBound('a\u{D7FF}');
    expect(utf8Compare('a\u{D7FF}\u{10FFFF}', bound)).toBeLessThan(0);
    expect(utf8Compare(bound, 'a\u{E000}')).toBeLessThanOrEqual(0);
  });
});
