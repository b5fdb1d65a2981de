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
}

/** Why an existing account may be the one the user is about to enter again. */
export type DuplicateReason = 'phone' | 'creditCode' | 'name' | 'customerNo';

export interface DuplicateMatch {
  readonly account: AccountSummary;
  readonly reasons: readonly DuplicateReason[];
  /** For a phone match: the number both share. */
  readonly phone?: string;
}

export interface AccountPage {
  readonly total: number;
  readonly rows: readonly AccountSummary[];
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
  readonly hits: readonly LookupHit[];
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

/** Who is asking, supplied by the transport (the signed-in manager), never by the input. */
export interface RequestContext {
  readonly actor: string;
}
