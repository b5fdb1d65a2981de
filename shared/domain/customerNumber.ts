/**
 * Customer numbers made on a laptop must never collide with numbers made offline on another.
 * A number is `K` + 12 Crockford base-32 characters: 40 bits of milliseconds since 2024-01-01
 * (enough until 2058) and 20 random bits. Two laptops collide only when they create an account
 * in the same millisecond and draw the same 20 bits (one in a million for that pair) — the same
 * argument that makes UUIDv7 safe. Within one laptop numbers are strictly increasing.
 * Numbers imported from head office keep their own form; lookup treats both alike.
 */
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const epoch = Date.UTC(2024, 0, 1);
const timeBits = 40;
const randomBits = 20;

export const generatedCustomerNumberPattern = /^K[0-9A-HJKMNP-TV-Z]{12}$/;

function toBase32(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = crockford.charAt(Number(rest & 31n)) + out;
    rest >>= 5n;
  }
  return out;
}

export interface CustomerNumberState {
  /** The time part of the last number made here, to keep numbers increasing. */
  lastTime: number;
}

/**
 * A new customer number. `random20` is a source of 20 random bits (crypto in the app, a seeded
 * generator in demo data).
 */
export function newCustomerNumber(
  state: CustomerNumberState,
  nowMillis: number,
  random20: () => number,
): string {
  const time = Math.max(nowMillis - epoch, state.lastTime + 1);
  state.lastTime = time;
  const random = BigInt(random20() & ((1 << randomBits) - 1));
  const value = (BigInt(time) << BigInt(randomBits)) | random;
  return `K${toBase32(value, (timeBits + randomBits) / 5)}`;
}

/**
 * The stored form of a customer number: upper case, no spaces or dashes; Crockford's
 * look-alikes (I, L → 1; O → 0) read as digits in generated numbers.
 */
export function normalizeCustomerNumber(text: string): string {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (compact.length === 13 && compact.startsWith('K')) {
    const body = compact.slice(1).replace(/[IL]/g, '1').replace(/O/g, '0');
    if (generatedCustomerNumberPattern.test(`K${body}`)) return `K${body}`;
  }
  return compact;
}
