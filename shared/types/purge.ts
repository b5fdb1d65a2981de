import type { Tier } from './common';

/** The purge rules of this device (Settings → Maintenance). */
export interface PurgeRules {
  readonly archived: { readonly enabled: boolean; readonly months: number };
  readonly dormant: { readonly enabled: boolean; readonly months: number; readonly tier: Tier };
}

/** Why an account is proposed, with the facts the rule read. */
export type PurgeReason =
  | {
      readonly rule: 'archived';
      /** When it was archived (the clock of its status, ISO time). */
      readonly since: string;
    }
  | {
      readonly rule: 'dormant';
      readonly tier: Tier;
      /** The month of its latest bill (`YYYY-MM`), null: never billed. */
      readonly lastBillMonth: string | null;
      /** When the account was created (ISO time). */
      readonly createdAt: string;
    };

export interface PurgeCandidate {
  readonly id: string;
  readonly customerNo: string;
  readonly name: string;
  readonly tier: Tier;
  readonly owner: string;
  readonly reasons: readonly PurgeReason[];
}

/** `purge.candidates`: one page, newest reasons first, and how many match in all. */
export interface PurgeCandidatePage {
  readonly rules: PurgeRules;
  readonly total: number;
  readonly candidates: readonly PurgeCandidate[];
}

/** `purge.apply`: the accounts erased, rows removed per entity, whether the file was rebuilt. */
export interface PurgeResult {
  readonly erased: readonly string[];
  readonly rows: Readonly<Record<string, number>>;
  readonly auditEntries: number;
  readonly compacted: boolean;
}
