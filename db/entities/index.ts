import type { SyncedTable } from '../schema';
import { accountsEntity } from './accounts';
import { anniversariesEntity } from './anniversaries';
import { consumptionEntity } from './consumption';
import { contractsEntity } from './contracts';
import type { Entity } from './entity';
import { phonesEntity } from './phones';
import { relationshipsEntity } from './relationships';
import { visitsEntity } from './visits';

export type { ColumnSpec, ColumnSync, DeclaredColumn, Entity, EntityImport, Row } from './entity';

/**
 * The entity registry: every synced table's entity. A table named in `SyncedTable` without an
 * entry here fails to compile; a table of the schema with `hlc` and `seq` columns that is not
 * in `SyncedTable` fails the registry test.
 */
export const entities: { readonly [T in SyncedTable]: Entity<T> } = {
  accounts: accountsEntity,
  account_phones: phonesEntity,
  relationships: relationshipsEntity,
  anniversaries: anniversariesEntity,
  visits: visitsEntity,
  consumption: consumptionEntity,
  contracts: contractsEntity,
};

/** Every entity, parents first: the order of a sync file. */
export const entitiesInExportOrder: readonly Entity[] = (Object.values(entities) as Entity[]).sort(
  (a, b) => a.exportOrder - b.exportOrder,
);

export function isSyncedTable(table: string): table is SyncedTable {
  return Object.hasOwn(entities, table);
}
