import { isValidCreditCode, normalizeCreditCode } from './creditCode';
import { normalizeCustomerNumber } from './customerNumber';
import { normalizeName } from './nameSearch';
import { phoneQueryDigits } from './phone';

/**
 * One search box, many kinds of query. What the user typed decides where to look:
 * digits → phones (whole or last 4+) and customer numbers; Chinese → names by substring;
 * Latin letters → pinyin, initials, Latin names and customer numbers; letters mixed with
 * digits → customer numbers and credit codes; a UUID → that account.
 */
export type ParsedLookup =
  | { readonly kind: 'empty' }
  | { readonly kind: 'id'; readonly id: string }
  | {
      readonly kind: 'digits';
      /**
       * What a stored phone must end with: the last digits, or a whole number (a foreign one
       * as its country code and number, `14155550100`, which its stored `+14155550100` ends with).
       */
      readonly digits: string;
      readonly customerNo: string;
      readonly creditCode: string | null;
    }
  | { readonly kind: 'han'; readonly text: string }
  | { readonly kind: 'latin'; readonly letters: string; readonly customerNo: string }
  | { readonly kind: 'code'; readonly customerNo: string; readonly creditCode: string | null };

/** Phone queries shorter than this match customer numbers only: 3 digits match too much. */
export const minPhoneSuffix = 4;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hanPattern = /\p{Script=Han}/u;
const phoneLike = /^[+(]?[\d\s\-().+]*\d[\d\s\-().]*$/;
const lettersOnly = /^[a-zü\s']+$/i;
const codeLike = /^[0-9a-z\s-]+$/i;

function creditCodeOf(text: string): string | null {
  const code = normalizeCreditCode(text);
  return isValidCreditCode(code) ? code : null;
}

export function parseLookupQuery(query: string): ParsedLookup {
  const text = query.normalize('NFKC').trim();
  if (text === '') return { kind: 'empty' };
  if (uuidPattern.test(text)) return { kind: 'id', id: text.toLowerCase() };
  if (hanPattern.test(text)) return { kind: 'han', text: normalizeName(text).replace(/\s+/g, '') };
  if (phoneLike.test(text)) {
    const digits = phoneQueryDigits(text);
    if (digits !== null && digits.length > 0) {
      return { kind: 'digits', digits, customerNo: text.replace(/\D/g, ''), creditCode: creditCodeOf(text) };
    }
  }
  if (lettersOnly.test(text)) {
    return {
      kind: 'latin',
      letters: text.toLowerCase().replace(/[\s']/g, '').replace(/ü/g, 'v'),
      customerNo: normalizeCustomerNumber(text),
    };
  }
  if (codeLike.test(text)) {
    return { kind: 'code', customerNo: normalizeCustomerNumber(text), creditCode: creditCodeOf(text) };
  }
  return { kind: 'han', text: normalizeName(text).replace(/\s+/g, '') };
}

const lastCodePoint = 0x10ffff;
/** Greater, in UTF-8 byte order, than any key the index holds (keys are at most 24 characters). */
const beyondEveryKey = String.fromCodePoint(lastCodePoint).repeat(32);

/**
 * The smallest string greater than every string that starts with `prefix`, in UTF-8 byte
 * order (SQLite's BINARY collation): the last code point plus one, skipping the surrogate gap;
 * a last code point of U+10FFFF carries into the one before it.
 */
export function prefixUpperBound(prefix: string): string {
  // The common case, a last character below the surrogates, needs no code point arithmetic.
  const lastUnit = prefix.charCodeAt(prefix.length - 1);
  if (lastUnit < 0xd7ff) return prefix.slice(0, -1) + String.fromCharCode(lastUnit + 1);
  const codePoints = Array.from(prefix, (char) => char.codePointAt(0) ?? 0);
  while (codePoints.length > 0) {
    const last = codePoints.pop() ?? 0;
    if (last === lastCodePoint) continue;
    const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
    return String.fromCodePoint(...codePoints, next);
  }
  return beyondEveryKey;
}
