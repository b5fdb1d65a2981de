import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generatedCustomerNumberPattern,
  newCustomerNumber,
  normalizeCustomerNumber,
  type CustomerNumberState,
} from '../../shared/domain/customerNumber';

const epoch = Date.UTC(2024, 0, 1);
const now = Date.UTC(2026, 10, 27, 8, 30);
const fixed = (value: number) => () => value;

describe('newCustomerNumber', () => {
  it('is K and 12 Crockford characters', () => {
    const state: CustomerNumberState = { lastTime: 0 };
    const number = newCustomerNumber(state, now, fixed(0x12345));
    expect(number).toMatch(/^K[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(number).toMatch(generatedCustomerNumberPattern);
  });

  it('puts 40 bits of time first and 20 random bits last', () => {
    expect(newCustomerNumber({ lastTime: 0 }, epoch + 1, fixed(0))).toBe('K000000010000');
    expect(newCustomerNumber({ lastTime: 0 }, epoch + 1, fixed(0xfffff))).toBe('K00000001ZZZZ');
    // Only 20 bits of the random source are used.
    expect(newCustomerNumber({ lastTime: 0 }, epoch + 1, fixed(0x7fffffff))).toBe('K00000001ZZZZ');
  });

  it('is strictly increasing within one millisecond, whatever the random bits', () => {
    const state: CustomerNumberState = { lastTime: 0 };
    const numbers = [0xfffff, 0, 0x80000, 1, 0xfffff].map((bits) =>
      newCustomerNumber(state, now, fixed(bits)),
    );
    expect(numbers.every((number, i) => i === 0 || number > (numbers[i - 1] ?? ''))).toBe(true);
    expect(state.lastTime).toBe(now - epoch + numbers.length - 1);
  });

  it('keeps increasing when the wall clock goes backwards', () => {
    const state: CustomerNumberState = { lastTime: 0 };
    const first = newCustomerNumber(state, now, fixed(0xfffff));
    const second = newCustomerNumber(state, now - 60_000, fixed(0));
    expect(second > first).toBe(true);
  });

  it('property: numbers made in sequence sort in the order they were made', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5_000, max: 5_000 }), fc.integer({ min: 0, max: 0xfffff })), {
          minLength: 2,
          maxLength: 50,
        }),
        (steps) => {
          const state: CustomerNumberState = { lastTime: 0 };
          let clock = now;
          const made = steps.map(([delta, bits]) => {
            clock += delta;
            return newCustomerNumber(state, clock, fixed(bits));
          });
          expect(made.every((number) => generatedCustomerNumberPattern.test(number))).toBe(true);
          expect([...made].sort()).toEqual(made);
          expect(new Set(made).size).toBe(made.length);
        },
      ),
    );
  });
});

describe('normalizeCustomerNumber', () => {
  it.each([
    ['K0123456789AB', 'K0123456789AB'],
    ['k0123456789ab', 'K0123456789AB'],
    ['K-0123-4567-89AB', 'K0123456789AB'],
    ['k0123 4567 89ab', 'K0123456789AB'],
    ['Ki23456789AB0', 'K123456789AB0'],
    ['KL23456789ABo', 'K123456789AB0'],
    ['kOOIL00000000', 'K001100000000'],
  ])('reads the generated number %j as %s', (text, expected) => {
    expect(normalizeCustomerNumber(text)).toBe(expected);
  });

  it.each([
    ['hq-2019-oil', 'HQ2019OIL'],
    ['abc def', 'ABCDEF'],
    ['K12', 'K12'],
    ['KUUUUUUUUUUUO', 'KUUUUUUUUUUUO'],
  ])('upper-cases and compacts the head-office number %j without reading look-alikes', (text, expected) => {
    expect(normalizeCustomerNumber(text)).toBe(expected);
  });

  it('property: a generated number survives lower case and inserted dashes and spaces', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 - 1 }),
        fc.integer({ min: 0, max: 0xfffff }),
        fc.array(fc.constantFrom('', '-', ' ', ' - '), { minLength: 13, maxLength: 13 }),
        (time, bits, separators) => {
          const number = newCustomerNumber({ lastTime: time - 1 }, 0, fixed(bits));
          const typed = Array.from(number.toLowerCase(), (char, i) => char + (separators[i] ?? '')).join('');
          expect(normalizeCustomerNumber(typed)).toBe(number);
        },
      ),
    );
  });
});
