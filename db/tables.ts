import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { nameDuplicateKey, nameSearchKeys, type AccountKind } from '../shared/domain/nameSearch';
import {
  accountUpdateInput,
  anniversaryUpdateInput,
  consumptionUpdateInput,
  phoneUpdateInput,
  relationshipUpdateInput,
  visitUpdateInput,
} from '../shared/schemas';
import type { Db } from './connection';
import { rollUpConsumption } from './queries/consumptionRollup';
import { reindexAccountName } from './queries/searchKeys';
import type { Database, SyncedTable } from './schema';
import type { BatchEffects } from './write';

/**
 * What the write path needs to know of each synced table: the columns that sync (the
 * allowlist a sync file is checked against), the columns derived locally from them, and what
 * else must change with the row (search keys).
 */
export type Row<T extends SyncedTable> = Selectable<Database[T]> & SyncedColumns;

/** Columns every synced table has (spelled out so generic code can use them). */
interface SyncedColumns {
  id: string;
  deleted: number;
  hlc: string;
  seq: number;
}

type DerivedColumns = {
  accounts: 'rid' | 'updated_at' | 'name_pinyin' | 'name_key';
  account_phones: 'number_rev';
  relationships: never;
  visits: never;
  anniversaries: never;
  consumption: never;
};

/** The synced columns of a row, as a handler supplies them for an insert. */
export type NewRow<T extends SyncedTable> = Omit<
  Selectable<Database[T]>,
  'hlc' | 'seq' | 'deleted' | DerivedColumns[T]
> & {
  id: string;
  deleted?: number;
};
/** Fields to change; `undefined` means "leave as is". */
export type RowPatch<T extends SyncedTable> = {
  [K in Exclude<keyof NewRow<T>, 'id'>]?: NewRow<T>[K] | undefined;
};

export interface TableSpec {
  /** The name users and the audit log know it by. */
  readonly entity: string;
  /** Columns that sync, besides `id`, `hlc` and `seq`. */
  readonly synced: readonly string[];
  /**
   * Free-text columns, each with the rule its edit operation applies to it (that operation's
   * input field, so there is one rule): a losing concurrent edit of these is kept for review
   * (sync), and the text a person settles it with must pass the same rule.
   */
  readonly freeText: Readonly<Record<string, z.ZodType<string, string>>>;
  /**
   * Columns with a history shown from the audit log (`tiers.history`): an update that changes
   * one is audited on its own even inside a batch (an import or its revert), where other
   * changes are only counted.
   */
  readonly historied?: readonly string[];
  /** Local columns computed from the synced ones by `derive`, written with the row. */
  readonly derived?: readonly string[];
  readonly derive?: (row: Record<string, unknown>, now: string) => Record<string, unknown>;
  /** Keeps side tables in step after the row is written (`before` is absent on insert). */
  readonly afterWrite?: (
    db: Db,
    row: Record<string, unknown>,
    before: Record<string, unknown> | undefined,
    batch: BatchEffects | null,
  ) => void;
}

const accountSearchColumns = ['name', 'kind', 'status', 'deleted'] as const;

export const tableSpecs: Record<SyncedTable, TableSpec> = {
  accounts: {
    entity: 'account',
    synced: [
      'kind',
      'customer_no',
      'name',
      'credit_code',
      'tier',
      'tier_source',
      'tier_reason',
      'status',
      'owner',
      'region',
      'industry',
      'address',
      'postcode',
      'notes',
      'created_by',
      'deleted',
    ],
    freeText: {
      name: accountUpdateInput.shape.name.unwrap(),
      address: accountUpdateInput.shape.address.unwrap(),
      notes: accountUpdateInput.shape.notes.unwrap(),
    },
    historied: ['tier', 'tier_source'],
    derived: ['updated_at', 'name_pinyin', 'name_key'],
    derive: (row, now) => {
      const name = String(row['name']);
      return {
        updated_at: now,
        name_pinyin: nameSearchKeys(name, row['kind'] as AccountKind).pinyin.join(' '),
        name_key: nameDuplicateKey(name),
      };
    },
    afterWrite: (db, row, before) => {
      if (before && accountSearchColumns.every((column) => row[column] === before[column])) return;
      reindexAccountName(db, {
        rid: Number(row['rid']),
        name: String(row['name']),
        pinyin: String(row['name_pinyin']),
        archived: row['status'] === 'archived',
        deleted: row['deleted'] === 1,
      });
    },
  },
  account_phones: {
    entity: 'phone',
    synced: ['account_id', 'number', 'label', 'note', 'deleted'],
    freeText: { note: phoneUpdateInput.shape.note.unwrap() },
    derived: ['number_rev'],
    derive: (row) => ({ number_rev: Array.from(String(row['number'])).reverse().join('') }),
  },
  relationships: {
    entity: 'relationship',
    synced: ['from_id', 'to_id', 'type', 'role', 'note', 'deleted'],
    freeText: { note: relationshipUpdateInput.shape.note.unwrap() },
  },
  visits: {
    entity: 'visit',
    synced: [
      'account_id',
      'occurred_at',
      'kind',
      'participants',
      'content',
      'feedback',
      'follow_up',
      'follow_up_due',
      'manager',
      'deleted',
    ],
    freeText: {
      participants: visitUpdateInput.shape.participants.unwrap(),
      content: visitUpdateInput.shape.content.unwrap(),
      feedback: visitUpdateInput.shape.feedback.unwrap(),
      follow_up: visitUpdateInput.shape.followUp.unwrap(),
    },
  },
  anniversaries: {
    entity: 'anniversary',
    synced: [
      'account_id',
      'kind',
      'label',
      'calendar',
      'month',
      'day',
      'leap_month',
      'year',
      'lead_days',
      'note',
      'deleted',
    ],
    freeText: { note: anniversaryUpdateInput.shape.note.unwrap() },
  },
  consumption: {
    entity: 'consumption',
    synced: ['account_id', 'period', 'category', 'amount_fen', 'quantity', 'source', 'note', 'deleted'],
    freeText: { note: consumptionUpdateInput.shape.note.unwrap() },
    afterWrite: rollUpConsumption,
  },
};
