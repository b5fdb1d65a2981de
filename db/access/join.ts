import { existsSync, rmSync } from 'node:fs';
import { ApiError, type ApiResult } from '../../shared/errors';
import { joinInput } from '../../shared/schemas';
import type { RequestContext, SessionUser } from '../../shared/types';
import type { Fieldbook } from '../service';
import { open } from '../sync/apply';
import { isEnrolmentOp, isUserOp, type UserOp } from '../sync/ops';
import { applyRoster, planRoster } from '../sync/roster';
import { appendAudit, write } from '../write';
import {
  emptyKeyring,
  keyringFileOf,
  newDataKey,
  readKeyring,
  sameCode,
  unwrapSigningKey,
  withWrappedKey,
  wrapUserKeys,
  writeKeyring,
  type Enrolment,
} from './keyring';
import { parse } from './sessionKeys';
import { verifyBytes, type Signer, type SigningKey } from './signing';
import { findUser, sessionUserOf } from './users';

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
    throw new ApiError(
      'SYNC_SIGNER_UNKNOWN',
      `${signature.signer} is not an active administrator of the file`,
    );
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

/** A book joined and signed in to: what the gate enters with. */
export interface JoinedBook {
  readonly fieldbook: Fieldbook;
  readonly user: SessionUser;
  readonly key: Buffer;
  readonly signing: SigningKey;
}

/**
 * A new book from a head-office file written for this user: the file proven (`readJoinFile`),
 * this user's key ring entry under their own new password, the file's users, then the file
 * imported as them. Anything refused on the way leaves no book and no key ring behind.
 */
export async function joinNewBook(
  path: string,
  input: unknown,
  openBook: (key: Buffer, signer: Signer) => Promise<Fieldbook>,
): Promise<JoinedBook> {
  const parsed = parse(joinInput, 'session.join', input);
  if (readKeyring(path) !== null)
    throw new ApiError('FORBIDDEN', 'This book has users already: sign in instead');
  if (existsSync(path))
    throw new ApiError(
      'FORBIDDEN',
      'A book is here already: joining from a head-office file starts a new one',
    );
  const bytes = Buffer.from(parsed.contentBase64, 'base64');
  const file = await readJoinFile(bytes, parsed.passphrase, parsed.code, parsed.enrolmentPassword);
  const key = newDataKey();
  // The ring first: a book encrypted with a key nobody holds would be lost.
  writeKeyring(
    path,
    withWrappedKey(emptyKeyring(), await wrapUserKeys(file.user.u, parsed.password, key, file.signing)),
  );
  let fieldbook: Fieldbook | null = null;
  try {
    fieldbook = await openBook(Buffer.from(key), { code: file.user.u, key: file.signing });
    const { db } = fieldbook;
    write(db, file.user.u, (writer) => {
      applyRoster(db, writer, planRoster(db, file.users, true), 'join');
      appendAudit(db, {
        actor: file.user.u,
        action: 'session.join',
        entity: 'book',
        entityId: null,
        before: null,
        after: { user: file.user.u },
      });
    });
    const row = findUser(db, file.user.u);
    if (!row) throw new Error('the joining user is not in the book');
    const user = sessionUserOf(db, row);
    const context: RequestContext = { actor: row.code, user };
    // Kept for the next files, when it meets the rule for a passphrase set on a computer.
    if (parsed.passphrase.length >= 12)
      unwrapResult(await fieldbook.call('sync.setPassphrase', { passphrase: parsed.passphrase }, context));
    unwrapResult(
      await fieldbook.call(
        'sync.import',
        { contentBase64: parsed.contentBase64, passphrase: parsed.passphrase },
        context,
      ),
    );
    return { fieldbook, user, key, signing: file.signing };
  } catch (error) {
    fieldbook?.close();
    for (const leftover of [path, `${path}-wal`, `${path}-shm`, keyringFileOf(path)])
      rmSync(leftover, { force: true });
    throw error;
  }
}

/** The value of a call made here, or its error thrown. */
function unwrapResult<T>(result: ApiResult<T>): T {
  if (!result.ok) throw ApiError.fromData(result.error);
  return result.value;
}
