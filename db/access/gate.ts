import { existsSync } from 'node:fs';
import type { OperationName, ProgressEvent } from '../../shared/api';
import { ApiError, type ApiResult } from '../../shared/errors';
import { setUpInput, signInInput, unlockInput } from '../../shared/schemas';
import type { RequestContext, SessionState, SessionUser } from '../../shared/types';
import { readSettings } from '../handlers/settings';
import { openFieldbook, type Fieldbook, type FieldbookOptions } from '../service';
import { appendAudit } from '../write';
import { bookEncryption, type BookEncryption } from './bookEncryption';
import {
  emptyKeyring,
  findWrappedKey,
  newDataKey,
  readKeyring,
  sameCode,
  unwrapUserKeys,
  wrapUserKeys,
  withWrappedKey,
  writeKeyring,
  type UserKeys,
} from './keyring';
import { signInDelayMs } from './signInDelay';
import { joinNewBook } from './join';
import { canUnlockHere, unprotectKeys } from './osUnlock';
import {
  addUser,
  changePassword,
  parse,
  requireKeyring,
  rewrap,
  setPassword,
  setUnlockHere,
  type OpenSession,
} from './sessionKeys';
import { newSigningKey, type Signer, type SigningKey } from './signing';
import { countUsers, findUser, insertUser, sessionUserOf, setPublicKey } from './users';

/**
 * The door to a book with users (docs/ARCHITECTURE.md, "Sign-in"): nothing of the book is open
 * until someone signs in. Signing in unwraps the book's data key from the key ring with the
 * user's password and opens the (encrypted) book with it; locking — by the user, or after the
 * idle minutes of Settings — closes the book, the job thread with it, and drops the key. Every
 * other operation goes to the open book as the signed-in user, whose role the dispatcher checks.
 */
export interface AccessGate {
  /** What every transport sends operations to (IPC, preview mode): `Fieldbook.call` behind the door. */
  call(name: string, input: unknown): Promise<ApiResult<unknown>>;
  status(): SessionState;
  /** The open book, while someone is signed in. */
  current(): { readonly fieldbook: Fieldbook; readonly user: SessionUser } | null;
  onSessionChanged(listener: (state: SessionState) => void): () => void;
  /** Changes and progress of whichever book is open (windows listen once, across sign-ins). */
  onDataChanged(listener: (operation: OperationName) => void): () => void;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Locks when nobody has used the window for the idle minutes (called by a timer; tests call it). */
  lockIfIdle(): void;
  close(): void;
}

export interface AccessGateOptions extends FieldbookOptions {
  readonly now?: () => Date;
  /** How the book is encrypted and converted (db/encryption.ts); tests may pass another. */
  readonly encryption?: BookEncryption;
  /** How often the idle check runs (default 15 s; 0: never, tests call `lockIfIdle`). */
  readonly idleCheckMs?: number;
  /** Runs with the book still open just before a lock closes it (the app counts the reminders due). */
  readonly beforeLock?: (fieldbook: Fieldbook, user: SessionUser) => void;
}

/** Who the session's own audit entries name when nobody is signed in yet. */
const gateActor = 'fieldbook';

