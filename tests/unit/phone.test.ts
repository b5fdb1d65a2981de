import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone, phoneQueryDigits } from '../../shared/domain/phone';

const digit = fc.constantFrom(...'0123456789');
const digits = (min: number, max: number) => fc.string({ unit: digit, minLength: min, maxLength: max });

/** Numbers in their stored form, one arbitrary per kind the normalizer knows. */
const mobileDigits = fc
  .tuple(fc.constantFrom(...'3456789'), digits(9, 9))
  .map(([second, rest]) => `1${second}${rest}`);
const landlineDigits = fc
  .tuple(fc.constantFrom(...'123456789'), digits(8, 10))
  .map(([second, rest]) => `0${second}${rest}`);
const serviceDigits = fc.oneof(
  fc.tuple(fc.constantFrom('400', '800'), digits(7, 7)).map(([head, rest]) => head + rest),
  digits(4, 5).map((rest) => `9${rest}`),
  fc.tuple(fc.constantFrom(...'012'), digits(3, 4)).map(([second, rest]) => `1${second}${rest}`),
);
const separator = fc.constantFrom(' ', '-', '.', '(', ')', '  ', ' - ');

describe('normalizePhone', () => {
  it.each([
    '13800138000',
    '138 0013 8000',
    '138-0013-8000',
    '(138) 0013-8000',
    '138.0013.8000',
    '+8613800138000',
    '+86 138 0013 8000',
    '+86-138-0013-8000',
    '+86 (138) 0013 8000',
    '008613800138000',
    '0086 138 0013 8000',
    '8613800138000',
    '86 138 0013 8000',
    '  13800138000  ',
  ])('reads the mobile %j as 13800138000', (text) => {
    expect(normalizePhone(text)).toEqual({ digits: '13800138000', kind: 'mobile' });
  });

  it.each([
    ['0754-88123456', '075488123456'],
    ['(0754) 8812-3456', '075488123456'],
    ['+86 754 88123456', '075488123456'],
    ['+86-754-8812-3456', '075488123456'],
    ['0086 754 88123456', '075488123456'],
    ['(020) 8888 1234', '02088881234'],
    ['020-88881234', '02088881234'],
    ['+86 20 88881234', '02088881234'],
    ['010-12345678', '01012345678'],
    ['+86 10 1234 5678', '01012345678'],
  ])('reads the landline %j as %s', (text, expected) => {
    expect(normalizePhone(text)).toEqual({ digits: expected, kind: 'landline' });
  });

  it.each([
    ['400-820-8820', '4008208820'],
    ['400 820 8820', '4008208820'],
    ['800-820-8820', '8008208820'],
    ['95588', '95588'],
    ['95 555', '95555'],
    ['955888', '955888'],
    ['10086', '10086'],
    ['12345', '12345'],
  ])('reads the service number %j as %s', (text, expected) => {
    expect(normalizePhone(text)).toEqual({ digits: expected, kind: 'service' });
  });

  it.each([
    ['letters', 'abc'],
    ['a letter among digits', '1380013800a'],
    ['an extension word', '13800138000 ext 12'],
    ['a Chinese label', '手机13800138000'],
    ['nothing', ''],
    ['only spaces', '   '],
    ['only a plus', '+'],
    ['too few digits', '12'],
    ['a mobile one digit short', '1380013800'],
    ['a mobile one digit long', '138001380001'],
    ['a landline too short', '0754-88123'],
    ['a landline too long', '0754-881234567'],
    ['a plus in the middle', '138+00138000'],
    ['two pluses', '++8613800138000'],
    ['a mobile with an impossible second digit', '12800138000'],
    ['a landline starting 00', '0012345678'],
  ])('rejects %s (%j)', (_what, text) => {
    expect(normalizePhone(text)).toBeNull();
  });

  it('normalizing the formatted form of a normalized number gives the number back', () => {
    fc.assert(
      fc.property(fc.oneof(mobileDigits, landlineDigits, serviceDigits), (number) => {
        const normalized = normalizePhone(number);
        expect(normalized?.digits).toBe(number);
        expect(normalizePhone(formatPhone(number))).toEqual(normalized);
      }),
    );
  });

  it('random separators and a country code around a valid mobile normalize to the mobile', () => {
    fc.assert(
      fc.property(
        mobileDigits,
        fc.array(fc.option(separator, { nil: '' }), { minLength: 11, maxLength: 11 }),
        fc.constantFrom('', '+86', '+86 ', '+86-', '0086', '0086 ', '86', '86-'),
        (number, separators, countryCode) => {
          const spaced = Array.from(number, (char, i) => char + (separators[i] ?? '')).join('');
          expect(normalizePhone(countryCode + spaced)).toEqual({ digits: number, kind: 'mobile' });
        },
      ),
    );
  });
});

describe('formatPhone', () => {
  it.each([
    ['13800138000', '138 0013 8000'],
    ['075488123456', '0754 8812 3456'],
    ['07548812345', '0754 881 2345'],
    ['02088881234', '020 8888 1234'],
    ['01012345678', '010 1234 5678'],
    ['4008208820', '400 820 8820'],
    ['8008208820', '800 820 8820'],
    ['95588', '95588'],
    ['10086', '10086'],
  ])('groups %s as %j', (digitsOnly, expected) => {
    expect(formatPhone(digitsOnly)).toBe(expected);
  });

  it('leaves what is not a known number as it is', () => {
    expect(formatPhone('12')).toBe('12');
  });
});

describe('phoneQueryDigits', () => {
  it.each([
    ['8000', '8000'],
    ['138-0013', '1380013'],
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['0086 20 8888 1234', '02088881234'],
    ['+86 754 88123456', '075488123456'],
    ['(0754) 8812', '07548812'],
  ])('reads %j as %s', (text, expected) => {
    expect(phoneQueryDigits(text)).toBe(expected);
  });

  it.each(['', '   ', 'abc', '138 abc', '+', '-'])('is null for %j', (text) => {
    expect(phoneQueryDigits(text)).toBeNull();
  });
});
