import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';

/**
 * Phone numbers as people write them. Chinese ones — `138 0013 8000`, `+86-138-0013-8000`,
 * `(0754) 8812-3456`, `+86 754 88123456`, `400-820-8820` — are stored as their national digits,
 * the trunk `0` of landlines kept (`13800138000`, `075488123456`), as they always were. Numbers
 * of other countries, written with `+` or `00` and their country code (`+1 415 555 0100`,
 * `0085223456789`), are checked against libphonenumber's metadata and stored in E.164
 * (`+14155550100`). A number without a country prefix is Chinese. One number, one stored form.
 */
export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface NormalizedPhone {
  /** The stored form: a Chinese number's national digits, or another country's number in E.164. */
  readonly digits: string;
  readonly kind: PhoneKind;
}

const allowedCharacters = /^[\d\s+\-().]*$/;
const mobile = /^1[3-9]\d{9}$/;
const landline = /^0[1-9]\d{8,10}$/;
const service = /^(?:400|800)\d{7}$|^9\d{4,5}$|^1[0-2]\d{3,4}$/;

/** Digits only, without separators; `null` when the text holds anything but a phone's characters. */
export function phoneDigits(text: string): string | null {
  // NFKC: full-width digits and signs (１３８－００１３, typed in a Chinese IME) read as ASCII.
  const trimmed = text.normalize('NFKC').trim();
  if (!allowedCharacters.test(trimmed)) return null;
  if (trimmed.indexOf('+') > 0 || trimmed.split('+').length > 2) return null;
  return trimmed.replace(/\D/g, '');
}

/** Removes `+86` / `0086` / `86` in front of a number that is complete without it. */
function stripCountryCode(digits: string, hadPlus: boolean): string {
  for (const prefix of ['0086', '86']) {
    if (!digits.startsWith(prefix)) continue;
    const rest = digits.slice(prefix.length);
    if (mobile.test(rest)) return rest;
    // International form drops the landline trunk 0: +86 754 88123456 → 075488123456.
    if (landline.test(`0${rest}`) && (hadPlus || prefix === '0086')) return `0${rest}`;
    if (landline.test(rest)) return rest;
  }
  return digits;
}

/**
 * The digits of a text (`raw`) and whom they belong to: `abroad` holds the country code and
 * number of a text that starts with `+` or `00` and a code other than 86, else `domestic` the
 * digits as the Chinese rules read them (86 / 0086 removed where the rest is a whole number).
 */
type Split =
  { readonly raw: string; readonly abroad: string } | { readonly raw: string; readonly domestic: string };

function splitCountry(text: string): Split | null {
  const raw = phoneDigits(text);
  if (raw === null) return null;
  // phoneDigits refuses a `+` anywhere but first, so the first character tells.
  const hadPlus = text.normalize('NFKC').trim().startsWith('+');
  const chinese = raw.startsWith('86') || raw.startsWith('0086');
  if (hadPlus && !chinese) return { raw, abroad: raw };
  // China's international prefix: no Chinese number starts with 00.
  if (!hadPlus && raw.startsWith('00') && !chinese) return { raw, abroad: raw.slice(2) };
  return { raw, domestic: stripCountryCode(raw, hadPlus) };
}

/**
 * Where the type cannot be told (FIXED_LINE_OR_MOBILE: all of North America), `mobile`: the
 * number a contact gives there is far more often a mobile. Toll-free, shared-cost, VoIP and
 * other non-geographic numbers are services.
 */
function kindOfType(type: NumberType): PhoneKind | null {
  switch (type) {
    case undefined:
      return null;
    case 'MOBILE':
    case 'FIXED_LINE_OR_MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'landline';
    default:
      return 'service';
  }
}

/** Country code and number (no `+`) checked against the metadata; `null` unless valid. */
function foreignPhone(digits: string): NormalizedPhone | null {
  // Up to 15 digits in E.164; a longer string is no number and not worth parsing.
  if (digits.length < 4 || digits.length > 17) return null;
  const phone = parsePhoneNumberFromString(`+${digits}`, { extract: false });
  // With the full metadata a number is valid exactly when it has a type.
  const kind = phone ? kindOfType(phone.getType()) : null;
  return phone && kind ? { digits: phone.number, kind } : null;
}

function domesticPhone(digits: string): NormalizedPhone | null {
  if (mobile.test(digits)) return { digits, kind: 'mobile' };
  if (landline.test(digits)) return { digits, kind: 'landline' };
  if (service.test(digits)) return { digits, kind: 'service' };
  return null;
}

/** The canonical form of a phone number, or `null` when it is not one. */
export function normalizePhone(text: string): NormalizedPhone | null {
  const split = splitCountry(text);
  if (split === null) return null;
  return 'abroad' in split ? foreignPhone(split.abroad) : domesticPhone(split.domestic);
}

/**
 * Whether a value is exactly the stored form of a valid number (what `normalizePhone` gives
 * back for it): for values that arrive already stored, by sync or in a CSV file.
 */
export function isStoredPhone(value: string): boolean {
  return normalizePhone(value)?.digits === value;
}

/**
 * How a lookup reads a digit query: the digits to match at the end of stored numbers (people
 * quote the last four or more), which are the whole number when one was typed. A whole number
 * of another country gives its country code and number: a stored `+14155550100` ends with
 * them, so the suffix scan finds it.
 */
export function phoneQueryDigits(text: string): string | null {
  const split = splitCountry(text);
  if (split === null || split.raw === '') return null;
  if ('domestic' in split) return split.domestic;
  // Not (yet) a whole number: its digits as typed, as they were read before foreign numbers.
  return foreignPhone(split.abroad)?.digits.slice(1) ?? split.raw;
}

function formatForeign(stored: string): string {
  return parsePhoneNumberFromString(stored, { extract: false })?.formatInternational() ?? stored;
}

/**
 * A stored number for display: Chinese ones grouped (138 0013 8000, 0754 8812 3456,
 * 400 820 8820), others in their international format (+1 415 555 0100, +44 20 7946 0958).
 */
export function formatPhone(stored: string): string {
  if (stored.startsWith('+')) return formatForeign(stored);
  if (mobile.test(stored)) return `${stored.slice(0, 3)} ${stored.slice(3, 7)} ${stored.slice(7)}`;
  if (landline.test(stored)) {
    const areaLength = /^0(?:10|2\d)/.test(stored) ? 3 : 4;
    const local = stored.slice(areaLength);
    const cut = local.length - 4;
    return `${stored.slice(0, areaLength)} ${local.slice(0, cut)} ${local.slice(cut)}`;
  }
  if (/^(?:400|800)\d{7}$/.test(stored))
    return `${stored.slice(0, 3)} ${stored.slice(3, 6)} ${stored.slice(6)}`;
  return stored;
}

/**
 * A stored number as dialled from abroad: `+86 138 0013 8000`, `+86 754 8812 3456` (the trunk
 * 0 dropped), `+1 415 555 0100`; empty for Chinese service numbers, which are domestic only.
 */
export function internationalPhone(stored: string): string {
  if (stored.startsWith('+')) return formatForeign(stored);
  const phone = domesticPhone(stored);
  if (!phone || phone.kind === 'service') return '';
  const grouped = formatPhone(stored);
  return `+86 ${phone.kind === 'landline' ? grouped.slice(1) : grouped}`;
}
