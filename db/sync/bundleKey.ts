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

/**
 * The cost of new files: N = 2^17 (r = 8) needs 128 MiB and takes ~0.35 s here (bench:
 * `--only kdf`). The passphrase is shared by a team and a copied file can be attacked offline
 * at leisure, so each guess must be expensive; four times the former 2^15, which files made
 * before still record in their header and which still opens them.
 */
export const defaultKdf: KdfParams = { log2N: 17, r: 8, p: 1 };

/** What files made before the cost was raised record (they open as any other). */
export const formerKdf: KdfParams = { log2N: 15, r: 8, p: 1 };

const keyCheckLabel = 'fieldbook key check';

/** Bounds that keep a crafted header from demanding gigabytes or minutes of scrypt. */
export function checkKdf({ log2N, r, p }: KdfParams): string | null {
  const inRange = (value: number, min: number, max: number) =>
    Number.isInteger(value) && value >= min && value <= max;
  if (!inRange(log2N, 10, 20) || !inRange(r, 1, 32) || !inRange(p, 1, 16)) return 'out of range';
  if (2 ** log2N * r > 2 ** 21) return 'need more than 256 MiB';
  if (2 ** log2N * r * p > 2 ** 22) return 'cost more than 4 × the default';
  return null;
}

export function deriveKey(passphrase: string, salt: Buffer, { log2N, r, p }: KdfParams): Buffer {
  const N = 2 ** log2N;
  // scrypt needs 128 · N · r bytes (128 MiB at the default); Node's default ceiling is 32 MiB,
  // so the limit follows the file's cost, with room for OpenSSL's own. checkKdf caps it.
  const maxmem = 256 * N * r;
  // NFC: the same passphrase typed on macOS and Windows IMEs can differ in normalization.
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem });
}

export function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update(keyCheckLabel).digest().subarray(0, 16);
}
