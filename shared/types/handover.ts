import type { AccountStatus, AnniversaryKind, Tier } from './common';

/** One anniversary of a handed-over account falling in the report's window. */
export interface HandoverAnniversary {
  readonly date: string;
  readonly kind: AnniversaryKind;
  readonly label: string;
}

/** One contract of a handed-over account ending in the report's window. */
export interface HandoverRenewal {
  readonly number: string;
  readonly endDate: string;
}

/** One account of a handover report. */
export interface HandoverRow {
  readonly accountId: string;
  readonly customerNo: string;
  readonly name: string;
  readonly tier: Tier;
  readonly region: string;
  readonly status: AccountStatus;
  /** The latest visit up to now (ISO time), null when never visited. */
  readonly lastVisitAt: string | null;
  readonly openFollowUps: number;
  /** Anniversaries in the next 30 days, soonest first. */
  readonly anniversaries: readonly HandoverAnniversary[];
  /** Contracts ending in the next 90 days, soonest first. */
  readonly renewals: readonly HandoverRenewal[];
}

/** What a handover moves (preview) or moved, with one row per account. */
export interface HandoverReport {
  readonly from: string;
  readonly to: string;
  /** The day the windows start from (local). */
  readonly today: string;
  readonly accounts: number;
  readonly openFollowUps: number;
  readonly anniversaries: number;
  readonly renewals: number;
  readonly rows: readonly HandoverRow[];
}

/** A manager code that owns accounts in this book, with how many. */
export interface HandoverManager {
  readonly code: string;
  readonly accounts: number;
}
