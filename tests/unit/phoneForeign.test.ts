import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import {
  formatPhone,
  internationalPhone,
  isStoredPhone,
  normalizePhone,
  phoneQueryDigits,
} from '../../shared/domain/phone';

/** Numbers of other countries: `+` or `00` and a country code, kept in E.164. */
describe('normalizePhone, numbers of other countries', () => {
  it.each([
    '+1 415 555 0100',
    '+1 (415) 555-0100',
    '+1-415-555-0100',
    '+1.415.555.0100',
    '+14155550100',
    '001 415 555 0100',
    '00 1 415 555 0100',
    '0014155550100',
    '＋１ ４１５ ５５５ ０１００',
  ])('reads %j as +14155550100, not as the Chinese-looking 14155550100', (text) => {
    // North America cannot tell mobiles from landlines: read as a mobile.
    expect(normalizePhone(text)).toEqual({ digits: '+14155550100', kind: 'mobile' });
  });

  it.each([
    ['+44 20 7946 0958', '+442079460958', 'landline'],
    ['+44 (0)20 7946 0958', '+442079460958', 'landline'],
    ['0044 20 7946 0958', '+442079460958', 'landline'],
    ['0085223456789', '+85223456789', 'landline'],
    ['+852 9123 4567', '+85291234567', 'mobile'],
    ['+886 912 345 678', '+886912345678', 'mobile'],
    ['+65 9123 4567', '+6591234567', 'mobile'],
    ['+66 81 234 5678', '+66812345678', 'mobile'],
    ['+81 90-1234-5678', '+819012345678', 'mobile'],
    ['+81 3-1234-5678', '+81312345678', 'landline'],
    ['+39 06 1234 5678', '+390612345678', 'landline'],
    ['+1 800 555 0100', '+18005550100', 'service'],
  ])('reads %j as %s (%s)', (text, digits, kind) => {
    expect(normalizePhone(text)).toEqual({ digits, kind });
  });

  it.each([
    ['a North American number one digit short', '+1 415 555 010'],
    ['a North American number one digit long', '+1 415 555 01000'],
    ['an area code that does not exist', '+1 155 555 0100'],
    ['a Chinese mobile behind a plus without 86', '+13800138000'],
    ['no country code after 00', '00 0 415 555 0100'],
    ['a country code that does not exist', '+999 1234 5678'],
    ['a plus and 00', '+0014155550100'],
    ['an extension', '+1 415 555 0100 ext 12'],
    ['too many digits for any number', '+1 415 555 0100 1234 5678'],
  ])('rejects %s (%j)', (_what, text) => {
    expect(normalizePhone(text)).toBeNull();
  });

  it("keeps every country's example mobile in E.164, written with + or 00, formatted or not", () => {
    const countries = getCountries().filter((country) => country !== 'CN');
    expect(countries.length).toBeGreaterThan(200);
    for (const country of countries) {
      const example = getExampleNumber(country, examples);
      if (!example) continue;
      const stored = example.number;
      for (const text of [stored, example.formatInternational(), `00${stored.slice(1)}`])
        expect(normalizePhone(text), `${country} ${text}`).toEqual({ digits: stored, kind: 'mobile' });
      expect(isStoredPhone(stored), country).toBe(true);
      expect(normalizePhone(formatPhone(stored))?.digits, country).toBe(stored);
    }
  });
});

describe('isStoredPhone', () => {
  it.each([
    '13800138000',
    '075488123456',
    '02088881234',
    '4008208820',
    '95588',
    '10086',
    '+14155550100',
    '+442079460958',
    '+85223456789',
    // What the old rules made of +1 415 555 0100 is a well-formed Chinese mobile: books hold it.
    '14155550100',
  ])('accepts the stored form %j', (value) => {
    expect(isStoredPhone(value)).toBe(true);
  });

  it.each([
    ['a formatted number', '138 0013 8000'],
    ['a country code before a Chinese number', '8613800138000'],
    ['+86 before a Chinese number', '+8613800138000'],
    ['a foreign number without its +', '442079460958'],
    ['00 before a foreign number', '0014155550100'],
    ['a trunk 0 after the country code', '+4402079460958'],
    ['a formatted foreign number', '+1 415 555 0100'],
    ['spaces around', ' 13800138000'],
    ['full-width digits', '１３８００１３８０００'],
    ['an invalid foreign number', '+11555550100'],
    ['nothing', ''],
  ])('refuses %s (%j)', (_what, value) => {
    expect(isStoredPhone(value)).toBe(false);
  });

  it('holds for whatever normalizePhone stores, and only for that', () => {
    const phoneText = fc.stringMatching(/^\+?[0-9 ()-]{0,18}$/);
    fc.assert(
      fc.property(phoneText, (text) => {
        const stored = normalizePhone(text)?.digits;
        if (stored !== undefined) expect(isStoredPhone(stored)).toBe(true);
        expect(isStoredPhone(text)).toBe(stored === text);
      }),
    );
  });
});

describe('formatPhone and internationalPhone, numbers of other countries', () => {
  it.each([
    ['+14155550100', '+1 415 555 0100'],
    ['+442079460958', '+44 20 7946 0958'],
    ['+85223456789', '+852 2345 6789'],
    ['+819012345678', '+81 90 1234 5678'],
  ])('shows %s as %j', (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
    expect(internationalPhone(stored)).toBe(shown);
  });

  it.each([
    ['13800138000', '+86 138 0013 8000'],
    ['075488123456', '+86 754 8812 3456'],
    ['01012345678', '+86 10 1234 5678'],
    ['4008208820', ''],
    ['95588', ''],
  ])('writes the Chinese %s for dialling from abroad as %j', (stored, expected) => {
    expect(internationalPhone(stored)).toBe(expected);
  });

  it('leaves a stored value that is no number as it is', () => {
    expect(formatPhone('+1')).toBe('+1');
    expect(internationalPhone('12')).toBe('');
  });
});

describe('phoneQueryDigits, numbers of other countries', () => {
  it.each([
    ['+1 415 555 0100', '14155550100'],
    ['001 415 555 0100', '14155550100'],
    ['+44 (0)20 7946 0958', '442079460958'],
    ['0044 20 7946 0958', '442079460958'],
    // Not yet a whole number: the digits as typed, as before.
    ['+1 415', '1415'],
    ['00852', '00852'],
    // The last digits of a Chinese number may start with 00: no international prefix there.
    ['0012', '0012'],
    ['00100138', '00100138'],
  ])('reads %j as %s', (text, expected) => {
    expect(phoneQueryDigits(text)).toBe(expected);
  });
});
