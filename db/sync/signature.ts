import { ApiError } from '../../shared/errors';
import { verifyBytes } from '../access/signing';
import { countUsers, findUser } from '../access/users';
import type { Db } from '../connection';
import type { UsersTable } from '../schema';
import type { OpenedBundle } from './bundleFile';

/**
 * Whose file this is. A book with users takes only files signed by one of its active users,
 * checked against the public key it holds for them (its users list, db/sync/roster.ts); the
 * signer's role then bounds what the file may change (db/sync/authority.ts). A book without
 * users (tests, tools, books from before sign-in) takes unsigned files and signed ones alike,
 * checking nobody. Returns the signer, or null when nobody is checked.
 */
export function fileSigner(db: Db, bundle: Pick<OpenedBundle, 'signature'>): UsersTable | null {
  const guarded = countUsers(db) > 0;
  const { signature } = bundle;
  if (!guarded) return null;
  if (!signature)
    throw new ApiError('SYNC_UNSIGNED', 'the file is not signed, and this book takes only signed files');
  const signer = findUser(db, signature.signer);
  if (!signer?.public_key)
    throw new ApiError('SYNC_SIGNER_UNKNOWN', `the file is signed by ${signature.signer}, whom this book does not know`, {
      details: { signer: signature.signer },
    });
  if (!verifyBytes(signer.public_key, signature.signedBytes, signature.signature))
    throw new ApiError('SYNC_BAD_SIGNATURE', `the signature is not ${signer.code}'s over this file`, {
      details: { signer: signer.code },
    });
  if (signer.status !== 'active')
    throw new ApiError('SYNC_SIGNER_DISABLED', `the file is signed by ${signer.code}, who is disabled`, {
      details: { signer: signer.code },
    });
  return signer;
}
