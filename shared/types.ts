import type {
  accountKinds,
  accountStatuses,
  anniversaryKinds,
  calendars,
  consumptionCategories,
  phoneLabels,
  relationshipTypes,
  tiers,
  visitKinds,
} from './schemas';
import type {
  ImportBadRows,
  ImportField,
  ImportKind,
  ImportMapping,
  ImportMatchKey,
  ImportOnExisting,
} from './domain/importFields';
import type { BilledMonths } from './domain/statistics';
import type { AbcBounds, AbcClass, TierReason } from './domain/tiers';
import type { AgendaBucket } from './domain/agenda';

/** What the API returns. Ids are UUIDv7 strings, times ISO-8601 UTC, money integer fen. */
export type AccountKind = (typeof accountKinds)[number];
export type Tier = (typeof tiers)[number];
export type AccountStatus = (typeof accountStatuses)[number];
export type PhoneLabel = (typeof phoneLabels)[number];
export type RelationshipType = (typeof relationshipTypes)[number];
export type VisitKind = (typeof visitKinds)[number];
export type AnniversaryKind = (typeof anniversaryKinds)[number];
export type CalendarKind = (typeof calendars)[number];
export type ConsumptionCategory = (typeof consumptionCategories)[number];

/** The few facts that identify an account in a list, a search result or a link. */
export interface AccountSummary {
  readonly id: string;
  readonly kind: AccountKind;
  readonly customerNo: string;
  readonly name: string;
  readonly tier: Tier;
  readonly status: AccountStatus;
  readonly owner: string;
  readonly region: string;
}

