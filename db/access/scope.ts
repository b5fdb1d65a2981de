import type { OperationName } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { operationScopes } from '../../shared/scopes';
import type { RequestContext, SessionUser } from '../../shared/types';
import type { Db } from '../connection';
import { entities } from '../entities';

/**
 * The accounts a user may see, held in the dispatcher before a handler runs (shared/scopes.ts
 * says how each operation names them): a manager their own, a supervisor their team's.
 * Lists and searches keep to the same owners in their handlers (`ownersInScope`).
 */
const lower = (code: string) => code.toLowerCase();

export function inScope(user: SessionUser, owner: string): boolean {
  return user.owners === null || user.owners.some((code) => lower(code) === lower(owner));
}

/** The owners a list reads: the filter asked for, else every owner of the user's scope (undefined: all). */
export function ownersInScope(
  owner: string | undefined,
  context: RequestContext,
): readonly string[] | undefined {
  if (owner !== undefined) return [owner];
  return context.user?.owners ?? undefined;
}

const outOfScope = (name: string, what: string) =>
  new ApiError('FORBIDDEN', `${name}: ${what} is not among the accounts you may see`, {
    details: { operation: name, scope: 'accounts' },
  });

const idsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((id) => typeof id === 'string')
      : [];

/** Owners of these accounts (ids that name no account are the handler's NOT_FOUND). */
function ownersOf(db: Db, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  return db
    .all(db.query.selectFrom('accounts').select('owner').where('id', 'in', ids))
    .map((row) => row.owner);
}

/** Null when `user` may run `name` on this input; else the FORBIDDEN to answer with. */
export function scopeRefusal(
  db: Db,
  name: OperationName,
  input: unknown,
  user: SessionUser,
): ApiError | null {
  if (user.owners === null) return null;
  const fields = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const owner = fields['owner'];
  if (typeof owner === 'string' && owner !== '' && !inScope(user, owner))
    return outOfScope(name, `the owner ${owner}`);
  const scope = operationScopes[name];
  if (typeof scope === 'string') return null;
  if ('owners' in scope) {
    const refused = scope.owners
      .map((field) => fields[field])
      .find((code) => typeof code === 'string' && !inScope(user, code));
    return refused === undefined ? null : outOfScope(name, `the owner ${String(refused)}`);
  }
  let accountIds: string[];
  if ('accounts' in scope) {
    accountIds = scope.accounts.flatMap((field) => idsOf(fields[field]));
  } else {
    const recordId = fields[scope.field];
    if (typeof recordId !== 'string') return null;
    const columns = entities[scope.record].accounts as readonly string[];
    const row = db
      .statement(`SELECT ${columns.join(', ')} FROM ${scope.record} WHERE id = ?`)
      .get(recordId) as Record<string, string | null> | undefined;
    accountIds = row ? columns.flatMap((column) => idsOf(row[column])) : [];
  }
  const refused = ownersOf(db, accountIds).find((accountOwner) => !inScope(user, accountOwner));
  return refused === undefined ? null : outOfScope(name, 'an account');
}

/** A list's filters with its `owner` turned into the owners it reads (`ownersInScope`). */
export function withOwners<F extends { readonly owner?: string | undefined }>(
  filters: F,
  context: RequestContext,
): Omit<F, 'owner'> & { readonly owners?: readonly string[] | undefined } {
  const { owner, ...rest } = filters;
  return { ...rest, owners: ownersInScope(owner, context) };
}

/** `column IN (?, …)` for the owners a list reads; none in scope matches nothing. */
export function ownersCondition(
  column: string,
  owners: readonly string[],
): { sql: string; values: string[] } {
  if (owners.length === 0) return { sql: '0', values: [] };
  return { sql: `${column} IN (${owners.map(() => '?').join(', ')})`, values: [...owners] };
}

/**
 * Whether sensitive values (phone numbers) of an account are masked for this user: always for
 * an auditor, for a supervisor outside their own accounts; shown to a manager (their own
 * accounts only), an admin, and on a book without users. "Reveal" shows them, recorded.
 */
export function masksFor(user: SessionUser | undefined, owner: string): boolean {
  if (!user) return false;
  if (user.role === 'auditor') return true;
  return user.role === 'supervisor' && lower(user.code) !== lower(owner);
}

/** What an import would write, as far as whose accounts it touches (db/imports/plan.ts). */
type ImportTouch =
  | { readonly type: 'insert'; readonly table: string; readonly values: object }
  | { readonly type: 'update'; readonly table: string; readonly id: string };

/**
 * How many of an import's writes reach accounts the user may not change: bills and contracts of
 * another's account, another's account updated, a new account for another owner. A CSV file is
 * matched against every account of the book; a manager's import must keep to their own.
 */
export function importWritesOutOfScope(db: Db, actions: readonly ImportTouch[], user: SessionUser): number {
  if (user.owners === null) return 0;
  const accountOf = (action: ImportTouch): string | null => {
    if (action.type === 'update')
      return action.table === 'accounts'
        ? action.id
        : ((db.statement(`SELECT account_id FROM ${action.table} WHERE id = ?`).pluck().get(action.id) as
            string | undefined) ?? null);
    const values = action.values as { account_id?: string; owner?: string };
    return values.account_id ?? null;
  };
  let outside = 0;
  const ownerOf = db.statement('SELECT owner FROM accounts WHERE id = ?');
  for (const action of actions) {
    const newOwner =
      action.type === 'insert' && action.table === 'accounts'
        ? (action.values as { owner?: string }).owner
        : undefined;
    if (newOwner !== undefined) {
      if (!inScope(user, newOwner)) outside += 1;
      continue;
    }
    const account = accountOf(action);
    const owner =
      account === null ? undefined : (ownerOf.get(account) as { owner: string } | undefined)?.owner;
    if (owner !== undefined && !inScope(user, owner)) outside += 1;
  }
  return outside;
}
