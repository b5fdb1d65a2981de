import type { Generated } from 'kysely';
import type {
  AccountKind,
  AccountStatus,
  AnniversaryKind,
  CalendarKind,
  ConsumptionCategory,
  PhoneLabel,
  RelationshipType,
  Tier,
  TierSource,
  VisitKind,
} from '../shared/types';

/**
 * The database as kysely sees it: one interface per table, columns as SQLite stores them. A
 * column holding one of the contract's enums has that type (its CHECK or its rule keeps it so).
 */

interface Synced {
  id: string;
  deleted: number;
  /** Clock of the insert; the clock of every field without a `field_clock` row. */
  hlc: string;
  /** This device's change counter at the row's last change. */
  seq: number;
}

export interface AccountsTable extends Synced {
  rid: Generated<number>;
  kind: AccountKind;
  customer_no: string;
  name: string;
  credit_code: string | null;
  tier: Tier;
  /** `manager` (kept) or `suggested` (follows applied suggestions). */
  tier_source: TierSource;
  tier_reason: string;
  status: AccountStatus;
  owner: string;
  region: string;
  industry: string;
  address: string;
  postcode: string;
  notes: string;
  created_by: string;
  updated_at: string;
  name_pinyin: string;
  name_key: string;
}

export interface AccountPhonesTable extends Synced {
  account_id: string;
  number: string;
  label: PhoneLabel;
  note: string;
  number_rev: string;
}

export interface RelationshipsTable extends Synced {
  from_id: string;
  to_id: string;
  type: RelationshipType;
  role: string;
  note: string;
}

export interface VisitsTable extends Synced {
  account_id: string;
  occurred_at: string;
  kind: VisitKind;
  participants: string;
  content: string;
  feedback: string;
  follow_up: string;
  follow_up_due: string | null;
  /** When the follow-up was done (ISO time), NULL while open. */
  follow_up_done_at: string | null;
  manager: string;
}

export interface AnniversariesTable extends Synced {
  account_id: string;
  kind: AnniversaryKind;
  label: string;
  calendar: CalendarKind;
  month: number;
  day: number;
  leap_month: number;
  year: number | null;
  /** JSON array of days, or null for the tier's default. */
  lead_days: string | null;
  note: string;
}

export interface ConsumptionTable extends Synced {
  account_id: string;
  period: string;
  category: ConsumptionCategory;
  amount_fen: number;
  quantity: number | null;
  source: string;
  note: string;
}

/** A service contract (合同) of an account: its dates, monthly value and renewal. */
export interface ContractsTable extends Synced {
  account_id: string;
  number: string;
  service: ConsumptionCategory;
  start_date: string;
  end_date: string;
  monthly_fen: number;
  auto_renew: number;
  notes: string;
}

export interface SyncClockTable {
  id: number;
  node: string;
  hlc: string;
  seq: number;
  /** Where the node id belongs (`db/sync/node.ts`); NULL until recorded. */
  home: string | null;
}

export interface FieldClockTable {
  tbl: string;
  row_id: string;
  col: string;
  hlc: string;
}

export interface SyncOpsTable {
  seq: number;
  col: string;
  hlc: string;
  tbl: string;
  row_id: string;
  value: string | null;
}

export interface SearchKeysTable {
  field: number;
  archived: number;
  start: number;
  key: string;
  account_rid: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  /** SHA-256 of before and after (db/audit/chain.ts); kept when an erasure blanks them. */
  body_hash: string | null;
  /** SHA-256 chaining this entry to the one before it. */
  hash: string | null;
  /** Who erased the values, when and why (JSON); NULL for every entry not erased. */
  erased: string | null;
}

export interface ReminderLogTable {
  anniversary_id: string;
  occurs_on: string;
  lead_days: number;
  due_on: string;
  fired_at: string;
  acknowledged_at: string | null;
  acknowledged_as: string | null;
  visit_id: string | null;
  snoozed_until: string | null;
}

