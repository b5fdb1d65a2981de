import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

/**
 * Each user's signing key (Ed25519, node:crypto): sync files are signed with the exporting user's
 * private key and checked against the public key the users list carries (db/sync/signature.ts).
 * The private key lives only in the key ring, wrapped by the user's password like the data key
 * (db/access/keyring.ts); the public key travels with the user in every signed file.
 */

/** A private key as PKCS #8 DER (48 bytes) and its public key as the JWK `x` (base64url, 43 characters). */
export interface SigningKey {
  readonly privateKey: Buffer;
  readonly publicKey: string;
}

/** The user who signs what this session exports. */
export interface Signer {
  readonly code: string;
  readonly key: SigningKey;
}

export function newSigningKey(): SigningKey {
  const pair = generateKeyPairSync('ed25519');
  return {
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }),
    publicKey: publicKeyText(pair.publicKey),
  };
}

const publicKeyText = (key: ReturnType<typeof createPublicKey>): string => {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return jwk.x;
};

/** The public key of a private key (a key unwrapped from a file is checked against the users list). */
export function publicKeyOf(privateKey: Buffer): string | null {
  try {
    return publicKeyText(
      createPublicKey(createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' })),
    );
  } catch {
    return null;
  }
}

export function signBytes(key: SigningKey, message: Uint8Array): Buffer {
  return sign(null, message, createPrivateKey({ key: key.privateKey, format: 'der', type: 'pkcs8' }));
}

/** Whether `signature` is `publicKey`'s over `message`; a malformed key or signature is not. */
export function verifyBytes(publicKey: string, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/** A public key as stored: 43 base64url characters (32 bytes). */
export const publicKeyPattern = /^[A-Za-z0-9_-]{43}$/;
