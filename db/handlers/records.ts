import type { RequestContext } from '../../shared/types';
import type { Db } from '../connection';
import type { Entity } from '../entities';
import { newId } from '../ids';
import type { SyncedTable } from '../schema';
import type { NewRow, Row, RowPatch } from '../tables';
import { write } from '../write';
import { requireLiveAccount, requireLiveRow } from './guards';
import { setDeleted } from './softDelete';

/**
 * Create, update, delete, undelete and list of a record that belongs to an account, the same
 * for every entity: its accounts must be live, every change goes through the write path, and
 * the answer is the entity's API type. What differs — the row a create writes, the checks of
 * an edit, what an undelete re-checks — is the entity's `RecordRules`.
 */
export interface RecordRules<T extends Exclude<SyncedTable, 'accounts'>, Api, Create, Update> {
  readonly entity: Entity<T, Api>;
  /** The row a create writes (no id), from its input: a mapping, no checks. */
  readonly values: (input: Create, actor: string) => Omit<NewRow<T>, 'id'>;
  /** Checks a new row once its accounts are known to be live (duplicates, kinds). */
  readonly checkNew?: (values: Omit<NewRow<T>, 'id'>, input: Create) => void;
  /** Checks an edit of a live row of live accounts and gives the fields to change. */
  readonly patch: (row: Row<T>, input: Update) => RowPatch<T>;
  /**
   * The accounts that must be live before a deleted record comes back: by default its own
   * (`entity.accounts`). A relationship names none: it waits for a deleted end instead.
   */
  readonly undeleteNeeds?: (row: Row<T>) => readonly string[];
  /** What undeleting checks again, since the book may have changed meanwhile. */
  readonly recheck?: (row: Row<T>) => void;
}

export interface RecordHandlers<Api, Create, Update> {
  create(input: Create, context: RequestContext): Api;
  update(input: Update, context: RequestContext): Api;
  delete(input: { readonly id: string }, context: RequestContext): Api;
  undelete(input: { readonly id: string }, context: RequestContext): Api;
}

/** The ids of the accounts a row (or a new row's values) belongs to. */
export function accountIdsOf<T extends SyncedTable>(entity: Entity<T>, row: object): string[] {
  const values = row as Readonly<Record<string, unknown>>;
  return entity.accounts.map((column) => String(values[column]));
}

export function recordHandlers<
  T extends Exclude<SyncedTable, 'accounts'>,
  Api,
  Create,
  Update extends { readonly id: string },
>(db: Db, rules: RecordRules<T, Api, Create, Update>): RecordHandlers<Api, Create, Update> {
  const { entity } = rules;
  const liveRowOf = (id: string) => {
    const row = requireLiveRow(db, entity.table, id, entity.entity);
    for (const accountId of accountIdsOf(entity, row)) requireLiveAccount(db, accountId);
    return row;
  };
  const setDeletedTo = (id: string, actor: string, deleted: boolean) =>
    entity.toApi(
      setDeleted(
        db,
        actor,
        entity.table,
        entity.entity,
        id,
        deleted,
        rules.undeleteNeeds ?? ((row) => accountIdsOf(entity, row)),
        rules.recheck,
      ),
    );
  return {
    create: (input, { actor }) => {
      const values = rules.values(input, actor);
      for (const accountId of accountIdsOf(entity, values)) requireLiveAccount(db, accountId);
      rules.checkNew?.(values, input);
      const row = { id: newId(), ...values } as NewRow<T>;
      return entity.toApi(write(db, actor, (writer) => writer.insert(entity.table, row)));
    },
    update: (input, { actor }) => {
      const row = liveRowOf(input.id);
      const patch = rules.patch(row, input);
      return entity.toApi(write(db, actor, (writer) => writer.update(entity.table, row.id, patch)).row);
    },
    delete: ({ id }, { actor }) => setDeletedTo(id, actor, true),
    undelete: ({ id }, { actor }) => setDeletedTo(id, actor, false),
  };
}

/** An account's records, newest or in their own order, as the API returns them. */
export function listHandler<T extends SyncedTable, Api, Input extends { readonly accountId: string }>(
  db: Db,
  entity: Entity<T, Api>,
  read: (input: Input) => Row<T>[],
): (input: Input) => Api[] {
  return (input) => {
    requireLiveAccount(db, input.accountId);
    return read(input).map(entity.toApi);
  };
}

/** Handlers keyed by verb, named as the contract names them: `visits.create`… */
export function operations<D extends string, H extends object>(
  domain: D,
  handlers: H,
): { [K in keyof H & string as `${D}.${K}`]: H[K] } {
  return Object.fromEntries(
    Object.entries(handlers).map(([verb, handler]) => [`${domain}.${verb}`, handler]),
  ) as { [K in keyof H & string as `${D}.${K}`]: H[K] };
}