/** A follow-up this device has shown a desktop reminder for, per due day (local). */
/** Renewal reminders this device has notified (local): per contract, end day and lead time. */
export interface RenewalLogTable {
  contract_id: string;
  end_date: string;
  lead_days: number;
  notified_at: string;
}

export interface FollowUpLogTable {
  visit_id: string;
  due_on: string;
  notified_at: string;
}

/** Fen of live consumption in each month of a year (derived, local). */
export interface RollupMonths {
  m01: number;
  m02: number;
  m03: number;
  m04: number;
  m05: number;
  m06: number;
  m07: number;
  m08: number;
  m09: number;
  m10: number;
  m11: number;
  m12: number;
}

/** Consumption per account × year × category, one column per month. */
export interface ConsumptionRollupTable extends RollupMonths {
  account_id: string;
  year: number;
  category: ConsumptionCategory;
}

/** Consumption per account × year across categories. */
export interface ConsumptionRollupTotalTable extends RollupMonths {
  account_id: string;
  year: number;
}

/** The 12-month window `consumption_window*` hold, by its last month (NULL: no bills yet). */
export interface ConsumptionWindowEndTable {
  id: number;
  period: string | null;
}

/** Per account, its live bills over the held window, across categories. */
export interface ConsumptionWindowTotalTable {
  account_id: string;
  fen: number;
}

/** Per category and account, its live bills over the held window. */
export interface ConsumptionWindowTable {
  category: string;
  account_id: string;
  fen: number;
}

/** Per billing month, the live bills of every account (deleted accounts included). */
export interface ConsumptionMonthTotalTable {
  period: string;
  fen: number;
}

export interface ImportsTable {
  id: string;
  kind: 'consumption' | 'accounts';
  file_name: string;
  encoding: string;
  /** JSON: mapping, match key, what to do with existing rows. */
  options: string;
  /** JSON: rows created / updated / skipped. */
  counts: string;
  actor: string;
  imported_at: string;
  reverted_at: string | null;
  reverted_by: string | null;
  revert_counts: string | null;
}

/** Rows an import created, a chunk per row: `columns` and `rows` are JSON (id, seq, synced columns). */
/** An import of bills whose record of created rows and roll-up are still to follow (db/imports/settle.ts). */
export interface UnsettledImportsTable {
  import_id: string;
  /** The change numbers its writes took: the bills it created are the rows in it it did not update. */
  first_seq: number;
  last_seq: number;
}

export interface ImportCreatedTable {
  import_id: string;
  /** The first ordinal of the run this chunk covers (shared numbering with import_changes). */
  ordinal: number;
  tbl: string;
  columns: string;
  rows: string;
}

/** One row an import changed (or, recorded before migration 0007, created), with the values before. */
export interface ImportChangesTable {
  import_id: string;
  ordinal: number;
  tbl: string;
  row_id: string;
  action: 'create' | 'update';
  /** JSON of the changed columns before the import (updates only). */
  before: string | null;
  /** The row's change counter right after the import: a different one later means edited since. */
  seq: number;
  /** Updates: the field clock the import gave the changed fields (a field with another was edited since). */
  hlc: string | null;
  /**
   * JSON of the values the import wrote (updates: the changed columns; creates: the synced
   * columns). A revert compares current values with these; NULL for rows recorded before
   * migration 0006, whose revert goes by `seq` and `hlc` instead.
   */
  after: string | null;
}

/** The column mapping last used for a CSV header set. */
/** The rows a partial import left out, to give them back as a file (migration 0012). */
export interface ImportRejectsTable {
  import_id: string;
  /** JSON: the file's column names. */
  headers: string;
  row_count: number;
  /** JSON: [Excel row, cells, errors as [column, field, code, value]] per row left out. */
  rows: string;
}

