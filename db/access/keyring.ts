import { hashRaw } from '@node-rs/argon2';
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { ApiError } from '../../shared/errors';
import { publicKeyOf, publicKeyPattern, type SigningKey } from './signing';

/**
 * The key ring beside an encrypted book (`<book>.keys`): the book's random 32-byte data key,
 * wrapped once per local user by a key derived from that user's password (argon2id, memory-hard).
 * A password change re-wraps the data key and never re-encrypts the book; the file holds no
 * secret a thief can use without a password. It also keeps the sign-in failures of users the
 * locked book cannot record yet (their audit entries are written at the next sign-in).
 */
export const keyringFileOf = (bookPath: string): string => `${bookPath}.keys`;

/** argon2id 64 MiB, 3 passes: about 0.35 s here (docs/ARCHITECTURE.md §8). */
const kdfDefaults = { memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const kdfSchema = z.strictObject({
  algorithm: z.literal('argon2id'),
  memoryCost: z.number().int().min(8_192).max(4_194_304),
  timeCost: z.number().int().min(1).max(64),
  parallelism: z.number().int().min(1).max(16),
  salt: base64,
});
const signingSchema = z.strictObject({
  publicKey: z.string().regex(publicKeyPattern),
  iv: base64,
  wrapped: base64,
  tag: base64,
});
const wrappedKeySchema = z.object({
  code: z.string().min(1).max(40),
  kdf: kdfSchema,
  /** AES-256-GCM of the data key under the password key: iv, ciphertext, tag. */
  iv: base64,
  wrapped: base64,
  tag: base64,
  /**
   * The user's signing key (db/access/signing.ts) under the same password key, with its public
   * key. Absent in rings written before files were signed: added at the user's next sign-in.
   */
  signing: signingSchema.optional(),
  /**
   * The data key and signing key again, encrypted by this computer's account (Electron
   * safeStorage: DPAPI, the keychain, libsecret) when the user chose to unlock with it.
   */
  os: base64.optional(),
});

/**
 * A user's signing key as a head-office file carries it for them to join (db/sync/join.ts):
 * wrapped by the password their administrator gave them; never the book's data key.
 */
export const enrolmentSchema = z.strictObject({
  code: z.string().min(1).max(40),
  kdf: kdfSchema,
  signing: signingSchema,
});
export type Enrolment = z.infer<typeof enrolmentSchema>;
const failureSchema = z.object({ code: z.string().max(200), at: z.string().max(40) });
const keyringSchema = z.object({
  format: z.literal('fieldbook-keyring'),
  version: z.literal(1),
  users: z.array(wrappedKeySchema).max(10_000),
  /** Failed sign-ins not yet in the audit log (the book was locked when they happened). */
  failures: z.array(failureSchema).max(1_000),
});
export type Keyring = z.infer<typeof keyringSchema>;
export type WrappedKey = z.infer<typeof wrappedKeySchema>;
/** What a password opens: the book's data key and the user's signing key (null in an older ring). */
export interface UserKeys {
  readonly dataKey: Buffer;
  readonly signing: SigningKey | null;
}

export const dataKeyBytes = 32;

export function readKeyring(bookPath: string): Keyring | null {
  const file = keyringFileOf(bookPath);
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw keyringInvalid(file);
  }
  const result = keyringSchema.safeParse(parsed);
  if (!result.success) throw keyringInvalid(file);
  return result.data;
}

const keyringInvalid = (file: string) =>
  new ApiError('KEYRING_INVALID', `The key file ${file} is not a Fieldbook key ring, or it is damaged`);

