import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../connection';
import { entitiesInExportOrder, type Entity } from '../entities';
import type { AuditLogTable, Database } from '../schema';

/** The filters of `audit.list`, `audit.page` and `audit.export`, as the handlers pass them. */
export interface AuditFilters {
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  readonly actor?: string | undefined;
  readonly accountId?: string | undefined;
  readonly action?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export type AuditRow = Omit<AuditLogTable, 'id'> & { id: number };

type AuditQuery = SelectQueryBuilder<Database, 'audit_log', AuditRow>;

const nextDay = (day: string) => {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
};
/** A UTC day as a bound: its first instant for `from`, the next day's first for `to`. */
const lowerBound = (bound: string) => (bound.length === 10 ? `${bound}T00:00:00.000Z` : bound);
const upperBound = (bound: string) => (bound.length === 10 ? nextDay(bound) : bound);

export const entityNamed = (name: string): Entity | undefined =>
  entitiesInExportOrder.find((entity) => entity.entity === name);

/**
 * The ids an account's entries carry, by entity: the account's own, and every row the registry
 * says belongs to it (through its account columns, deleted rows too: their history is the
 * account's). Each lookup is an index search on an account column.
 */
export function accountEntryTargets(db: Db, accountId: string): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const entity of entitiesInExportOrder) {
    const ids = new Set<string>();
    for (const column of entity.accounts) {
      if (column === 'id') ids.add(accountId);
      else {
        const rows = db.statement(`SELECT id FROM ${entity.table} WHERE ${column} = ?`).all(accountId) as {
          id: string;
        }[];
        for (const row of rows) ids.add(row.id);
      }
    }
    if (ids.size > 0) targets.set(entity.entity, [...ids]);
  }
  return targets;
}

/**
 * The entries the filters match, newest first. Each filter can use an index (migration 0017):
 * entity with id, actor, action and time each lead one, and an account's entries are an
 * `entity = ? AND entity_id IN (…)` search per entity. A batch (an import, its revert) counts
 * rows of many accounts and is about none of them.
 */
export function filteredAuditQuery(db: Db, filters: AuditFilters): AuditQuery {
  let query = db.query.selectFrom('audit_log').selectAll() as unknown as AuditQuery;
  if (filters.entity !== undefined) query = query.where('entity', '=', filters.entity);
  if (filters.entityId !== undefined) query = query.where('entity_id', '=', filters.entityId);
  // An account's entries are few: found through the entity index, the other filters then only
  // check them (a unary + keeps the planner from leading with a broad index instead).
  const leadsWithAccount = filters.accountId !== undefined;
  const checked = (column: 'actor' | 'action') => (leadsWithAccount ? sql`+${sql.ref(column)}` : column);
  if (filters.actor !== undefined) query = query.where(checked('actor') as 'actor', '=', filters.actor);
  if (filters.action !== undefined) query = query.where(checked('action') as 'action', '=', filters.action);
  if (filters.from !== undefined) query = query.where('at', '>=', lowerBound(filters.from));
  if (filters.to !== undefined) query = query.where('at', '<', upperBound(filters.to));
  if (filters.accountId !== undefined) {
    const targets = [...accountEntryTargets(db, filters.accountId)];
    query = query.where((eb) =>
      eb.or(targets.map(([entity, ids]) => eb.and([eb('entity', '=', entity), eb('entity_id', 'in', ids)]))),
    );
  }
  return query;
}

/**
 * One page: `limit` entries older than `beforeId`, and whether older ones exist. Newest first by
 * time, then id: the time indexes serve that order without sorting (ids follow time unless the
 * computer's clock was set back, and then the log reads as the clock said).
 */
export function auditPage(
  db: Db,
  filters: AuditFilters,
  page: { readonly beforeId?: number | undefined; readonly limit: number },
): { rows: AuditRow[]; more: boolean } {
  let query = filteredAuditQuery(db, filters);
  if (page.beforeId !== undefined) {
    const cursor = db.first(db.query.selectFrom('audit_log').select('at').where('id', '=', page.beforeId));
    // An id never given (or taken out of the log) has no time: nothing is older than nothing.
    if (cursor === undefined) return { rows: [], more: false };
    query = query.where(sql<boolean>`(at, id) < (${cursor.at}, ${page.beforeId})`);
  }
  const rows = db.all(
    query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1),
  );
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/**
 * The distinct values of an indexed column, one index search each (a skip scan: the next value
 * after the last one found), so a log of a million entries answers in microseconds per value.
 */
export function distinctAuditValues(db: Db, column: 'action' | 'actor' | 'entity'): string[] {
  const next = db.statement(`SELECT min(${column}) AS value FROM audit_log WHERE ${column} > ?`);
  const values: string[] = [];
  for (let last = ''; ;) {
    const row = next.get(last) as { value: string | null } | undefined;
    if (row?.value === null || row?.value === undefined) return values;
    values.push(row.value);
    last = row.value;
  }
}

/**
 * The account each entry is about, with its name, where the registry can tell (an account's
 * own entry, or a row of it that still exists): ids are looked up per table in one statement.
 */
export function accountsOfEntries(
  db: Db,
  rows: readonly AuditRow[],
): Map<number, { id: string; name: string | null }> {
  const byEntity = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.entity_id === null || entityNamed(row.entity) === undefined) continue;
    const ids = byEntity.get(row.entity) ?? new Set<string>();
    ids.add(row.entity_id);
    byEntity.set(row.entity, ids);
  }
  const accountOfRow = new Map<string, string>();
  for (const [name, ids] of byEntity) {
    const entity = entityNamed(name);
    const column = entity?.accounts[0];
    if (entity === undefined || column === undefined) continue;
    if (column === 'id') {
      for (const id of ids) accountOfRow.set(`${name}:${id}`, id);
      continue;
    }
    const list = [...ids];
    // Prepared here, not cached: the list's length varies page by page.
    const found = db.sqlite
      .prepare(
        `SELECT id, ${column} AS account FROM ${entity.table} WHERE id IN (${list.map(() => '?').join(',')})`,
      )
      .all(...list) as { id: string; account: string }[];
    for (const row of found) accountOfRow.set(`${name}:${row.id}`, row.account);
  }
  const accountIds = [...new Set(accountOfRow.values())];
  const names = new Map<string, string>();
  if (accountIds.length > 0) {
    const found = db.sqlite
      .prepare(`SELECT id, name FROM accounts WHERE id IN (${accountIds.map(() => '?').join(',')})`)
      .all(...accountIds) as { id: string; name: string }[];
    for (const row of found) names.set(row.id, row.name);
  }
  const result = new Map<number, { id: string; name: string | null }>();
  for (const row of rows) {
    const account = accountOfRow.get(`${row.entity}:${row.entity_id ?? ''}`);
    if (account !== undefined) result.set(row.id, { id: account, name: names.get(account) ?? null });
  }
  return result;
}
