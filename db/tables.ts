import type { Selectable } from 'kysely';
import type { Database, SyncedTable } from './schema';

export type { Row } from './entities/entity';

/**
 * The shapes the write path takes, by table. What it knows of each table — its synced columns
 * and their rules, what is derived, what else changes with a row — is the table's entity
 * (`db/entities/`).
 */

/** Local columns of each table, which a handler never supplies (`derived` and `local` in its entity). */
type LocalColumns = {
  accounts: 'rid' | 'updated_at' | 'name_pinyin' | 'name_key';
  account_phones: 'number_rev';
  relationships: never;
  visits: never;
  anniversaries: never;
  consumption: never;
  contracts: never;
};

/** The synced columns of a row, as a handler supplies them for an insert. */
export type NewRow<T extends SyncedTable> = Omit<
  Selectable<Database[T]>,
  'hlc' | 'seq' | 'deleted' | LocalColumns[T]
> & {
  id: string;
  deleted?: number;
};
/** Fields to change; `undefined` means "leave as is". */
export type RowPatch<T extends SyncedTable> = {
  [K in Exclude<keyof NewRow<T>, 'id'>]?: NewRow<T>[K] | undefined;
};
