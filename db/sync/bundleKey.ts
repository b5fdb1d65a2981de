import { createHmac, scryptSync } from 'node:crypto';

/**
 * The bundle key: scrypt over the team passphrase and the file's own salt, with the cost
 * recorded in the file so it can rise later without a format change. The key check in the
 * header tells a wrong passphrase (SYNC_WRONG_KEY) from a changed file (SYNC_TAMPERED),
 * which GCM alone cannot; it is an HMAC of the key, so it reveals nothing about the key
 * and makes guessing no cheaper than a trial decryption.
 */

/** scrypt cost; tests lower it, files record it, decoding refuses values outside the bounds. */
export interface KdfParams {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

/** ~0.1 s and 32 MiB here; the passphrase is shared by a team, so guessing must be slow. */
export const defaultKdf: KdfParams = { log2N: 15, r: 8, p: 1 };

const keyCheckLabel = 'fieldbook key check';

/** Bounds that keep a crafted header from demanding gigabytes or minutes of scrypt. */
export function checkKdf({ log2N, r, p }: KdfParams): string | null {
  const inRange = (value: number, min: number, max: number) =>
    Number.isInteger(value) && value >= min && value <= max;
  if (!inRange(log2N, 10, 20) || !inRange(r, 1, 32) || !inRange(p, 1, 16)) return 'out of range';
  if (2 ** log2N * r > 2 ** 21) return 'need more than 256 MiB';
  if (2 ** log2N * r * p > 2 ** 22) return 'cost more than 16 × the default';
  return null;
}

export function deriveKey(passphrase: string, salt: Buffer, { log2N, r, p }: KdfParams): Buffer {
  const N = 2 ** log2N;
  // NFC: the same passphrase typed on macOS and Windows IMEs can differ in normalization.
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r });
}

export function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update(keyCheckLabel).digest().subarray(0, 16);
}
