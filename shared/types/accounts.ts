import type { Anniversary, ConsumptionSummary, Visit } from './activity';
import type { Contract } from './contracts';
import type { AccountKind, AccountStatus, PhoneLabel, RelationshipType, Tier, TierSource } from './common';

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
  readonly tierSource: TierSource;
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

/** A customer group (集团客户): the `holds` tree an account belongs to. */
export interface CustomerGroupNode {
  readonly account: AccountSummary;
  readonly parentId: string | null;
  readonly depth: number;
}

export interface AccountDetail {
  readonly account: Account;
  /** Masked (138****8000) when the user's role has no need: `accounts.reveal` shows them. */
  readonly phones: readonly AccountPhone[];
  readonly phonesMasked: boolean;
  readonly relationships: readonly RelationshipView[];
  /** The latest visits, newest first. */
  readonly visits: readonly Visit[];
  readonly visitCount: number;
  readonly consumption: ConsumptionSummary;
  readonly anniversaries: readonly Anniversary[];
  /** Live contracts, the one ending first first. */
  readonly contracts: readonly Contract[];
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

/** The sensitive values of an account, revealed for a stated purpose (recorded in the audit log). */
export interface RevealedAccount {
  readonly phones: readonly AccountPhone[];
  /** With the birth years the detail masked. */
  readonly anniversaries: readonly Anniversary[];
}
