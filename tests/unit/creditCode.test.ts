import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckCharacter,
  isValidCreditCode,
  normalizeCreditCode,
} from '../../shared/domain/creditCode';

/**
 * An independent reading of GB 32100-2015 §5: the alphabet omits I, O, S, V, Z; the weight of
 * position i is 3^i mod 31; the check character is (31 - sum mod 31) mod 31.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weight = (i: number) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
};
const weightedSum = (body: string) =>
  Array.from(body).reduce((sum, char, i) => sum + alphabet.indexOf(char) * weight(i), 0);
const referenceCheck = (body: string) => alphabet.charAt((31 - (weightedSum(body) % 31)) % 31);

/** A body with the standard's shape: 2 registration characters, 6-digit region, 9 free. */
const alphabetChar = fc.constantFrom(...alphabet);
const digitChar = fc.constantFrom(...'0123456789');
const body17 = fc
  .tuple(
    fc.string({ unit: alphabetChar, minLength: 2, maxLength: 2 }),
    fc.string({ unit: digitChar, minLength: 6, maxLength: 6 }),
    fc.string({ unit: alphabetChar, minLength: 9, maxLength: 9 }),
  )
  .map((parts) => parts.join(''));

describe('credit codes', () => {
  it('uses the weights of the standard', () => {
    expect(Array.from({ length: 17 }, (_, i) => weight(i))).toEqual([
      1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ]);
  });

  it('checks the example of the standard, 91350100M000100Y43, by hand', () => {
    // 9·1 + 1·3 + 3·9 + 5·27 + 0 + 1·26 + 0 + 0 + M(21)·20 + 0 + 0 + 0 + 1·8 + 0 + 0 + Y(30)·30 + 4·28
    // = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 - 28 = 3.
    expect(weightedSum('91350100M000100Y4')).toBe(1640);
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });

  it.each([
    ['91350100M000100Y43', 'the example in GB 32100-2015'],
    ['914403001922038216', '华为技术有限公司'],
    ['9144030071526726XG', '腾讯科技（深圳）有限公司'],
    ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ])('accepts the published code %s (%s)', (code) => {
    expect(referenceCheck(code.slice(0, 17))).toBe(code.charAt(17));
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each(['91110000100001342', '12100000400000012', '31110000MA00000AX', '5111000050000000Y'])(
    'computes the check character of %s like the reference',
    (body) => {
      const check = creditCodeCheckCharacter(body);
      expect(check).toBe(referenceCheck(body));
      expect(isValidCreditCode(body + check)).toBe(true);
    },
  );

  it('rejects a wrong check character', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4A')).toBe(false);
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the forbidden letter %s', (letter) => {
    const body = `91350100${letter}000100Y4`;
    expect(isValidCreditCode(body + '3')).toBe(false);
    for (const check of alphabet) expect(isValidCreditCode(body + check)).toBe(false);
    expect(() => creditCodeCheckCharacter(body)).toThrow(RangeError);
  });

  it('rejects a letter where the region code needs digits, and wrong lengths', () => {
    const body = '9135A100M000100Y4';
    expect(isValidCreditCode(body + creditCodeCheckCharacter(body))).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });

  it('is case- and space-sensitive until normalized', () => {
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
    expect(normalizeCreditCode(' 9135 0100m000100y43\t')).toBe('91350100M000100Y43');
    expect(isValidCreditCode(normalizeCreditCode('9144 0300 7152 6726 xg'))).toBe(true);
  });

  it('property: a body with its check character is valid, with any other last character invalid', () => {
    fc.assert(
      fc.property(body17, alphabetChar, (body, other) => {
        const check = creditCodeCheckCharacter(body);
        expect(check).toBe(referenceCheck(body));
        expect(isValidCreditCode(body + check)).toBe(true);
        if (other !== check) expect(isValidCreditCode(body + other)).toBe(false);
      }),
    );
  });
});
