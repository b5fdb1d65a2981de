import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { ImportField, ImportKind } from '../../shared/domain/importFields';
import type { Db } from '../connection';
import type { TableExport } from '../exports/table';
import type { Database, SyncedTable } from '../schema';
import type { BatchEffects } from '../write';

/**
 * What the code knows about one kind of synced record, in one place (docs/ARCHITECTURE.md,
 * "The entity registry"): its table and every column with its rule and how it syncs, the
 * account it belongs to, where it goes in a sync file, the CSV files that show it and the CSV
 * import that writes it, the mapper to the contract's type, and which columns hold personal
 * data. Sync, the write path, the CSV export and import, their revert and the record handlers
 * all read it here; `tests/integration/entityRegistry.test.ts` fails when a table of the schema
 * lacks any part.
 */

/** A row as stored. */
export type Row<T extends SyncedTable> = Selectable<Database[T]> & SyncedColumns;

/** Columns every synced table has (spelled out so generic code can use them). */
interface SyncedColumns {
  id: string;
  deleted: number;
  hlc: string;
  seq: number;
}

/** Every column of a table the entity declares: all but the write path's own `id`, `hlc` and `seq`. */
export type DeclaredColumn<T extends SyncedTable> = Exclude<
  keyof Selectable<Database[T]>,
  'id' | 'hlc' | 'seq'
> &
  string;

/** How a column travels between devices. */
export type ColumnSync =
  /** Synced; the edit with the later clock wins, field by field. */
  | 'lww'
  /**
   * Synced, and free text a person wrote: a concurrent edit that loses is kept in the conflict
   * inbox for someone to decide about (and the text they settle on must pass `rule`).
   */
  | 'freeText'
  /** Not synced: computed from the synced columns (`derive`) and written with the row. */
  | 'derived'
  /** Not synced: the book's own (a local key). */
  | 'local';

export type ColumnSpec =
  | {
      readonly sync: 'lww' | 'freeText';
      /**
       * The rule a stored value meets, in its stored form: the field of the contract's own input
       * schema wherever one exists, so a form, a CSV cell and a sync file are held to one rule.
       */
      readonly rule: z.ZodType;
      /** It holds personal data (a person's name, number, words): erasing a person clears it. */
      readonly personal?: boolean;
    }
  | { readonly sync: 'derived' | 'local'; readonly personal?: boolean };

/** The CSV import that writes an entity's rows: its kind and the fields a file maps to. */
export interface EntityImport {
  readonly kind: ImportKind;
  readonly fields: readonly ImportField[];
}

export interface EntityDefinition<T extends SyncedTable, Api> {
  readonly table: T;
  /** The name users, the audit log and sync counts know it by. */
  readonly entity: string;
  /** The contract's domain of its operations (`visits.create`…): create, update, delete, undelete. */
  readonly domain: string;
  /** Every column, in the order it is written; the synced ones are the allowlist of sync files. */
  readonly columns: { readonly [C in DeclaredColumn<T>]: ColumnSpec };
  /**
   * How to reach the account a row belongs to: the columns holding account ids (`id` for an
   * account itself; both ends of a relationship). Scopes and erasure follow it; a record is
   * live only with its accounts, and the first one names it in the conflict inbox.
   */
  readonly accounts: readonly (DeclaredColumn<T> | 'id')[];
  /** Where it goes in a sync file: parents first, so a file read in part holds whole families. */
  readonly exportOrder: number;
  /** The CSV export tables that show its rows (head office's files). */
  readonly csv: readonly TableExport[];
  /** The CSV import that writes its rows, or null when none does. */
  readonly imported: EntityImport | null;
  /** The row as the contract returns it. */
  readonly toApi: (row: Row<T>) => Api;
  /**
   * Columns with a history read from the audit log (`tiers.history`): an update that changes
   * one is audited on its own even inside a batch (an import or its revert).
   */
  readonly historied?: readonly DeclaredColumn<T>[];
  /** Computes the `derived` columns from the row (and the time of the write). */
  readonly derive?: (row: Record<string, unknown>, now: string) => Record<string, unknown>;
  /** Keeps side tables in step after the row is written (`before` is absent on insert). */
  readonly afterWrite?: (
    db: Db,
    row: Record<string, unknown>,
    before: Record<string, unknown> | undefined,
    batch: BatchEffects | null,
  ) => void;
}

/** An entity with the column lists the write path and sync read, worked out once. */
export interface Entity<T extends SyncedTable = SyncedTable, Api = unknown> extends EntityDefinition<T, Api> {
  /** Columns that sync, besides `id`, `hlc` and `seq`, in declaration order. */
  readonly synced: readonly string[];
  /** The rule of each synced column. */
  readonly rules: Readonly<Record<string, z.ZodType>>;
  /** Synced columns whose losing concurrent edits go to the conflict inbox. */
  readonly freeText: readonly string[];
  /** Local columns `derive` computes, written with the row. */
  readonly derived: readonly string[];
  /** Columns that hold personal data. */
  readonly personal: readonly string[];
}

export function defineEntity<T extends SyncedTable, Api>(
  definition: EntityDefinition<T, Api>,
): Entity<T, Api> {
  const columns = Object.entries<ColumnSpec>(definition.columns);
  const named = (test: (spec: ColumnSpec) => boolean) =>
    columns.filter(([, spec]) => test(spec)).map(([column]) => column);
  const rules: Record<string, z.ZodType> = {};
  for (const [column, spec] of columns) if ('rule' in spec) rules[column] = spec.rule;
  return {
    ...definition,
    synced: Object.keys(rules),
    rules,
    freeText: named((spec) => spec.sync === 'freeText'),
    derived: named((spec) => spec.sync === 'derived'),
    personal: named((spec) => spec.personal === true),
  };
}
