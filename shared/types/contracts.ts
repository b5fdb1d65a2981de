import type { AccountSummary } from './accounts';
import type { ConsumptionCategory } from './common';

/** A service contract (合同) of an account. Dates are plain days; money integer fen. */
export interface Contract {
  readonly id: string;
  readonly accountId: string;
  /** The contract's own code, as printed on it (upper case). */
  readonly number: string;
  readonly service: ConsumptionCategory;
  readonly startDate: string;
  /** The last day it runs. */
  readonly endDate: string;
  readonly monthlyFen: number;
  /** Renews by itself unless cancelled: the reminder is then about the terms, not a signature. */
  readonly autoRenew: boolean;
  readonly notes: string;
  readonly createdAt: string;
}

/** A contract with its account, and how many days are left until its last day. */
export interface ContractOfAccount {
  readonly contract: Contract;
  readonly account: AccountSummary;
  /** Days from today to the end day (0: it ends today). */
  readonly daysLeft: number;
}

/**
 * A renewal reminder that wants attention: a contract of the acting manager's accounts whose
 * end is within one of its tier's lead times (`renewalLeadDays`), until it ends or is extended.
 */
export interface RenewalReminder extends ContractOfAccount {
  /** The lead time reached (90, 30 or 7 days ahead). */
  readonly leadDays: number;
}

/** Contracts coming to an end in a window, with what they bring in a month. */
export interface ContractsExpiring {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** The monthly value of them all, in fen. */
  readonly monthlyFen: number;
  /** The first of them, soonest first. */
  readonly items: readonly ContractOfAccount[];
}
