import type { SecretProtector } from '../syncSecret';
import { dataKeyBytes, type UserKeys } from './keyring';
import { publicKeyOf } from './signing';

/**
 * Unlocking with this computer's account (optional, per user): the user's data key and signing
 * key, encrypted by the OS for the account signed in to the computer (Electron safeStorage:
 * DPAPI, the keychain, libsecret), kept in their key ring entry (`os`). Anyone who can use that
 * computer account then opens the book without the password — the user's choice, confirmed with
 * the password, and undone by turning it off, a password reset, or another computer (the blob
 * opens only here). Never offered where the OS protects nothing (no keyring; preview mode).
 */
export function canUnlockHere(protector: SecretProtector | undefined): protector is SecretProtector {
  try {
    return protector?.available() === true;
  } catch {
    return false;
  }
}

export function protectKeys(protector: SecretProtector, keys: UserKeys): string {
  if (!keys.signing) throw new Error('a user without a signing key');
  const text = JSON.stringify({
    dataKey: keys.dataKey.toString('base64'),
    signingKey: keys.signing.privateKey.toString('base64'),
    publicKey: keys.signing.publicKey,
  });
  return protector.encrypt(text).toString('base64');
}

/** The keys, or null when this computer's account cannot open them (another computer, a new OS key). */
export function unprotectKeys(protector: SecretProtector, blob: string): UserKeys | null {
  try {
    const parsed = JSON.parse(protector.decrypt(Buffer.from(blob, 'base64'))) as Record<string, unknown>;
    const { dataKey, signingKey, publicKey } = parsed;
    if (typeof dataKey !== 'string' || typeof signingKey !== 'string' || typeof publicKey !== 'string')
      return null;
    const data = Buffer.from(dataKey, 'base64');
    const privateKey = Buffer.from(signingKey, 'base64');
    if (data.length !== dataKeyBytes || publicKeyOf(privateKey) !== publicKey) return null;
    return { dataKey: data, signing: { privateKey, publicKey } };
  } catch {
    return null;
  }
}
