/**
 * Every rejection the API can return, as a stable code the UI translates. Adding a code here
 * forces a message in every locale (see renderer i18n), so users never see a raw stack.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'UNKNOWN_OPERATION',
  'NOT_FOUND',
  'ACCOUNT_DELETED',
  'DUPLICATE_ACCOUNT',
  'DUPLICATE_CUSTOMER_NO',
  'DUPLICATE_PHONE',
  'PHONE_ALREADY_ON_ACCOUNT',
  'DUPLICATE_RELATIONSHIP',
  'DUPLICATE_CONSUMPTION',
  'INVALID_RELATIONSHIP',
  'HOLDS_CYCLE',
  'HOLDS_SECOND_PARENT',
  'INVALID_ANNIVERSARY',
  // A second birthday (wedding, founding day) of the same calendar, or the same day twice.
  'DUPLICATE_ANNIVERSARY',
  'IMPORT_NOT_STAGED',
  'IMPORT_TOO_LARGE',
  'IMPORT_UNREADABLE',
  'IMPORT_HAS_ERRORS',
  'IMPORT_ALREADY_REVERTED',
  'FORBIDDEN',
  // Sync bundle files (db/sync/bundleFile.ts documents which check gives which code).
  'SYNC_NOT_A_BUNDLE',
  'SYNC_CORRUPT',
  'SYNC_TAMPERED',
  'SYNC_WRONG_KEY',
  'SYNC_TOO_NEW',
  'SYNC_INVALID_CONTENT',
  // Sync engine: the file given to import is not the one that was previewed.
  'SYNC_FILE_CHANGED',
  // Sync without a passphrase given, and none set on this device.
  'SYNC_NO_PASSPHRASE',
  // CSV export: too large to hand to a window; the CLI streams any size to files.
  'EXPORT_TOO_LARGE',
  // A write asked for while a long write (an import, a sync file, a rebuild) is still running.
  'BUSY',
  // Storage faults, one per SQLite failure a user can act on (db/faults.ts maps them).
  'DB_BUSY',
  'DISK_FULL',
  'READ_ONLY',
  'DB_CORRUPT',
  'DB_IO',
  // The book was written by a newer Fieldbook (its schema is ahead of this app's).
  'DB_TOO_NEW',
  // A sync file carries clocks beyond this computer's time plus the allowed drift.
  'SYNC_CLOCK_AHEAD',
  // This computer's date is earlier than changes already written on it: writes wait for it.
  'CLOCK_BEHIND',
  // A backup whose bytes, check or rows are not those it was written with: never restored.
  'BACKUP_INVALID',
  // An encrypted book opened without its key, or with a key that does not open it.
  'BOOK_LOCKED',
  // Sign-in (db/access/): the book is locked; a wrong code or password (never said which);
  // too many wrong passwords in a row; a disabled user; the key ring beside the book unreadable.
  'SIGNED_OUT',
  'WRONG_PASSWORD',
  'SIGN_IN_DELAYED',
  'USER_DISABLED',
  'KEYRING_INVALID',
  'DUPLICATE_USER',
  // Signed sync files (db/sync/signature.ts): a book with users takes only files signed by one
  // of its active users; the signature must match the file.
  'SYNC_UNSIGNED',
  'SYNC_SIGNER_UNKNOWN',
  'SYNC_SIGNER_DISABLED',
  'SYNC_BAD_SIGNATURE',
  // Joining from a head-office file that was not written for this user.
  'JOIN_NOT_FOR_YOU',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field, addressed by its path in the input object. */
export interface FieldIssue {
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
  /**
   * For a length or size bound (zod's `too_small` / `too_big`): what was measured (`string`,
   * `array`, `number`) and the bound, so a window can say it in its own language.
   */
  readonly origin?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** The serializable form of an error, as it crosses IPC, HTTP and the CLI. */
export interface ApiErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
  /** Code-specific facts, e.g. the existing accounts a duplicate matches. */
  readonly details?: unknown;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly FieldIssue[] | undefined;
  readonly details: unknown;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { issues?: readonly FieldIssue[]; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = extra.issues;
    this.details = extra.details;
  }

  toData(): ApiErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }

  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, {
      ...(data.issues ? { issues: data.issues } : {}),
      ...(data.details !== undefined ? { details: data.details } : {}),
    });
  }
}

/** What every transport carries back: a value or an error, never a thrown stack. */
export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorData };
