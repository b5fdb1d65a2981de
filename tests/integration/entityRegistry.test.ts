import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { openDatabase } from '../../db/openBook';
import { entities, entitiesInExportOrder, isSyncedTable, type Entity } from '../../db/entities';
import { tableExports } from '../../db/exports';
import { importPlanners } from '../../db/imports/planners';
import { checkOp } from '../../db/sync/ops';
import { contract, isOperationName } from '../../shared/api';
import { importFieldsOf, importKinds } from '../../shared/domain/importFields';
import { csvExportTables } from '../../shared/schemas';

/**
 * The entity registry against the schema: every table a migrated book holds with synced rows
 * (`hlc` and `seq` columns: what the write path and sync keep for them) must have an entity
 * with every part — so a new table can never be silently skipped by sync, the CSV export,
 * import, scopes or erasure.
 */
let directory: string;
let db: Db;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-registry-'));
  db = await openDatabase(join(directory, 'registry.db'));
});

afterAll(() => {
  db.close();
  rmSync(directory, { recursive: true, force: true });
});

interface ColumnInfo {
  readonly name: string;
}

function columnsOf(table: string): string[] {
  return (db.sqlite.prepare(`PRAGMA table_info(${table})`).all() as ColumnInfo[]).map(
    (column) => column.name,
  );
}

/**
 * Tables of rows shaped as the write path writes synced rows: an id, the insert clock, the
 * change number and the deleted flag (`sync_clock` and the `sync_ops` journal have clocks and
 * change numbers too, but are the bookkeeping, not records).
 */
function syncedTablesOfSchema(): string[] {
  const tables = db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return tables.filter((table) => {
    const columns = columnsOf(table);
    return ['id', 'hlc', 'seq', 'deleted'].every((column) => columns.includes(column));
  });
}

/** Whether an index of the table starts with this column (an index range per account, per change). */
function leadsAnIndex(table: string, column: string): boolean {
  const indexes = db.sqlite.prepare(`PRAGMA index_list(${table})`).all() as { name: string }[];
  return indexes.some((index) => {
    const [first] = db.sqlite.prepare(`PRAGMA index_info(${index.name})`).all() as { name: string }[];
    return first?.name === column;
  });
}

const registered = entitiesInExportOrder as readonly Entity[];

describe('the entity registry', () => {
  it('has an entity for every synced table of the schema, and none for a table it lacks', () => {
    const tables = syncedTablesOfSchema();
    expect(tables.length).toBeGreaterThanOrEqual(6);
    for (const table of tables) expect(isSyncedTable(table), `${table} has no entity`).toBe(true);
    expect(registered.map((entity) => entity.table).sort()).toEqual([...tables].sort());
    for (const [table, entity] of Object.entries(entities)) expect(entity.table).toBe(table);
  });

  it.each(registered.map((entity) => [entity.table, entity] as const))(
    '%s declares every column of its table, each with how it syncs and synced ones with a rule',
    (table, entity) => {
      const declared = Object.keys(entity.columns);
      const actual = columnsOf(table).filter((column) => !['id', 'hlc', 'seq'].includes(column));
      expect(declared.sort()).toEqual(actual.sort());
      for (const [column, spec] of Object.entries(entity.columns)) {
        expect(['lww', 'freeText', 'derived', 'local'], `${table}.${column}`).toContain(spec.sync);
        if (spec.sync === 'lww' || spec.sync === 'freeText')
          expect(entity.rules[column], `${table}.${column} has no rule`).toBeDefined();
      }
      expect(entity.synced).toContain('deleted');
      if (entity.derived.length > 0) expect(entity.derive, `${table} derives nothing`).toBeTypeOf('function');
    },
  );

  it.each(registered.map((entity) => [entity.table, entity] as const))(
    '%s says which account it belongs to, with an index to reach its rows by account and by change',
    (table, entity) => {
      expect(entity.accounts.length).toBeGreaterThan(0);
      for (const column of entity.accounts) {
        expect(['id', ...columnsOf(table)]).toContain(column);
        if (column !== 'id')
          expect(leadsAnIndex(table, column), `${table}.${column} is not indexed`).toBe(true);
      }
      expect(leadsAnIndex(table, 'seq'), `${table}.seq is not indexed (sync export)`).toBe(true);
    },
  );

  it.each(registered.map((entity) => [entity.table, entity] as const))(
    '%s syncs: a sync file may carry its rows, in its place of the file',
    (table, entity) => {
      const row = Object.fromEntries(entity.synced.map((column) => [column, null]));
      const op = {
        t: table,
        id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
        h: `2026-12-01T00:00:00.000Z-0000-${'a'.repeat(16)}`,
        row,
      };
      expect(checkOp(op)).toMatchObject({ ok: true });
      expect(Number.isInteger(entity.exportOrder)).toBe(true);
    },
  );

  it('puts parents first in a sync file, each entity in a place of its own', () => {
    const orders = registered.map((entity) => entity.exportOrder);
    expect(new Set(orders).size).toBe(orders.length);
    expect(registered[0]?.table).toBe('accounts');
    expect(new Set(registered.map((entity) => entity.entity)).size).toBe(registered.length);
  });

  it.each(registered.map((entity) => [entity.table, entity] as const))(
    '%s has its operations in the contract, its mapper, its personal columns',
    (_table, entity) => {
      const verbs = ['update', 'delete', 'undelete'].map((verb) => `${entity.domain}.${verb}`);
      for (const name of verbs) expect(isOperationName(name), `${name} is not in the contract`).toBe(true);
      const create = [`${entity.domain}.create`, `${entity.domain}.add`];
      expect(create.some(isOperationName), `${entity.domain} cannot be created`).toBe(true);
      expect(entity.toApi).toBeTypeOf('function');
      expect(entity.personal.length, `${entity.table} names no personal column`).toBeGreaterThan(0);
      for (const column of entity.personal) expect(Object.keys(entity.columns)).toContain(column);
    },
  );

  it('gives every CSV table head office can export to an entity', () => {
    const shown = registered.flatMap((entity) => entity.csv.map((table) => table.table));
    for (const entity of registered)
      expect(entity.csv.length, `${entity.table} is in no CSV file`).toBeGreaterThan(0);
    expect([...shown].sort()).toEqual([...csvExportTables].sort());
    expect(Object.keys(tableExports).sort()).toEqual([...csvExportTables].sort());
    expect(contract['exports.csv'].settings.job).toBe(true);
  });

  it('says which CSV import writes each entity, and every import kind has a planner and an entity', () => {
    for (const entity of registered) {
      expect(entity).toHaveProperty('imported');
      if (entity.imported === null) continue;
      expect(importKinds).toContain(entity.imported.kind);
      for (const field of entity.imported.fields)
        expect(importFieldsOf[entity.imported.kind]).toContain(field);
    }
    for (const kind of importKinds) {
      expect(importPlanners[kind], `no planner for ${kind}`).toBeTypeOf('function');
      expect(registered.some((entity) => entity.imported?.kind === kind)).toBe(true);
    }
  });
});
