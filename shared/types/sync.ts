import type { AccountSummary, DuplicateReason } from './accounts';

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
  /** The user who wrote and signed the file (absent: an unsigned file of a book without users). */
  readonly exporter?: string | undefined;
  /** A head-office file written for this user (`sync.export` `forUser`). */
  readonly recipient?: string | undefined;
  /** Why the file was written, as its exporter said. */
  readonly purpose?: string | undefined;
}

/**
 * Why a change in a file was refused: the file's signer may not make it (their role and
 * accounts, as this book knows them). Refused changes write nothing; the rest of the file is
 * imported.
 */
export type SyncRefusalReason =
  /** It changes an account (or a record of one) outside the signer's accounts. */
  | 'outsideSignersAccounts'
  /** It hands an account to an owner outside the signer's accounts. */
  | 'ownerOutsideSignersAccounts'
  /** It erases an account, which only a supervisor or an administrator may. */
  | 'erasureNotAllowed'
  /** It changes a user (name, role, team, status, key), which only an administrator may. */
  | 'userChangeNotAllowed';

export interface SyncRefusal {
  /** `account`, `visit`, … or `user`. */
  readonly entity: string;
  /** The row's id (a user's code). */
  readonly rowId: string;
  /** The account it belongs to, when it belongs to one. */
  readonly accountId: string | null;
  readonly reason: SyncRefusalReason;
}

/** What a file brings that this book leaves out or refuses (preview and import alike). */
export interface SyncScopeOutcome {
  /** Rows of accounts outside the signed-in user's accounts: not taken into this book. */
  readonly outsideScope: number;
  /** Accounts of this book handed to someone outside the user's accounts: they leave this book. */
  readonly leaving: number;
  /** Changes refused, at most 100 listed; `refusedTotal` counts them all. */
  readonly refused: readonly SyncRefusal[];
  readonly refusedTotal: number;
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

export interface SyncPreview extends SyncScopeOutcome {
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

export interface SyncImportResult extends SyncScopeOutcome {
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
