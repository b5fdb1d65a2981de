import type { AccountSummary } from './accounts';

export type LookupField =
  | 'phone'
  | 'name'
  | 'pinyin'
  | 'initials'
  | 'customerNo'
  | 'creditCode'
  | 'id'
  /** A contract's number: the hit's text is the contract number. */
  | 'contractNo';
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
