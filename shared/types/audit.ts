import type { AuditEntry } from './lookup';

/** An entry as the Audit page shows it: with the account it is about, where that is known. */
export interface AuditListedEntry extends AuditEntry {
  /** The account (its own entry, or one of its rows'), or null when the entry is about none. */
  readonly accountId: string | null;
  readonly accountName: string | null;
  /** Its values were erased (who, when, why), the proof of the entry kept. */
  readonly erased: unknown;
}

/** One page of the audit log, newest first. */
export interface AuditPage {
  readonly entries: readonly AuditListedEntry[];
  /** Older entries match too: ask again with `beforeId` = the last entry's id. */
  readonly more: boolean;
}

/** The values present in the log, for the Audit page's filters. */
export interface AuditFacets {
  readonly actions: readonly string[];
  readonly actors: readonly string[];
  readonly entities: readonly string[];
}