/** Written beside, flushed, then renamed over: a crash leaves the old ring or the new one. */
export function writeKeyring(bookPath: string, keyring: Keyring): void {
  const file = keyringFileOf(bookPath);
  const temporary = `${file}.writing`;
  const descriptor = openSync(temporary, 'w', 0o600);
  try {
    writeSync(descriptor, `${JSON.stringify(keyringSchema.parse(keyring), null, 2)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, file);
}

export const emptyKeyring = (): Keyring => ({
  format: 'fieldbook-keyring',
  version: 1,
  users: [],
  failures: [],
});

export const newDataKey = (): Buffer => randomBytes(dataKeyBytes);

async function passwordKey(password: string, kdf: WrappedKey['kdf']): Promise<Buffer> {
  return hashRaw(password, {
    algorithm: 2, // argon2id
    memoryCost: kdf.memoryCost,
    timeCost: kdf.timeCost,
    parallelism: kdf.parallelism,
    outputLen: 32,
    salt: Buffer.from(kdf.salt, 'base64'),
  });
}

/** The data key and the signing key wrapped for one user by their password. */
export async function wrapUserKeys(
  code: string,
  password: string,
  dataKey: Buffer,
  signing: SigningKey,
): Promise<WrappedKey> {
  const kdf = { algorithm: 'argon2id' as const, ...kdfDefaults, salt: randomBytes(16).toString('base64') };
  const key = await passwordKey(password, kdf);
  try {
    // The code is authenticated with each key: a wrapped key moved to another user fails.
    const data = seal(key, dataKey, code);
    return {
      code,
      kdf,
      ...data,
      signing: { publicKey: signing.publicKey, ...seal(key, signing.privateKey, signingAad(code)) },
    };
  } finally {
    key.fill(0);
  }
}

/** What the user's password opens, or null when it is not this user's password. */
export async function unwrapUserKeys(entry: WrappedKey, password: string): Promise<UserKeys | null> {
  const key = await passwordKey(password, entry.kdf);
  try {
    const dataKey = open(key, entry, entry.code);
    if (dataKey?.length !== dataKeyBytes) return null;
    return {
      dataKey,
      signing: entry.signing
        ? signingKeyOf(open(key, entry.signing, signingAad(entry.code)), entry.signing.publicKey)
        : null,
    };
  } finally {
    key.fill(0);
  }
}

/**
 * The signing key alone, from an entry carried in a head-office file (`sync.export` for a user):
 * what the password the administrator gave opens. Null: a wrong password, or a key that is not
 * the one its public key says.
 */
export async function unwrapSigningKey(entry: Enrolment, password: string): Promise<SigningKey | null> {
  const key = await passwordKey(password, entry.kdf);
  try {
    return signingKeyOf(open(key, entry.signing, signingAad(entry.code)), entry.signing.publicKey);
  } finally {
    key.fill(0);
  }
}

const signingAad = (code: string) => `${code}\u0000signing`;

function signingKeyOf(privateKey: Buffer | null, publicKey: string): SigningKey | null {
  return privateKey && publicKeyOf(privateKey) === publicKey ? { privateKey, publicKey } : null;
}

interface Sealed {
  readonly iv: string;
  readonly wrapped: string;
  readonly tag: string;
}

/** AES-256-GCM of `secret` under `key`, `aad` authenticated with it. */
function seal(key: Buffer, secret: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(secret), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    wrapped: wrapped.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

function open(key: Buffer, sealed: Sealed, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** What a head-office file carries for a user to join; null when their entry has no signing key. */
export function enrolmentOf(entry: WrappedKey): Enrolment | null {
  return entry.signing ? { code: entry.code, kdf: entry.kdf, signing: entry.signing } : null;
}

export const findWrappedKey = (keyring: Keyring, code: string): WrappedKey | undefined =>
  keyring.users.find((entry) => sameCode(entry.code, code));

/** User codes compare without regard to case (m001 and M001 are one person). */
export function sameCode(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), 'utf8');
  const right = Buffer.from(b.toLowerCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The ring with this user's entry replaced (a new password) or added. */
export function withWrappedKey(keyring: Keyring, entry: WrappedKey): Keyring {
  return { ...keyring, users: [...keyring.users.filter((user) => !sameCode(user.code, entry.code)), entry] };
}

export function withoutUser(keyring: Keyring, code: string): Keyring {
  return { ...keyring, users: keyring.users.filter((user) => !sameCode(user.code, code)) };
}