export interface Account extends AccountSummary {
  /** `manager`: chosen by a person and kept; `suggested`: follows applied tier suggestions. */
  readonly tierSource: 'manager' | 'suggested';
  readonly tierReason: string;
  readonly creditCode: string | null;
  readonly industry: string;
  readonly address: string;
  readonly postcode: string;
  readonly notes: string;
  /** Pinyin of the name, space-separated by character (for sorting and display hints). */
  readonly namePinyin: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export interface AccountPhone {
  readonly id: string;
  readonly accountId: string;
  /** Digits only (+86 removed, landline trunk 0 kept). */
  readonly number: string;
  readonly label: PhoneLabel;
  readonly note: string;
  readonly createdAt: string;
}

export interface Relationship {
  readonly id: string;
  readonly fromId: string;
  readonly toId: string;
  readonly type: RelationshipType;
  readonly role: string;
  readonly note: string;
  readonly createdAt: string;
}

/** A relationship seen from one account: who is on the other end, and in which direction. */
export interface RelationshipView extends Relationship {
  /** `out`: this account is `fromId` (the employer, the parent company). */
  readonly direction: 'out' | 'in';
  readonly other: AccountSummary;
}

export interface Visit {
  readonly id: string;
  readonly accountId: string;
  readonly occurredAt: string;
  readonly kind: VisitKind;
  readonly participants: string;
  readonly content: string;
  readonly feedback: string;
  readonly followUp: string;
  readonly followUpDue: string | null;
  /** When the follow-up was marked done (ISO time), null while it is open. Synced. */
  readonly followUpDoneAt: string | null;
  readonly manager: string;
  readonly createdAt: string;
}

export interface AnniversaryRecord {
  readonly id: string;
  readonly accountId: string;
  readonly kind: AnniversaryKind;
  readonly label: string;
  readonly calendar: CalendarKind;
  readonly month: number;
  readonly day: number;
  readonly leapMonth: boolean;
  readonly year: number | null;
  /** Days ahead to remind; null uses the tier's default. */
  readonly leadDays: readonly number[] | null;
  readonly note: string;
  readonly createdAt: string;
}

export interface Anniversary extends AnniversaryRecord {
  /** When it next falls (today counts), with the age or Nth anniversary when the year is known. */
  readonly next: { readonly date: string; readonly years: number | null };
}

/** One anniversary falling on one date: the answer to "who has a special day on …?". */
export interface AnniversaryOnDate {
  readonly anniversary: AnniversaryRecord;
  readonly account: AccountSummary;
  /** The Gregorian date it falls on. */
  readonly date: string;
  /** Days from the query's start date (0: that day). */
  readonly daysLeft: number;
  /** Age or Nth anniversary, in the rule's calendar; null when the year is unknown. */
  readonly years: number | null;
  /** A round year (10th, 20th … 60th 花甲). */
  readonly milestone: boolean;
}

export interface AnniversaryWindow {
  readonly from: string;
  readonly to: string;
  /** All that fall in the window; `rows` holds the first `limit`, by date then tier. */
  readonly total: number;
  readonly rows: readonly AnniversaryOnDate[];
}

export interface ConsumptionRecord {
  readonly id: string;
  readonly accountId: string;
  readonly period: string;
  readonly category: ConsumptionCategory;
  readonly amountFen: number;
  readonly quantity: number | null;
  readonly source: string;
  readonly note: string;
  readonly createdAt: string;
}

export interface ConsumptionSummary {
  /** The last 12 billing months that have records or not, oldest first, ending this month. */
  readonly months: readonly { readonly period: string; readonly amountFen: number }[];
  readonly last12MonthsFen: number;
  /** The 12 months before those, for a year-on-year comparison. */
  readonly previous12MonthsFen: number;
  readonly lifetimeFen: number;
  readonly byCategory: readonly { readonly category: ConsumptionCategory; readonly amountFen: number }[];
  readonly latestPeriod: string | null;
}

/** A customer group (集团客户): the `holds` tree an account belongs to. */
export interface CustomerGroupNode {
  readonly account: AccountSummary;
  readonly parentId: string | null;
  readonly depth: number;
}

export interface AccountDetail {
  readonly account: Account;
  readonly phones: readonly AccountPhone[];
  readonly relationships: readonly RelationshipView[];
  /** The latest visits, newest first. */
  readonly visits: readonly Visit[];
  readonly visitCount: number;
  readonly consumption: ConsumptionSummary;
  readonly anniversaries: readonly Anniversary[];
  /** The whole group from its root, when the account is part of one; else empty. */
  readonly group: readonly CustomerGroupNode[];
  /**
   * When the latest visit of any kind took place (ISO time), or null when there was none. A visit
   * dated later than now is a plan, not a contact, and is not counted.
   */
  readonly lastContactAt: string | null;
}

/** Why an existing account may be the one the user is about to enter again. */
export type DuplicateReason = 'phone' | 'creditCode' | 'name' | 'customerNo';

export interface DuplicateMatch {
  readonly account: AccountSummary;
  readonly reasons: readonly DuplicateReason[];
  /** For a phone match: the number both share. */
  readonly phone?: string;
}

/** A row of the accounts list: the summary and what the list shows and sorts by besides. */
export interface AccountListRow extends AccountSummary {
  /** The latest visit of any kind up to now (ISO time), or null: never. */
  readonly lastContactAt: string | null;
  /** Consumption in the 12 months of `AccountPage.revenueWindow`, in fen. */
  readonly revenue12mFen: number;
}

export interface AccountPage {
  readonly total: number;
  readonly rows: readonly AccountListRow[];
  /**
   * The 12 billing months the revenue column sums: ending at the latest month with bills in the
   * book (not after the current month), or null when the book has no bills.
   */
  readonly revenueWindow: { readonly from: string; readonly to: string } | null;
}

export type LookupField = 'phone' | 'name' | 'pinyin' | 'initials' | 'customerNo' | 'creditCode' | 'id';
/** A phone matched by its last digits is a `suffix` match, ranked with prefixes. */
export type MatchKind = 'exact' | 'prefix' | 'suffix' | 'substring';

export interface LookupHit {
  readonly account: AccountSummary;
  readonly field: LookupField;
  readonly match: MatchKind;
  /** The text that matched (the name, the phone digits, the number) and the matched range in it. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface LookupResult {
  readonly query: string;
  /** How the query was read: digits, Chinese characters, Latin letters, a code or an id. */
  readonly kind: 'empty' | 'digits' | 'han' | 'latin' | 'code' | 'id';
  /** The best matches, at most the `limit` asked for. */
  readonly hits: readonly LookupHit[];
  /** How many accounts match in all; counting stops at `lookupCountLimit`. */
  readonly total: number;
  /** Counting stopped at `lookupCountLimit`: at least that many accounts match. */
  readonly totalCapped: boolean;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/** Preferences of this device (not synced). */
export interface Settings {
  readonly managerCode: string;
  readonly managerName: string;
  /** null: follow the system's language. */
  readonly language: 'zh-CN' | 'en' | null;
  /** Days ahead to remind of anniversaries, by tier. */
  readonly leadDays: Readonly<Record<Tier, readonly number[]>>;
  readonly launchAtLogin: boolean;
  /** Days between visits each tier should get; accounts past it show in visit coverage. */
  readonly visitCadenceDays: Readonly<Record<Tier, number>>;
  /**
   * How many hours ahead of this computer's clock a sync file's changes may be dated; a file
   * with changes dated later is refused (SYNC_CLOCK_AHEAD), and this device's own clock never
   * runs further ahead than this.
   */
  readonly maxClockDriftHours: number;
  /** A team passphrase for sync files is set on this device (the passphrase itself never leaves). */
  readonly syncPassphraseSet: boolean;
  /**
   * Where a passphrase set now is kept: `protected` on disk by the OS (Electron safeStorage), or
   * `memory` only until the app closes (preview mode, tests, CLI, no OS keyring).
   */
  readonly syncPassphraseStorage: SyncPassphraseStorage;
  /**
   * Who the app records as author and whose accounts are "mine" (reminders): the manager code,
   * else the transport's fallback (the OS user). Read-only.
   */
  readonly actor: string;
}

export interface DayCount {
  readonly date: string;
  readonly count: number;
}

/**
 * An anniversary reminder that wants attention: due now at one of its lead times, or missed
 * while the laptop was off, until it is acknowledged (a visit recorded) or snoozed.
 */
export interface Reminder {
  readonly occurrence: AnniversaryOnDate;
  /** The lead time this reminder is for (7: a week before; 0: on the day). */
  readonly leadDays: number;
  readonly dueOn: string;
  /** The day has passed (missed while the laptop was off, or not yet acknowledged). */
  readonly missed: boolean;
  /** A desktop notification was shown for this lead time already. */
  readonly notified: boolean;
}

// --- Agenda (待办) ---

export type { AgendaBucket };

interface AgendaEntry {
  /** The day it falls on: a follow-up's due day, a planned visit's local day, an anniversary's date. */
  readonly day: string;
  /** Days from today (negative: overdue). */
  readonly daysLeft: number;
  readonly account: AccountSummary;
}

/** A visit's follow-up that is not done yet; `visit.followUp` says what to do. */
export interface FollowUpItem extends AgendaEntry {
  readonly type: 'followUp';
  readonly visit: Visit;
}

/** A visit dated in the future: a plan, made a record of what happened once it is done. */
export interface PlannedVisitItem extends AgendaEntry {
  readonly type: 'plannedVisit';
  readonly visit: Visit;
}

/** An anniversary reminder that wants action (the same as on the anniversaries screen). */
export interface AnniversaryItem extends AgendaEntry {
  readonly type: 'anniversary';
  readonly reminder: Reminder;
}

export type AgendaItem = FollowUpItem | PlannedVisitItem | AnniversaryItem;

export interface AgendaBucketList {
  /** The first `limit` items, by day (then the time of a planned visit, then the account). */
  readonly items: readonly AgendaItem[];
  /** All the items in the bucket. */
  readonly total: number;
}

/**
 * The acting manager's agenda: follow-ups of visits on accounts they own or visits they logged,
 * planned visits (the same rule), and reminders of their accounts' anniversaries.
 */
export interface Agenda {
  readonly today: string;
  /** The last day of the `week` bucket. */
  readonly through: string;
  /** Whose agenda it is (the acting manager). */
  readonly manager: string;
  readonly buckets: Readonly<Record<AgendaBucket, AgendaBucketList>>;
  /** Overdue and due today: the navigation's count. */
  readonly due: number;
  /** Of the overdue items, the follow-ups (what "mark all done" would complete). */
  readonly overdueFollowUps: number;
}

/** What completing a follow-up did: the visit (marked done) and the record of what was done, if any. */
export interface FollowUpCompletion {
  readonly visit: Visit;
  readonly record: Visit | null;
}

/** Who is asking, supplied by the transport (the signed-in manager), never by the input. */
export interface RequestContext {
  readonly actor: string;
}

// --- CSV import ---

export type { ImportBadRows, ImportField, ImportKind, ImportMapping, ImportMatchKey, ImportOnExisting };

/** How a staged file's bytes were read. */
export type ImportEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** The choices an import is made with; remembered per header set. */
export interface ImportSettings {
  readonly kind: ImportKind;
  readonly mapping: ImportMapping;
  readonly matchKey: ImportMatchKey;
  readonly onExisting: ImportOnExisting;
  /**
   * Service names the file uses that are not Fieldbook's (`云计算`), each read as one of its
   * categories; keyed by `categoryKey(name)`. Absent in settings saved before it existed.
   */
  readonly categoryMap?: ImportCategoryMap;
}

/** A file's own service names → the categories they are read as (keys: `categoryKey(name)`). */
export type ImportCategoryMap = Readonly<Partial<Record<string, ConsumptionCategory>>>;

/** A file read and held by the service until it is applied (or pushed out by newer files). */
export interface StagedImport {
  readonly stageId: string;
  readonly fileName: string;
  readonly encoding: ImportEncoding;
  readonly delimiter: ',' | ';' | '\t';
  readonly headers: readonly string[];
  /** The first data rows, as text, for the mapping screen. */
  readonly sample: readonly (readonly string[])[];
  /** Data rows (the header line not counted). */
  readonly rowCount: number;
  /** The settings last applied to a file with these headers, if any. */
  readonly remembered: ImportSettings | null;
  /** A mapping guessed from the header names, for each kind of import. */
  readonly suggested: {
    readonly consumption: ImportMapping;
    readonly accounts: ImportMapping;
  };
}

/** Why one cell (or row) cannot be imported. */
export type ImportRowErrorCode =
  | 'required'
  | 'invalid_period'
  | 'invalid_category'
  | 'invalid_amount'
  | 'invalid_quantity'
  | 'invalid_customer_no'
  | 'invalid_credit_code'
  | 'invalid_phone'
  | 'invalid_kind'
  | 'invalid_tier'
  | 'invalid_postcode'
  | 'too_long'
  | 'invalid_characters'
  | 'unknown_account'
  | 'ambiguous_account'
  | 'ambiguous_existing'
  | 'duplicate_in_file'
  | 'customer_no_taken'
  | 'kind_mismatch'
  | 'credit_code_for_person';

export interface ImportRowError {
  /** The row as Excel numbers it: the header is row 1, the first data row is row 2. */
  readonly row: number;
  /** The header of the column at fault; null for a problem of the whole row. */
  readonly column: string | null;
  readonly field: ImportField | null;
  readonly code: ImportRowErrorCode;
  /** The cell's text as read. */
  readonly value: string;
}

export interface ImportCounts {
  /** Data rows in the file. */
  readonly rows: number;
  readonly create: number;
  readonly update: number;
  readonly skip: number;
  /** Existing rows an update would not change. */
  readonly unchanged: number;
  /** Rows with at least one error. */
  readonly errors: number;
}

/** What applying would do; nothing is written. */
export interface ImportPreview {
  readonly counts: ImportCounts;
  /** The first errors, in file order. */
  readonly errors: readonly ImportRowError[];
  /** All errors (cells), of which `errors` lists the first. */
  readonly errorTotal: number;
  /**
   * Service names in the file that are not Fieldbook's, with how many rows use each (mapped
   * ones too, so a mapping can be changed); most used first, at most 50. Bills only.
   */
  readonly unknownCategories: readonly ImportUnknownCategory[];
}

export interface ImportUnknownCategory {
  /** The name as the file first writes it. */
  readonly name: string;
  /** `categoryKey(name)`: what `categoryMap` is keyed by. */
  readonly key: string;
  readonly rows: number;
}

/**
 * The rows a partial import left out (`badRows: 'skip'`), as a CSV file to correct and import
 * again: UTF-8 with BOM, the file's own columns and cells, and one more column saying what is
 * wrong with each row.
 */
export interface ImportRejects {
  readonly fileName: string;
  readonly contentBase64: string;
  readonly rows: number;
}

export interface ImportRevertCounts {
  /** Rows the import created, now deleted. */
  readonly deleted: number;
  /** Rows the import updated, their fields put back. */
  readonly restored: number;
  /** Rows left alone because someone changed them after the import (or already deleted them). */
  readonly conflicts: number;
}

/** An import as recorded on this device. */
export interface ImportRecord {
  readonly id: string;
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly encoding: ImportEncoding;
  readonly at: string;
  readonly actor: string;
  readonly settings: ImportSettings;
  readonly counts: ImportCounts;
  readonly revertedAt: string | null;
  readonly revertedBy: string | null;
  readonly revertCounts: ImportRevertCounts | null;
}

/** A row a revert left alone, and the fields changed since the import. */
export interface ImportRevertConflict {
  readonly table: string;
  readonly rowId: string;
  readonly columns: readonly string[];
}

export interface ImportRevertResult {
  readonly import: ImportRecord;
  readonly counts: ImportRevertCounts;
  /** The first conflicts. */
  readonly conflicts: readonly ImportRevertConflict[];
}

// --- end of CSV import ---

// --- Consumption statistics ---
// Money is integer fen; shares are fractions of 1; a change is a fraction (0.25: up 25%),
// null when its base is zero or negative. Statistics read the monthly roll-up, never raw rows,
// and leave deleted accounts out (archived ones keep their history).

export type { AbcBounds, AbcClass, BilledMonths };

/** Billing months `from`…`to`, both included. */
export interface StatsWindow {
  readonly from: string;
  readonly to: string;
  readonly months: number;
}

/** Fen billed in one month. */
export interface MonthAmount {
  readonly period: string;
  readonly amountFen: number;
}

export interface CategoryTrend {
  readonly category: ConsumptionCategory;
  readonly amountFen: number;
  /** Of the window's total. */
  readonly share: number;
  readonly series: readonly MonthAmount[];
}

/** A monthly series over a window with its headline comparisons (an account's or a group's). */
export interface ConsumptionTrend {
  readonly window: StatsWindow;
  /** Every month of the window, oldest first; months without bills are 0. */
  readonly series: readonly MonthAmount[];
  readonly totalFen: number;
  /** The window's last month… */
  readonly latestFen: number;
  /** …against the month before (month on month) … */
  readonly momChange: number | null;
  /** …and against the same month a year earlier (year on year). */
  readonly yoyChange: number | null;
  /** The 12 months ending with the window, the 12 before them, and the change between. */
  readonly trailing12Fen: number;
  readonly previous12Fen: number;
  readonly trailing12Change: number | null;
  /** Categories with any bill in the window, largest first. */
  readonly byCategory: readonly CategoryTrend[];
}

export interface AccountStats {
  readonly account: AccountSummary;
  /** The category filter applied (null: all categories). */
  readonly categories: readonly ConsumptionCategory[] | null;
  readonly trend: ConsumptionTrend;
}

/** One company of a customer group, with its own part of the group's window total. */
export interface GroupMemberStats {
  readonly account: AccountSummary;
  readonly parentId: string | null;
  readonly depth: number;
  readonly amountFen: number;
  readonly share: number;
}

export interface GroupStats {
  /** The group's root (the account itself when it holds and is held by nothing). */
  readonly root: AccountSummary;
  readonly categories: readonly ConsumptionCategory[] | null;
  /** Rolled up over every live company of the `holds` tree. */
  readonly trend: ConsumptionTrend;
  /** Parents before children (tree order), as `accounts.detail`'s group. */
  readonly members: readonly GroupMemberStats[];
}

/** One slice of the portfolio (an owner, a region, a tier or a category). */
export interface PortfolioSlice<K extends string = string> {
  readonly key: K;
  readonly amountFen: number;
  readonly share: number;
  /** Accounts with bills in the window. */
  readonly accounts: number;
}

export interface RankedAccount {
  readonly rank: number;
  readonly account: AccountSummary;
  readonly amountFen: number;
  readonly share: number;
}

export interface PortfolioStats {
  readonly window: StatsWindow;
  /** The book's billed months, for choosing a window's end (`window.to` defaults to `billed.defaultTo`). */
  readonly billed: BilledMonths;
  readonly categories: readonly ConsumptionCategory[] | null;
  readonly totalFen: number;
  /** Accounts with bills in the window. */
  readonly accounts: number;
  /** The portfolio month by month. */
  readonly series: readonly MonthAmount[];
  /** Largest first. */
  readonly byOwner: readonly PortfolioSlice[];
  readonly byRegion: readonly PortfolioSlice[];
  readonly byTier: readonly PortfolioSlice<Tier>[];
  /** `accounts` here counts accounts with a bill in that category. */
  readonly byCategory: readonly PortfolioSlice<ConsumptionCategory>[];
  readonly top: readonly RankedAccount[];
}

/** An account or a customer group in the 80/20 ranking. */
export interface ParetoRow {
  readonly rank: number;
  /** The account, or the group's root. */
  readonly account: AccountSummary;
  /** Companies counted (1 when ranking accounts). */
  readonly members: number;
  readonly amountFen: number;
  readonly share: number;
  /** Share of the total held by this row and all ranked before it. */
  readonly cumulativeShare: number;
  readonly abcClass: AbcClass;
}

export interface ParetoCurvePoint {
  readonly rank: number;
  /** `rank / ranked`: the x axis. */
  readonly rankShare: number;
  readonly cumulativeShare: number;
}

export interface ParetoClass {
  readonly abcClass: AbcClass;
  readonly count: number;
  readonly amountFen: number;
  readonly share: number;
}

/**
 * Accounts (or groups) ranked by consumption in the window, largest first. Only those with a
 * positive total are ranked; the one that crosses a class bound still belongs to the class
 * above it (`abcClassOf`).
 */
export interface ParetoStats {
  readonly window: StatsWindow;
  /** The book's billed months, for choosing a window's end (`window.to` defaults to `billed.defaultTo`). */
  readonly billed: BilledMonths;
  readonly by: 'account' | 'group';
  readonly categories: readonly ConsumptionCategory[] | null;
  readonly bounds: AbcBounds;
  /** Sum over the ranked rows. */
  readonly totalFen: number;
  readonly ranked: number;
  /** A, B and C in that order (a class may have 0 rows). */
  readonly classes: readonly ParetoClass[];
  /** The cumulative curve sampled evenly by rank; the first and last ranks are included. */
  readonly curve: readonly ParetoCurvePoint[];
  readonly top: readonly ParetoRow[];
}

export interface SlippingAccount {
  readonly account: AccountSummary;
  readonly recentFen: number;
  readonly previousFen: number;
  /** Negative: the drop, in fen and as a fraction of the previous 3 months. */
  readonly changeFen: number;
  readonly change: number;
}

/** Accounts whose last 3 months fell by more than the threshold against the 3 before. */
export interface SlippingStats {
  readonly recent: StatsWindow;
  readonly previous: StatsWindow;
  /** The book's billed months (`recent.to` defaults to `billed.defaultTo`). */
  readonly billed: BilledMonths;
  readonly threshold: number;
  /** How many slipped; `rows` holds the largest drops (in fen) first, up to the limit. */
  readonly total: number;
  readonly rows: readonly SlippingAccount[];
}

export interface CoverageTier {
  readonly tier: Tier;
  readonly cadenceDays: number;
  /** Active accounts of the tier. */
  readonly accounts: number;
  /** Not visited within the cadence, of which never visited at all. */
  readonly overdue: number;
  readonly neverVisited: number;
  /** Fraction visited within the cadence (1 when the tier has no accounts). */
  readonly coverage: number;
}

export interface OverdueAccount {
  readonly account: AccountSummary;
  /** The latest visit (ISO time), null when never visited. */
  readonly lastVisitAt: string | null;
  readonly daysSinceVisit: number | null;
  readonly cadenceDays: number;
  /** Days past the cadence (null when never visited). */
  readonly overdueDays: number | null;
}

/** Active accounts not visited within their tier's cadence (Settings `visitCadenceDays`). */
export interface CoverageStats {
  readonly today: string;
  /** Strategic first. */
  readonly byTier: readonly CoverageTier[];
  readonly overdue: number;
  /** By tier (strategic first), never visited first, then the longest overdue. */
  readonly rows: readonly OverdueAccount[];
}

export interface RollupRebuildResult {
  /** Rows of the account × year × category roll-up and of the across-category one. */
  readonly rows: number;
  readonly totalRows: number;
  readonly milliseconds: number;
}

// --- end of consumption statistics ---

// --- Tier suggestions ---

export type { TierReason };

/** What the 80/20 view suggests for one account, and why. */
export interface TierSuggestion {
  readonly account: AccountSummary;
  readonly tierSource: Account['tierSource'];
  readonly suggested: Tier;
  readonly reason: TierReason;
}

export interface TierSuggestions {
  /** The trailing 12 months the classes are computed over. */
  readonly window: StatsWindow;
  /** Accounts in scope whose suggestion differs from their tier, of which… */
  readonly total: number;
  /** …these follow suggestions (`suggested`): applying all moves only them. */
  readonly automatic: number;
  /** Suggestions that differ, strategic first, then by consumption. */
  readonly rows: readonly TierSuggestion[];
}

export interface TierChange {
  readonly at: string;
  readonly actor: string;
  readonly from: Tier | null;
  readonly to: Tier;
  readonly source: Account['tierSource'];
  readonly reason: string;
}

// --- end of tier suggestions ---

// --- Sync ---

/** What a sync file says about itself (authenticated once the file is decoded). */
export interface SyncManifest {
  readonly bundleId: string;
  /** The device that wrote the file (its clock's node id). */
  readonly sourceNode: string;
  readonly schemaVersion: string;
  readonly opCount: number;
  /** Per origin node, the latest clock the writer had seen. */
  readonly versionVector: Readonly<Record<string, string>>;
  readonly createdAt: string;
}

export interface SyncExport {
  /** A suggested name; the caller writes the file. */
  readonly fileName: string;
  readonly contentBase64: string;
  readonly manifest: SyncManifest;
  readonly full: boolean;
  /** Rows exported per entity (`account`, `visit`, …). */
  readonly rows: Readonly<Record<string, number>>;
}

/** Per entity: what importing a file does (preview) or did (import). */
export interface SyncEntityCounts {
  readonly new: number;
  readonly changed: number;
  /** Rows with nothing newer than this device has. */
  readonly ignoredOlder: number;
  /** Free-text values that lost and went to the conflict inbox. */
  readonly conflicts: number;
}

export interface SyncPreview {
  readonly manifest: SyncManifest;
  /** Pass it back as the import's `expectedDigest`. */
  readonly digest: string;
  /** The file was imported before: importing it again changes nothing. */
  readonly alreadyImported: boolean;
  readonly entities: Readonly<Record<string, SyncEntityCounts>>;
  readonly totals: SyncEntityCounts;
  /**
   * Pairs of live accounts that will share a customer number or credit code once the file is
   * imported (numbers are not unique: two laptops can each enter one offline). A warning, not
   * a refusal; at most 100, `sharedNumbersTotal` counts them all.
   */
  readonly sharedNumbers: readonly SyncSharedNumber[];
  readonly sharedNumbersTotal: number;
}

/** What two accounts share: a customer number, or (organizations) a credit code. */
export type SharedNumberKind = Extract<DuplicateReason, 'customerNo' | 'creditCode'>;

/** Two accounts with the same number, one of them brought or changed by a sync file. */
export interface SyncSharedNumber {
  readonly kind: SharedNumberKind;
  readonly value: string;
  /** An account the file adds, or whose number, code or deletion it changes. */
  readonly incoming: SyncSharedNumberAccount;
  /** Another live account with that value: in this book already, or new in the same file. */
  readonly other: SyncSharedNumberAccount;
}

export interface SyncSharedNumberAccount {
  readonly id: string;
  readonly name: string;
  /** The book has this account already (else the file brings it). */
  readonly inBook: boolean;
}

/** Live accounts that share one customer number or credit code. */
export interface SharedNumberGroup {
  readonly kind: SharedNumberKind;
  readonly value: string;
  readonly accounts: readonly AccountSummary[];
}

export interface SharedNumbers {
  /** Groups in all; `groups` holds the first `limit` of them, by number. */
  readonly total: number;
  readonly groups: readonly SharedNumberGroup[];
}

/** How far a sync job has come (`sync.progress` events). */
export interface SyncProgress {
  readonly job: 'export' | 'preview' | 'import';
  /**
   * `decrypt`: the file is checked whole (key, tag) before any row is read; `rows`: rows read
   * from the book into the file (export) or merged into the book (preview, import); `encrypt`:
   * the rows are in, the file is being sealed.
   */
  readonly phase: 'decrypt' | 'rows' | 'encrypt';
  readonly done: number;
  readonly total: number;
}

export interface SyncImportResult {
  readonly bundleId: string;
  readonly sourceNode: string;
  readonly alreadyImported: boolean;
  readonly entities: Readonly<Record<string, SyncEntityCounts>>;
  readonly totals: SyncEntityCounts;
}

export interface SyncHistoryEntry {
  readonly bundleId: string;
  readonly direction: 'export' | 'import';
  readonly sourceNode: string;
  readonly at: string;
  readonly actor: string;
  readonly opCount: number;
  readonly full: boolean;
  /** Exports: rows per entity; imports: counts per entity. */
  readonly counts: Readonly<Record<string, unknown>>;
}

export type SyncPassphraseStorage = 'protected' | 'memory';

/** The team passphrase on this device, as `settings.get` also reports it. */
export interface SyncPassphraseStatus {
  readonly set: boolean;
  readonly storage: SyncPassphraseStorage;
}

export type SyncConflictResolution = 'keep' | 'replace' | 'merge';

/** A free-text value that lost a merge, for a person to decide about. */
export interface SyncConflict {
  readonly id: string;
  /** `account`, `phone`, `relationship`, `anniversary`. */
  readonly entity: string;
  readonly rowId: string;
  /** The account the row belongs to (the row itself for accounts), to show it in context. */
  readonly accountId: string | null;
  readonly column: string;
  readonly losingValue: string | number | null;
  readonly currentValue: string | number | null;
  readonly losingHlc: string;
  readonly winningHlc: string;
  readonly bundleId: string;
  readonly at: string;
  readonly resolvedAt: string | null;
  readonly resolution: SyncConflictResolution | null;
}

// --- end of sync ---

// --- CSV export ---

/** One export for the UI: a .csv for one table, a .zip of .csv files for several. */
export interface CsvExport {
  /** A suggested name; the renderer saves the file under it. */
  readonly fileName: string;
  readonly contentBase64: string;
  readonly mediaType: 'text/csv' | 'application/zip';
  /** Rows written per table (header lines not counted). */
  readonly rows: Readonly<Record<string, number>>;
}

// --- end of CSV export ---

// --- Storage: how the open book can be used ---

/**
 * Why an open book takes no changes: asked for (`--read-only`), its file, folder or medium
 * cannot be written here, or the integrity check at open found it damaged.
 */
export type StorageReadOnlyReason = 'requested' | 'not-writable' | 'damaged';

/** What opening the book did beyond opening it, for the window to tell once. */
export type StorageNotice =
  /** The book was brought to this app's schema; `copy` is the verified copy made first. */
  | {
      readonly kind: 'upgraded';
      readonly from: string;
      readonly to: string;
      readonly copy: string | null;
      /** An earlier upgrade had been interrupted (the book was still at `from`). */
      readonly resumed: boolean;
    }
  /** The upgrade left a damaged book: it was replaced by the copy made before it, then upgraded. */
  | { readonly kind: 'restored'; readonly copy: string; readonly damagedKeptAs: string };

/** A verified copy of this book beside it (today: the one made before the last upgrade). */
export interface VerifiedCopy {
  readonly path: string;
  /** When it was written (ISO-8601). */
  readonly at: string;
}

/** `storage.get`: whether the open book takes changes, and if not, why. */
export interface StorageStatus {
  readonly path: string;
  readonly writable: boolean;
  readonly reason: StorageReadOnlyReason | null;
  /** The first problems the integrity check found, in SQLite's words (damaged books only). */
  readonly problems: readonly string[];
  readonly verifiedCopy: VerifiedCopy | null;
  readonly notices: readonly StorageNotice[];
}

/** What `PRAGMA quick_check` found: nothing for a sound book. */
export interface StorageCheck {
  readonly problems: readonly string[];
}

// --- end of storage ---
