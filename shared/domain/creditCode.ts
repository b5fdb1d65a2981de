/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
 * 31-symbol alphabet (no I, O, S, V, Z), the last one a weighted mod-31 check character.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const shape = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Upper-cases and removes spaces, as people paste it from licences and invoices. */
export function normalizeCreditCode(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = alphabet.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`not a credit-code character: ${first17.charAt(i)}`);
    sum += value * (weights[i] ?? 0);
  }
  return alphabet.charAt((31 - (sum % 31)) % 31);
}

/** True when the (normalized) code has the right shape and check character. */
export function isValidCreditCode(code: string): boolean {
  if (!shape.test(code)) return false;
  return creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}