export interface ImportMappingsTable {
  header_key: string;
  kind: string;
  settings: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** A sync file this device exported or imported (local, never synced). */
export interface SyncBundlesTable {
  bundle_id: string;
  direction: 'export' | 'import';
  source_node: string;
  at: string;
  actor: string;
  schema_version: string;
  op_count: number;
  full: number;
  /** JSON per entity: imports { new, changed, ignoredOlder, conflicts }; exports rows. */
  counts: string;
  /** JSON: per origin node, the latest clock the file carried or knew of. */
  version_vector: string;
  /** Exports: the change counter exported from (exclusive) and up to (inclusive). */
  since_seq: number | null;
  up_to_seq: number | null;
}

/** A free-text value that lost a merge, kept for a person to decide about. */
export interface SyncConflictsTable {
  id: string;
  tbl: string;
  row_id: string;
  col: string;
  /** JSON of the losing value. */
  losing_value: string | null;
  losing_hlc: string;
  winning_hlc: string;
  bundle_id: string;
  at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: 'keep' | 'replace' | 'merge' | null;
}

/** An account erased on request: its id only (migration 0018, db/erasure/). */
export interface ErasedAccountsTable {
  account_id: string;
  at: string;
  seq: number;
}

/** Who may open the book, and their role (migration 0021, db/access/). */
export interface UsersTable {
  code: string;
  name: string;
  role: 'manager' | 'supervisor' | 'auditor' | 'admin';
  supervisor: string | null;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
  /** Ed25519 public key (JWK `x`); null until the user first has a signing key. */
  public_key: string | null;
  /** The clock of the row's last change (db/sync/roster.ts); null: oldest. */
  clock: string | null;
}

/**
 * Per account that is not deleted, what statistics read of it every time (kept by the write
 * path, db/queries/accountStats.ts): its slice, its latest live visit, its held-window total.
 */
export interface AccountStatsTable {
  account_id: string;
  active: number;
  owner: string;
  region: string;
  tier: string;
  last_visit: string | null;
  window_fen: number;
}

/** Per anniversary rule key and owner, the live anniversaries of active live accounts. */
export interface AnniversaryKeyCountsTable {
  calendar: string;
  month: number;
  day: number;
  leap_month: number;
  owner: string;
  n: number;
}

export interface Database {
  accounts: AccountsTable;
  account_phones: AccountPhonesTable;
  relationships: RelationshipsTable;
  visits: VisitsTable;
  anniversaries: AnniversariesTable;
  consumption: ConsumptionTable;
  contracts: ContractsTable;
  sync_clock: SyncClockTable;
  field_clock: FieldClockTable;
  sync_ops: SyncOpsTable;
  search_keys: SearchKeysTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  reminder_log: ReminderLogTable;
  follow_up_log: FollowUpLogTable;
  renewal_log: RenewalLogTable;
  consumption_rollup: ConsumptionRollupTable;
  consumption_rollup_total: ConsumptionRollupTotalTable;
  consumption_window_end: ConsumptionWindowEndTable;
  consumption_window_total: ConsumptionWindowTotalTable;
  consumption_window: ConsumptionWindowTable;
  consumption_month_total: ConsumptionMonthTotalTable;
  account_stats: AccountStatsTable;
  anniversary_key_counts: AnniversaryKeyCountsTable;
  imports: ImportsTable;
  import_changes: ImportChangesTable;
  import_created: ImportCreatedTable;
  unsettled_imports: UnsettledImportsTable;
  import_mappings: ImportMappingsTable;
  import_rejects: ImportRejectsTable;
  sync_bundles: SyncBundlesTable;
  sync_conflicts: SyncConflictsTable;
  erased_accounts: ErasedAccountsTable;
  users: UsersTable;
}

/** The tables that sync between devices. */
export type SyncedTable =
  'accounts' | 'account_phones' | 'relationships' | 'visits' | 'anniversaries' | 'consumption' | 'contracts';
