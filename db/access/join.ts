import { ApiError } from '../../shared/errors';
import { open } from '../sync/apply';
import { isEnrolmentOp, isUserOp, type UserOp } from '../sync/ops';
import { sameCode, unwrapSigningKey, type Enrolment } from './keyring';
import { verifyBytes, type SigningKey } from './signing';

/**
 * Joining from a head-office file (`sync.export` for a user): a new laptop's book starts from
 * the file an administrator wrote for its user. The file proves itself before anything is
 * written: it opens with the team passphrase, names this user as its recipient, is signed by an
 * active administrator among the users it carries (the book trusts that administrator from now
 * on), and carries this user's signing key, which only the password the administrator gave
 * opens, and which is the key the users list has for them.
 */
export interface JoinFile {
  /** The users the file carries; the joining book starts with them. */
  readonly users: readonly UserOp[];
  /** The joining user as the file has them. */
  readonly user: UserOp;
  readonly signing: SigningKey;
}

export async function readJoinFile(
  bytes: Uint8Array,
  passphrase: string,
  code: string,
  enrolmentPassword: string,
): Promise<JoinFile> {
  const bundle = open(bytes, passphrase);
  const { manifest, signature } = bundle;
  if (!signature) throw new ApiError('SYNC_UNSIGNED', 'a head-office file is signed');
  if (manifest.recipient === undefined || !sameCode(manifest.recipient, code))
    throw new ApiError('JOIN_NOT_FOR_YOU', `the file was written for ${manifest.recipient ?? 'nobody'}`);
  const users: UserOp[] = [];
  let enrolment: Enrolment | null = null;
  for (const chunk of bundle.chunks())
    for (const op of chunk) {
      if (isUserOp(op)) users.push(op);
      else if (isEnrolmentOp(op) && sameCode(op.j.code, code)) enrolment = op.j;
    }
  const exporter = users.find((user) => sameCode(user.u, signature.signer));
  if (!exporter?.row.key || exporter.row.role !== 'admin' || exporter.row.status !== 'active')
    throw new ApiError('SYNC_SIGNER_UNKNOWN', `${signature.signer} is not an active administrator of the file`);
  if (!verifyBytes(exporter.row.key, signature.signedBytes, signature.signature))
    throw new ApiError('SYNC_BAD_SIGNATURE', `the signature is not ${exporter.u}'s over this file`);
  const user = users.find((candidate) => sameCode(candidate.u, code));
  if (!user || !enrolment || !user.row.key)
    throw new ApiError('JOIN_NOT_FOR_YOU', `the file carries no key for ${code}`);
  if (user.row.status !== 'active') throw new ApiError('USER_DISABLED', `${user.u} is disabled`);
  const signing = await unwrapSigningKey(enrolment, enrolmentPassword);
  if (!signing) throw new ApiError('WRONG_PASSWORD', 'the password does not open the key in the file');
  // An older file, from before an administrator gave this user a new key.
  if (signing.publicKey !== user.row.key)
    throw new ApiError('JOIN_NOT_FOR_YOU', `the key in the file is not ${user.u}'s current key`);
  return { users, user, signing };
}
