/**
 * Chinese phone numbers as people write them: `138 0013 8000`, `+86-138-0013-8000`,
 * `(0754) 8812-3456`, `+86 754 88123456`, `400-820-8820`. Stored as digits only, with the
 * country code removed and the trunk `0` of landlines kept, so one number has one form.
 */
export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface NormalizedPhone {
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

/** The canonical form of a phone number, or `null` when it is not one. */
export function normalizePhone(text: string): NormalizedPhone | null {
  const raw = phoneDigits(text);
  if (raw === null) return null;
  const digits = stripCountryCode(raw, text.normalize('NFKC').trim().startsWith('+'));
  if (mobile.test(digits)) return { digits, kind: 'mobile' };
  if (landline.test(digits)) return { digits, kind: 'landline' };
  if (service.test(digits)) return { digits, kind: 'service' };
  return null;
}

/**
 * How a lookup reads a digit query: the number it could be in full, and the digits to match
 * at the end of stored numbers (people quote the last four or more).
 */
export function phoneQueryDigits(text: string): string | null {
  const raw = phoneDigits(text);
  if (raw === null || raw.length === 0) return null;
  return stripCountryCode(raw, text.normalize('NFKC').trim().startsWith('+'));
}

/** Groups digits for display: 138 0013 8000, 0754 8812 3456, 400 820 8820. */
export function formatPhone(digits: string): string {
  if (mobile.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  if (landline.test(digits)) {
    const areaLength = /^0(?:10|2\d)/.test(digits) ? 3 : 4;
    const local = digits.slice(areaLength);
    const cut = local.length - 4;
    return `${digits.slice(0, areaLength)} ${local.slice(0, cut)} ${local.slice(cut)}`;
  }
  if (/^(?:400|800)\d{7}$/.test(digits))
    return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  return digits;
}