export function createAccessGate(path: string, options: AccessGateOptions = {}): AccessGate {
  const {
    now = () => new Date(),
    encryption = bookEncryption,
    idleCheckMs = 15_000,
    beforeLock,
    ...bookOptions
  } = options;
  const { secrets } = bookOptions;
  /** The signed-in session; its user is refreshed when their role or team changes. */
  let open: ({ -readonly [K in keyof OpenSession]: OpenSession[K] } & { unsubscribe: () => void }) | null =
    null;
  let lastUser: string | null = null;
  let lastUse = now().getTime();
  let failedSignIns = 0;
  /** One sign-in, set-up or lock at a time: each opens or closes the book. */
  let turn: Promise<unknown> = Promise.resolve();
  const sessionListeners = new Set<(state: SessionState) => void>();
  const dataListeners = new Set<(operation: OperationName) => void>();
  const progressListeners = new Set<(event: ProgressEvent) => void>();

  const status = (): SessionState => {
    if (open) {
      return {
        state: 'open',
        user: open.user,
        guarded: true,
        autoLockMinutes: readSettings(open.fieldbook.db).autoLockMinutes,
        failedSignIns,
        unlockHere: !canUnlockHere(secrets)
          ? 'unavailable'
          : findWrappedKey(requireKeyring(path), open.user.code)?.os
            ? 'on'
            : 'off',
      };
    }
    const keyring = readKeyring(path);
    if (keyring === null) return { state: 'setup', bookExists: existsSync(path) };
    const unlockHere = canUnlockHere(secrets)
      ? keyring.users.filter((entry) => entry.os !== undefined).map((entry) => entry.code)
      : [];
    return { state: 'locked', lastUser, unlockHere };
  };
  const announce = () => {
    const state = status();
    for (const listener of sessionListeners) listener(state);
  };

  /** The book opened with its key, its exports signed by `signer`. */
  const openBook = async (key: Buffer, signer: Signer): Promise<Fieldbook> => {
    // A set-up cut short after the key ring was written: the book is still plain.
    if (existsSync(path) && !encryption.isEncrypted(path)) await encryption.encrypt(path, key, bookOptions);
    return openFieldbook(path, { ...bookOptions, key, signer });
  };

  const enter = (fieldbook: Fieldbook, user: SessionUser, key: Buffer, signing: SigningKey) => {
    const unsubscribeData = fieldbook.onDataChanged((operation) => {
      if (
        open &&
        (operation.startsWith('users.') ||
          operation === 'settings.update' ||
          operation === 'accounts.handover' ||
          // A file from head office may bring a change of this user (disabled, another team).
          operation === 'sync.import')
      )
        refreshUser();
      for (const listener of dataListeners) listener(operation);
    });
    const unsubscribeProgress = fieldbook.onProgress((event) => {
      for (const listener of progressListeners) listener(event);
    });
    open = {
      fieldbook,
      user,
      key,
      signing,
      unsubscribe: () => {
        unsubscribeData();
        unsubscribeProgress();
      },
    };
    lastUser = user.code;
    lastUse = now().getTime();
  };

  /** A change of role, team or status applies at once; a disabled user is locked out. */
  const refreshUser = () => {
    if (!open) return;
    const row = findUser(open.fieldbook.db, open.user.code);
    if (!row || row.status !== 'active') {
      lock();
      return;
    }
    open.user = sessionUserOf(open.fieldbook.db, row);
  };

  const lock = (): SessionState => {
    if (open) {
      const closing = open;
      try {
        beforeLock?.(closing.fieldbook, closing.user);
      } catch (error) {
        closing.fieldbook.log('session.lock', error);
      }
      open = null;
      closing.unsubscribe();
      closing.fieldbook.close();
      closing.key.fill(0);
      closing.signing.privateKey.fill(0);
      failedSignIns = 0;
      announce();
    }
    return status();
  };

  const setUp = async (input: unknown): Promise<SessionState> => {
    const parsed = parse(setUpInput, 'session.setUp', input);
    if (readKeyring(path) !== null)
      throw new ApiError('FORBIDDEN', 'This book has users already: sign in instead');
    const key = newDataKey();
    const signing = newSigningKey();
    // The ring first: a book encrypted with a key nobody holds would be lost.
    writeKeyring(
      path,
      withWrappedKey(emptyKeyring(), await wrapUserKeys(parsed.code, parsed.password, key, signing)),
    );
    const fieldbook = await openBook(Buffer.from(key), { code: parsed.code, key: signing });
    try {
      const { db } = fieldbook;
      if (countUsers(db) > 0) throw new ApiError('FORBIDDEN', 'This book has users already: sign in instead');
      const row = insertUser(
        db,
        { code: parsed.code, name: parsed.name, role: 'admin', supervisor: null },
        parsed.code,
        signing.publicKey,
      );
      appendAudit(db, {
        actor: row.code,
        action: 'session.setUp',
        entity: 'book',
        entityId: null,
        before: null,
        after: { admin: row.code },
      });
      enter(fieldbook, sessionUserOf(db, row), key, signing);
    } catch (error) {
      fieldbook.close();
      throw error;
    }
    announce();
    return status();
  };

  /** A new book from a head-office file written for this user (db/access/join.ts), signed in. */
  const join = async (input: unknown): Promise<SessionState> => {
    const joined = await joinNewBook(path, input, openBook);
    enter(joined.fieldbook, joined.user, joined.key, joined.signing);
    announce();
    return status();
  };

  const signIn = async (input: unknown): Promise<SessionState> => {
    const { code, password } = parse(signInInput, 'session.signIn', input);
    if (open) lock();
    const keyring = requireKeyring(path);
    const wait = signInDelayMs(keyring.failures, code, now());
    if (wait > 0)
      throw new ApiError('SIGN_IN_DELAYED', `Too many wrong passwords: wait ${Math.ceil(wait / 1000)} s`, {
        details: { retryAfterMs: wait },
      });
    const entry = findWrappedKey(keyring, code);
    const keys = entry ? await unwrapUserKeys(entry, password) : null;
    if (!entry || !keys) {
      recordFailure(code);
      throw new ApiError('WRONG_PASSWORD', 'The user code or the password is not right');
    }
    return openAs(code, keys, password);
  };

  /**
   * The book opened with a user's keys (from their password, or this computer's account) and
   * entered as them; `password` re-wraps a ring entry from before signed files, whose signing key
   * is made now.
   */
  const openAs = async (code: string, keys: UserKeys, password: string | null): Promise<SessionState> => {
    const key = keys.dataKey;
    const signing = keys.signing ?? newSigningKey();
    const fieldbook = await openBook(key, { code, key: signing });
    try {
      const row = findUser(fieldbook.db, code);
      if (!row) {
        recordFailure(code);
        throw new ApiError('WRONG_PASSWORD', 'The user code or the password is not right');
      }
      if (row.status !== 'active') throw new ApiError('USER_DISABLED', `${row.code} is disabled`);
      if (!keys.signing && password !== null) {
        await rewrap(path, row.code, password, key, signing);
        setPublicKey(fieldbook.db, row.code, signing.publicKey, row.code);
      }
      failedSignIns = recordSignIn(fieldbook, row.code);
      enter(fieldbook, sessionUserOf(fieldbook.db, row), key, signing);
    } catch (error) {
      fieldbook.close();
      key.fill(0);
      throw error;
    }
    announce();
    return status();
  };

  /** Signs in with the keys this computer's account protects for the user (`unlockHere`). */
  const unlock = async (input: unknown): Promise<SessionState> => {
    const { code } = parse(unlockInput, 'session.unlock', input);
    if (open) lock();
    const entry = findWrappedKey(requireKeyring(path), code);
    const keys = entry?.os && canUnlockHere(secrets) ? unprotectKeys(secrets, entry.os) : null;
    if (!entry || !keys)
      throw new ApiError(
        'WRONG_PASSWORD',
        `${code} cannot unlock with this computer's account: sign in with the password`,
      );
    return openAs(entry.code, keys, null);
  };

  const recordSignIn = (fieldbook: Fieldbook, code: string): number => {
    const keyring = requireKeyring(path);
    const mine = keyring.failures.filter((failure) => sameCode(failure.code, code)).length;
    if (fieldbook.storage().writable) {
      fieldbook.db.transaction(() => {
        for (const failure of keyring.failures) {
          appendAudit(fieldbook.db, {
            actor: gateActor,
            action: 'session.signInFailed',
            entity: 'user',
            entityId: failure.code,
            before: null,
            after: { at: failure.at },
          });
        }
        appendAudit(fieldbook.db, {
          actor: code,
          action: 'session.signIn',
          entity: 'user',
          entityId: code,
          before: null,
          after: null,
        });
      });
      writeKeyring(path, { ...keyring, failures: [] });
    }
    return mine;
  };

  const recordFailure = (code: string) => {
    const keyring = requireKeyring(path);
    const failures = [...keyring.failures, { code: code.slice(0, 200), at: now().toISOString() }];
    writeKeyring(path, { ...keyring, failures: failures.slice(-1_000) });
  };

  const requireOpen = () => {
    if (!open) throw new ApiError('SIGNED_OUT', 'The book is locked: sign in');
    return open;
  };

  const serialized = <T>(run: () => Promise<T>): Promise<T> => {
    const result = turn.then(run, run);
    turn = result.catch(() => undefined);
    return result;
  };

  const call = async (name: string, input: unknown): Promise<ApiResult<unknown>> => {
    lastUse = now().getTime();
    try {
      switch (name) {
        case 'session.status':
          return { ok: true, value: status() };
        case 'session.setUp':
          return { ok: true, value: await serialized(() => setUp(input)) };
        case 'session.signIn':
          return { ok: true, value: await serialized(() => signIn(input)) };
        case 'session.lock':
          return { ok: true, value: await serialized(() => Promise.resolve(lock())) };
        case 'session.changePassword':
          await changePassword(path, requireOpen(), input);
          return { ok: true, value: status() };
        case 'session.unlock':
          return { ok: true, value: await serialized(() => unlock(input)) };
        case 'session.unlockHere':
          await setUnlockHere(path, requireOpen(), input, secrets);
          return { ok: true, value: status() };
        case 'session.join':
          return { ok: true, value: await serialized(() => join(input)) };
      }
      const session = requireOpen();
      const context: RequestContext = { actor: session.user.code, user: session.user };
      if (name === 'users.add') return { ok: true, value: await addUser(path, session, input) };
      if (name === 'users.setPassword') return { ok: true, value: await setPassword(path, session, input) };
      return await session.fieldbook.call(name, input, context);
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toData() };
      open?.fieldbook.log(name, error);
      return { ok: false, error: new ApiError('INTERNAL', `${name} failed`).toData() };
    }
  };

  const idleTimer =
    idleCheckMs > 0
      ? setInterval(() => {
          gate.lockIfIdle();
        }, idleCheckMs)
      : null;
  idleTimer?.unref();

  const gate: AccessGate = {
    call,
    status,
    current: () => (open ? { fieldbook: open.fieldbook, user: open.user } : null),
    onSessionChanged(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    onDataChanged(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    lockIfIdle() {
      if (!open) return;
      const minutes = readSettings(open.fieldbook.db).autoLockMinutes;
      // A long job (an import, a backup) is use too: the book stays open under it.
      if (open.fieldbook.writesPaused() && open.fieldbook.storage().writable) lastUse = now().getTime();
      if (now().getTime() - lastUse >= minutes * 60_000) void serialized(() => Promise.resolve(lock()));
    },
    close() {
      if (idleTimer) clearInterval(idleTimer);
      lock();
    },
  };
  return gate;
}
