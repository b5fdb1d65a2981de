import type { ApiHandlers, ParsedInputOf } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { SessionUser, User } from '../../shared/types';
import type { Db } from '../connection';
import type { UsersTable } from '../schema';
import { appendAudit, write } from '../write';
import { findWrappedKey, readKeyring } from './keyring';

/** The users of a book (migration 0021): who may open it, with which role. */
type UserRow = UsersTable;

const toUser = (row: UserRow, canSignIn: (code: string) => boolean): User => ({
  code: row.code,
  name: row.name,
  role: row.role,
  supervisor: row.supervisor,
  status: row.status,
  canSignIn: canSignIn(row.code),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function findUser(db: Db, code: string): UserRow | undefined {
  return db.first(db.query.selectFrom('users').selectAll().where('code', '=', code));
}

export function countUsers(db: Db): number {
  return db.first(db.query.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
}

/**
 * The user as every operation sees them: a manager their own accounts, a supervisor theirs and
 * their team's, an auditor or admin everyone's (`owners: null`).
 */
export function sessionUserOf(db: Db, row: UserRow): SessionUser {
  if (row.role === 'auditor' || row.role === 'admin')
    return { code: row.code, name: row.name, role: row.role, owners: null };
  const team =
    row.role === 'supervisor'
      ? db
          .all(db.query.selectFrom('users').select('code').where('supervisor', '=', row.code))
          .map((member) => member.code)
      : [];
  return { code: row.code, name: row.name, role: row.role, owners: [row.code, ...team] };
}

/** A new clock for a change of a user row: the newest version wins in every book (db/sync/roster.ts). */
const userClock = (db: Db, actor: string): string => write(db, actor, (writer) => writer.stamp());

/**
 * Adds a user row with their public key; the caller wraps their keys (the key ring is outside
 * the book).
 */
export function insertUser(
  db: Db,
  input: Omit<ParsedInputOf<'users.add'>, 'password'>,
  actor: string,
  publicKey: string,
): UserRow {
  return db.transaction(() => {
    if (findUser(db, input.code))
      throw new ApiError('DUPLICATE_USER', `A user with the code ${input.code} exists already`, {
        details: { code: input.code },
      });
    if (input.supervisor !== null) supervisorOf(db, input.supervisor);
    const now = new Date().toISOString();
    const row: UserRow = {
      code: input.code,
      name: input.name,
      role: input.role,
      supervisor: input.supervisor,
      status: 'active',
      created_at: now,
      updated_at: now,
      public_key: publicKey,
      clock: userClock(db, actor),
    };
    db.run(db.query.insertInto('users').values(row));
    const { created_at: _created, updated_at: _updated, clock: _clock, public_key: _key, ...after } = row;
    appendAudit(db, { actor, action: 'users.add', entity: 'user', entityId: row.code, before: null, after });
    return row;
  });
}

function supervisorOf(db: Db, code: string): UserRow {
  const supervisor = findUser(db, code);
  if (!supervisor || supervisor.role !== 'supervisor')
    throw new ApiError('VALIDATION_FAILED', `${code} is not a supervisor of this book`, {
      issues: [{ path: ['supervisor'], code: 'not_a_supervisor', message: 'not_a_supervisor' }],
    });
  return supervisor;
}

/** Whether a user has a password on this computer: an entry in the book's key ring. */
function signInCheck(db: Db): (code: string) => boolean {
  const keyring = readKeyring(db.path);
  return (code) => keyring !== null && findWrappedKey(keyring, code) !== undefined;
}

export function usersHandlers(db: Db): Pick<ApiHandlers, 'users.list' | 'users.update'> {
  return {
    'users.list': () =>
      db
        .all(db.query.selectFrom('users').selectAll().orderBy('code'))
        .map((row) => toUser(row, signInCheck(db))),
    'users.update': (input, { actor }) =>
      db.transaction(() => {
        const before = findUser(db, input.code);
        if (!before) throw new ApiError('NOT_FOUND', `No user ${input.code}`);
        if (input.supervisor) supervisorOf(db, input.supervisor);
        const changes = {
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.role === undefined ? {} : { role: input.role }),
          ...(input.supervisor === undefined ? {} : { supervisor: input.supervisor }),
          ...(input.status === undefined ? {} : { status: input.status }),
        };
        const demotesLastAdmin =
          before.role === 'admin' &&
          ((changes.role !== undefined && changes.role !== 'admin') || changes.status === 'disabled') &&
          activeAdmins(db) <= 1;
        if (demotesLastAdmin)
          throw new ApiError('FORBIDDEN', 'The last active administrator cannot be demoted or disabled');
        db.run(
          db.query
            .updateTable('users')
            .set({ ...changes, updated_at: new Date().toISOString(), clock: userClock(db, actor) })
            .where('code', '=', before.code),
        );
        const after = findUser(db, before.code) as UserRow;
        appendAudit(db, {
          actor,
          action: 'users.update',
          entity: 'user',
          entityId: before.code,
          before: pick(before, Object.keys(changes)),
          after: pick(after, Object.keys(changes)),
        });
        return toUser(after, signInCheck(db));
      }),
  };
}

/** A leaver's sign-in ends with their handover (no user of that code: nothing to disable). */
export function disableUser(db: Db, code: string, actor: string): void {
  const before = findUser(db, code);
  if (!before || before.status === 'disabled') return;
  if (before.role === 'admin' && activeAdmins(db) <= 1)
    throw new ApiError('FORBIDDEN', 'The last active administrator cannot be disabled');
  db.run(
    db.query
      .updateTable('users')
      .set({ status: 'disabled', updated_at: new Date().toISOString(), clock: userClock(db, actor) })
      .where('code', '=', before.code),
  );
  appendAudit(db, {
    actor,
    action: 'users.update',
    entity: 'user',
    entityId: before.code,
    before: { status: before.status },
    after: { status: 'disabled' },
  });
}

/**
 * A user's new public key: their first (a ring from before signed files) or a new one after an
 * administrator set their password (the old private key stays behind the old password).
 */
export function setPublicKey(db: Db, code: string, publicKey: string, actor: string): void {
  db.transaction(() => {
    db.run(
      db.query
        .updateTable('users')
        .set({ public_key: publicKey, updated_at: new Date().toISOString(), clock: userClock(db, actor) })
        .where('code', '=', code),
    );
    appendAudit(db, {
      actor,
      action: 'users.key',
      entity: 'user',
      entityId: code,
      before: null,
      after: { publicKey },
    });
  });
}

function activeAdmins(db: Db): number {
  return (
    db.first(
      db.query
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('status', '=', 'active'),
    )?.n ?? 0
  );
}

const pick = (row: UserRow, keys: readonly string[]) =>
  Object.fromEntries(keys.map((key) => [key, row[key as keyof UserRow]]));

export { toUser, signInCheck };
