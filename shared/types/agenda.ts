import type { AgendaBucket } from '../domain/agenda';
import type { AccountSummary } from './accounts';
import type { AnniversaryOnDate, Visit } from './activity';
import type { RenewalReminder } from './contracts';

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
  /** Contracts of the manager's accounts within a renewal lead time (90/30/7 days by tier). */
  readonly renewals: readonly RenewalReminder[];
}

/** What completing a follow-up did: the visit (marked done) and the record of what was done, if any. */
export interface FollowUpCompletion {
  readonly visit: Visit;
  readonly record: Visit | null;
}
