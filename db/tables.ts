import type { Selectable } from 'kysely';
import { z } from 'zod';
import { nameDuplicateKey, nameSearchKeys, type AccountKind } from '../shared/domain/nameSearch';
import { isStoredPhone } from '../shared/domain/phone';
import {
  accountKindSchema,
  accountStatuses,
  accountUpdateInput,
  anniversaryKinds,
  anniversaryUpdateInput,
  calendars,
  consumptionCategories,
  consumptionUpdateInput,
  creditCodeSchema,
  customerNoSchema,
  followUpDoneAtSchema,
  idSchema,
  phoneLabels,
  phoneUpdateInput,
  relationshipTypes,
  relationshipUpdateInput,
  tierSchema,
  visitKinds,
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
  /** Columns that sync, besides `id`, `hlc` and `seq`: the columns `rules` names, in its order. */
  readonly synced: readonly string[];
  /**
   * The rule of each synced column, as a stored value must satisfy it: the field of the
   * contract's own input schema wherever one exists (so a form, a CSV cell and a sync file are
   * held to one rule per column), parsing to exactly the value stored (a stored value is already
   * in its canonical form: trimmed text, normalised numbers and codes).
   */
  readonly rules: Readonly<Record<string, z.ZodType>>;
  /**
   * Free-text columns: a losing concurrent edit of these is kept for review (sync), and the text
   * a person settles it with must pass the column's rule.
   */
  readonly freeText: readonly string[];
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

const account = accountUpdateInput.shape;
const visit = visitUpdateInput.shape;
const anniversary = anniversaryUpdateInput.shape;
const consumption = consumptionUpdateInput.shape;
/** A stored 0/1 flag. */
const flag = z.union([z.literal(0), z.literal(1)]);
/**
 * A phone as stored: the canonical form of a valid Chinese number, or a number abroad in E.164.
 * Abroad, only the shape is held to: whether a number is valid there is the phone library's
 * metadata of the day, and a number stored under older metadata must still sync.
 */
const storedPhone = z
  .string()
  .refine((value) => (value.startsWith('+') ? /^\+[1-9]\d{6,14}$/.test(value) : isStoredPhone(value)), {
    message: 'invalid_phone',
  });

/** JSON text holding a value of `schema`, written as `JSON.stringify` writes it. */
function storedJson(schema: z.ZodType) {
  return z.string().refine((text) => {
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success && JSON.stringify(parsed.data) === text;
    } catch {
      return false;
    }
  });
}

/** A table's spec; its synced columns are the columns its rules name. */
function table(definition: Omit<TableSpec, 'synced'>): TableSpec {
  return { ...definition, synced: Object.keys(definition.rules) };
}

export const tableSpecs: Record<SyncedTable, TableSpec> = {
  accounts: table({
    entity: 'account',
    rules: {
      kind: accountKindSchema,
      customer_no: customerNoSchema,
      name: account.name.unwrap(),
      credit_code: creditCodeSchema.nullable(),
      tier: tierSchema,
      tier_source: z.enum(['manager', 'suggested']),
      tier_reason: account.tierReason.unwrap(),
      status: z.enum(accountStatuses),
      owner: account.owner.unwrap(),
      region: account.region.unwrap(),
      industry: account.industry.unwrap(),
      address: account.address.unwrap(),
      postcode: account.postcode.unwrap(),
      notes: account.notes.unwrap(),
      created_by: account.owner.unwrap(),
      deleted: flag,
    },
    freeText: ['name', 'address', 'notes'],
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
  }),
  account_phones: table({
    entity: 'phone',
    rules: {
      account_id: idSchema,
      number: storedPhone,
      label: z.enum(phoneLabels),
      note: phoneUpdateInput.shape.note.unwrap(),
      deleted: flag,
    },
    freeText: ['note'],
    derived: ['number_rev'],
    derive: (row) => ({ number_rev: Array.from(String(row['number'])).reverse().join('') }),
  }),
  relationships: table({
    entity: 'relationship',
    rules: {
      from_id: idSchema,
      to_id: idSchema,
      type: z.enum(relationshipTypes),
      role: relationshipUpdateInput.shape.role.unwrap(),
      note: relationshipUpdateInput.shape.note.unwrap(),
      deleted: flag,
    },
    freeText: ['note'],
  }),
  visits: table({
    entity: 'visit',
    rules: {
      account_id: idSchema,
      occurred_at: visit.occurredAt.unwrap(),
      kind: z.enum(visitKinds),
      participants: visit.participants.unwrap(),
      content: visit.content.unwrap(),
      feedback: visit.feedback.unwrap(),
      follow_up: visit.followUp.unwrap(),
      follow_up_due: visit.followUpDue.unwrap(),
      follow_up_done_at: followUpDoneAtSchema,
      manager: visit.manager.unwrap(),
      deleted: flag,
    },
    freeText: ['participants', 'content', 'feedback', 'follow_up'],
  }),
  anniversaries: table({
    entity: 'anniversary',
    rules: {
      account_id: idSchema,
      kind: z.enum(anniversaryKinds),
      label: anniversary.label.unwrap(),
      calendar: z.enum(calendars),
      month: anniversary.month.unwrap(),
      day: anniversary.day.unwrap(),
      leap_month: flag,
      year: anniversary.year.unwrap(),
      lead_days: storedJson(anniversary.leadDays.unwrap().unwrap()).nullable(),
      note: anniversary.note.unwrap(),
      deleted: flag,
    },
    freeText: ['note'],
  }),
  consumption: table({
    entity: 'consumption',
    rules: {
      account_id: idSchema,
      period: consumption.period.unwrap(),
      category: z.enum(consumptionCategories),
      amount_fen: consumption.amountFen.unwrap(),
      quantity: consumption.quantity.unwrap(),
      source: consumption.source.unwrap(),
      note: consumption.note.unwrap(),
      deleted: flag,
    },
    freeText: ['note'],
    afterWrite: rollUpConsumption,
  }),
};
