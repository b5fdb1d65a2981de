import { z } from 'zod';
import { password, userCode } from './access';
import { idSchema, text } from './common';

/**
 * The team passphrase: set once per device (`sync.setPassphrase`), or given with a call (CLI).
 * One chosen now — set, or given for an export (a file others must open with it) — has at least
 * 12 characters; one given to read a file needs only the former 8, so files made under the
 * earlier rule still open. A short passphrase already set on a device keeps working (the
 * Sync page asks for a longer one).
 */
const syncPassphrase = z.string().min(8, { message: 'sync_passphrase_short' }).max(1024);
const syncNewPassphrase = z.string().min(12, { message: 'sync_new_passphrase_short' }).max(1024);
/**
 * The largest sync file a device imports at once, in bytes. The file travels as one base64
 * string (IPC, HTTP, the CLI alike), and JavaScript strings stop at 2^29 − 24 characters in
 * V8 (Node, Chromium): 360 MiB makes 503 million characters, with room for the JSON around them.
 */
export const syncMaxFileBytes = 360 * 1024 * 1024;
/** A sync file's bytes, base64. */
const syncFileBase64 = z
  .string()
  .min(1)
  .max(Math.ceil(syncMaxFileBytes / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'invalid_base64' });

export const syncExportInput = z.strictObject({
  /** Every row, not only the rows changed since this device's last export. */
  full: z.boolean().default(false),
  /** Absent: the one this device keeps (SYNC_NO_PASSPHRASE when none is set). */
  passphrase: syncNewPassphrase.optional(),
  /**
   * The caller's time zone, in minutes east of UTC (China: 480), for the local time in the
   * file's name. Absent: this computer's.
   */
  utcOffsetMinutes: z
    .int()
    .min(-14 * 60)
    .max(14 * 60)
    .optional(),
  /**
   * A head-office file for this user (admin): every row of their accounts (a manager's own, a
   * supervisor's team's), whatever was exported before, and what they need to join from it.
   */
  forUser: userCode.optional(),
  /** Why the file is written (recorded in the audit log and the file's manifest). */
  purpose: text(200).optional(),
});

export const syncPreviewInput = z.strictObject({
  contentBase64: syncFileBase64,
  passphrase: syncPassphrase.optional(),
});

export const syncImportInput = z.strictObject({
  contentBase64: syncFileBase64,
  passphrase: syncPassphrase.optional(),
  /** The preview's `digest`: the import refuses a file other than the one previewed. */
  expectedDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

/**
 * A new book joined from a head-office file that names this user (`sync.export` `forUser`): the
 * file, the team passphrase, the password the administrator gave (it opens the user's signing
 * key in the file) and the user's own new password for this computer.
 */
export const joinInput = z.strictObject({
  contentBase64: syncFileBase64,
  passphrase: syncPassphrase,
  code: userCode,
  enrolmentPassword: z.string().min(1).max(200),
  password,
});

/** Kept protected by the OS where it can be (Electron safeStorage), else in memory only. */
export const syncSetPassphraseInput = z.strictObject({ passphrase: syncNewPassphrase });

export const syncHistoryInput = z.strictObject({ limit: z.int().min(1).max(500).default(50) }).optional();

export const syncConflictsInput = z
  .strictObject({
    /** Also the conflicts already decided. */
    includeResolved: z.boolean().default(false),
    limit: z.int().min(1).max(1000).default(200),
  })
  .optional();

export const syncConflictResolutions = ['keep', 'replace', 'merge'] as const;

export const syncResolveConflictInput = z
  .strictObject({
    id: idSchema,
    /** keep: the current value stays; replace: the losing value comes back; merge: `value`. */
    resolution: z.enum(syncConflictResolutions),
    /**
     * The merged text: required with `merge` and refused with `keep` or `replace` (which take
     * no text), rather than silently dropped. The handler checks it, and a value `replace`
     * brings back, against the rule of the field's own edit operation (blank names, lengths);
     * this bound only caps the message (the longest free-text field, a visit's content).
     */
    value: z.string().max(5000).optional(),
  })
  .superRefine((input, context) => {
    if (input.resolution === 'merge' && input.value === undefined)
      context.addIssue({
        code: 'custom',
        message: 'sync_merge_needs_value',
        path: ['value'],
        input: undefined,
      });
    if (input.resolution !== 'merge' && input.value !== undefined)
      context.addIssue({
        code: 'custom',
        message: 'sync_value_only_with_merge',
        path: ['value'],
        input: input.value,
      });
  });
