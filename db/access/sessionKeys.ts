import type { z } from 'zod';
import { ApiError } from '../../shared/errors';
import {
  changePasswordInput,
  unlockHereInput,
  userAddInput,
  userSetPasswordInput,
} from '../../shared/schemas';
import type { SessionUser, User } from '../../shared/types';
import { toIssues, validationFailed } from '../issues';
import type { Fieldbook } from '../service';
import type { SecretProtector } from '../syncSecret';
import { appendAudit } from '../write';
import {
  findWrappedKey,
  readKeyring,
  sameCode,
  unwrapUserKeys,
  withWrappedKey,
  wrapUserKeys,
  writeKeyring,
  type Keyring,
} from './keyring';
import { canUnlockHere, protectKeys } from './osUnlock';
import { roleRefusal } from './roles';
import { newSigningKey, type SigningKey } from './signing';
import { findUser, insertUser, setPublicKey, signInCheck, toUser } from './users';

/**
 * What a signed-in session does to the key ring (db/access/keyring.ts): a new password for the
 * user, users added or given a new password by an administrator, unlocking with this computer's
 * account. The gate (db/access/gate.ts) holds the session and routes the calls here.
 */
export interface OpenSession {
  readonly fieldbook: Fieldbook;
  readonly user: SessionUser;
  /** The book's data key and the user's signing key, in memory while signed in. */
  readonly key: Buffer;
  readonly signing: SigningKey;
}

export function requireKeyring(path: string): Keyring {
  const keyring = readKeyring(path);
  if (!keyring) throw new ApiError('FORBIDDEN', 'This book has no users yet: set it up first');
  return keyring;
}

/** A user's entry in the ring, new or replaced: the same data key under a new password. */
export async function rewrap(
  path: string,
  code: string,
  password: string,
  key: Buffer,
  signing: SigningKey,
  os?: string,
): Promise<void> {
  const wrapped = await wrapUserKeys(code, password, key, signing);
  const entry = os === undefined ? wrapped : { ...wrapped, os };
  writeKeyring(path, withWrappedKey(requireKeyring(path), entry));
}

export async function changePassword(path: string, session: OpenSession, input: unknown): Promise<void> {
  const { current, next } = parse(changePasswordInput, 'session.changePassword', input);
  const entry = findWrappedKey(requireKeyring(path), session.user.code);
  const keys = entry ? await unwrapUserKeys(entry, current) : null;
  if (!keys) throw new ApiError('WRONG_PASSWORD', 'The current password is not right');
  keys.dataKey.fill(0);
  // Same keys, new password: unlocking with this computer's account stays as it was.
  await rewrap(path, session.user.code, next, session.key, session.signing, entry?.os);
  record(session.fieldbook, session.user.code, 'session.changePassword', session.user.code);
}

export async function addUser(path: string, session: OpenSession, input: unknown): Promise<User> {
  const parsed = parse(userAddInput, 'users.add', input);
  const refused = roleRefusal('users.add', session.user);
  if (refused) throw refused;
  const signing = newSigningKey();
  const { password, ...fields } = parsed;
  const row = insertUser(session.fieldbook.db, fields, session.user.code, signing.publicKey);
  await rewrap(path, row.code, password, session.key, signing);
  return toUser(row, signInCheck(session.fieldbook.db));
}

export async function setPassword(path: string, session: OpenSession, input: unknown): Promise<User> {
  const parsed = parse(userSetPasswordInput, 'users.setPassword', input);
  const { user } = session;
  const refused = roleRefusal('users.setPassword', user);
  if (refused) throw refused;
  const row = findUser(session.fieldbook.db, parsed.code);
  if (!row) throw new ApiError('NOT_FOUND', `No user ${parsed.code}`);
  // The old signing key stays behind the forgotten password: the user gets a new one, and
  // files they sign from now on are checked against it (the users list carries it).
  const own = sameCode(row.code, user.code);
  const signing = own ? session.signing : newSigningKey();
  await rewrap(path, row.code, parsed.password, session.key, signing);
  if (!own) setPublicKey(session.fieldbook.db, row.code, signing.publicKey, user.code);
  record(session.fieldbook, user.code, 'users.setPassword', row.code);
  return toUser(row, signInCheck(session.fieldbook.db));
}

/** Turns unlocking with this computer's account on (password confirmed) or off, for the signed-in user. */
export async function setUnlockHere(
  path: string,
  session: OpenSession,
  input: unknown,
  secrets: SecretProtector | undefined,
): Promise<void> {
  const parsed = parse(unlockHereInput, 'session.unlockHere', input);
  const keyring = requireKeyring(path);
  const entry = findWrappedKey(keyring, session.user.code);
  if (!entry) throw new ApiError('NOT_FOUND', `${session.user.code} has no key here`);
  let os: string | undefined;
  if (parsed.enabled) {
    if (!canUnlockHere(secrets))
      throw new ApiError('FORBIDDEN', "This computer's account cannot protect keys here (no OS key store)");
    const keys = await unwrapUserKeys(entry, parsed.password);
    if (!keys) throw new ApiError('WRONG_PASSWORD', 'The password is not right');
    keys.dataKey.fill(0);
    os = protectKeys(secrets, { dataKey: session.key, signing: session.signing });
  }
  const { os: _old, ...rest } = entry;
  writeKeyring(path, withWrappedKey(keyring, os === undefined ? rest : { ...rest, os }));
  record(session.fieldbook, session.user.code, 'session.unlockHere', session.user.code, {
    enabled: parsed.enabled,
  });
}

export function parse<S extends z.ZodType>(schema: S, name: string, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailed(name, toIssues(result.error));
  return result.data;
}

/** An audit entry about a user, when the book can be written. */
export function record(
  fieldbook: Fieldbook,
  actor: string,
  action: string,
  code: string,
  after: Record<string, unknown> | null = null,
): void {
  if (!fieldbook.storage().writable) return;
  fieldbook.db.transaction(() =>
    appendAudit(fieldbook.db, { actor, action, entity: 'user', entityId: code, before: null, after }),
  );
}
