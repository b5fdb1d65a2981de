import type { AccountSummary } from './accounts';
import type { AnniversaryKind, CalendarKind, ConsumptionCategory, VisitKind } from './common';

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
  /**
   * A person's birth year kept from a role with no need of it (auditor; supervisor outside
   * their own accounts): `year` is null here though the book holds one (`accounts.reveal`).
   */
  readonly yearMasked?: true;
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

export interface DayCount {
  readonly date: string;
  readonly count: number;
}
