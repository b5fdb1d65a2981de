import { z } from 'zod';
import { isHlc } from '../../shared/domain/hlc';
import { roles, userCode, userStatuses } from '../../shared/schemas/access';
import { enrolmentSchema } from '../access/keyring';
import { publicKeyPattern } from '../access/signing';
import type { SyncedTable } from '../schema';
import { entities } from '../entities';

/**
 * What a sync bundle carries, checked before anything touches the database. Two op shapes
 * mirror the write path (docs/ARCHITECTURE.md, "The write path and the sync bookkeeping"):
 *
 * - a **row op** `{ t, id, h, row, f? }` is a row as stored: its insert clock `h`, its synced
 *   columns, and `f`, the `field_clock` entries of the columns edited since (their clock
 *   overrides `h`). A full-state export is one row op per row; an incremental one sends the
 *   rows inserted since the last export this way.
 * - a **field op** `{ t, id, c, v, h }` is one `sync_ops` row: one edited field and its clock.
 * - an **erasure op** `{ e }` says the account with id `e` was erased on request (db/erasure/):
 *   its rows and every copy of their data go, and its rows never come back, whatever their
 *   clocks. It carries the id alone, nothing about the person.
 *
 * Tables and columns are checked against `entities[table].synced`, so a file can never name
 * a local column (`hlc`, `seq`, `rid`, search keys) or a table that does not sync. A row op may
 * omit synced columns: a file from an older schema lacks the columns added since, and
 * upcasting (filling defaults) belongs to the importer, not to the file format.
 */

/** A synced value as SQLite stores it: TEXT, INTEGER/REAL (finite), or NULL. */
export type SyncValue = string | number | null;

const syncedTables = Object.keys(entities) as [SyncedTable, ...SyncedTable[]];
const syncedColumns = new Map<string, ReadonlySet<string>>(
  syncedTables.map((table) => [table, new Set(entities[table].synced)]),
);

const rowId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const hlc = z.string().refine(isHlc, 'not a clock');
const value = z.union([z.string(), z.number().finite(), z.null()]);
const table = z.enum(syncedTables);

export const rowOpSchema = z.strictObject({
  t: table,
  id: rowId,
  h: hlc,
  row: z.record(z.string(), value),
  f: z.record(z.string(), hlc).optional(),
});
const fieldOpSchema = z.strictObject({ t: table, id: rowId, c: z.string(), v: value, h: hlc });

const erasureOpSchema = z.strictObject({ e: rowId });

/**
 * A **user op** `{ u, h, row }`: one user of the book as it is at clock `h` (db/sync/roster.ts);
 * a signed file carries every user, first. An **enrolment op** `{ j }`: the recipient's signing
 * key wrapped by the password their administrator gave, in a head-office file written for them
 * (db/sync/join.ts); an import ignores it.
 */
const userOpSchema = z.strictObject({
  u: userCode,
  h: hlc,
  row: z.strictObject({
    name: z.string().min(1).max(40),
    role: z.enum(roles),
    supervisor: userCode.nullable(),
    status: z.enum(userStatuses),
    key: z.string().regex(publicKeyPattern).nullable(),
  }),
});
const enrolmentOpSchema = z.strictObject({ j: enrolmentSchema });

export type RowOp = z.infer<typeof rowOpSchema>;
export type FieldOp = z.infer<typeof fieldOpSchema>;
export type ErasureOp = z.infer<typeof erasureOpSchema>;
export type UserOp = z.infer<typeof userOpSchema>;
export type EnrolmentOp = z.infer<typeof enrolmentOpSchema>;
/** An op that writes a row's values (what the merge plans). */
export type DataOp = RowOp | FieldOp;
export type SyncOp = DataOp | ErasureOp | UserOp | EnrolmentOp;

export function isRowOp(op: SyncOp): op is RowOp {
  return 'row' in op;
}

export function isErasureOp(op: SyncOp): op is ErasureOp {
  return 'e' in op;
}

export function isUserOp(op: SyncOp): op is UserOp {
  return 'u' in op;
}

export function isEnrolmentOp(op: SyncOp): op is EnrolmentOp {
  return 'j' in op;
}

/** Why an op was refused, for the error's details (never shown raw to users). */
export type OpCheck = { ok: true; op: SyncOp } | { ok: false; reason: string };

/** Shape, clock format and the synced-column allowlist of one decoded NDJSON line. */
export function checkOp(candidate: unknown): OpCheck {
  if (typeof candidate === 'object' && candidate !== null && 'e' in candidate) {
    const erasure = erasureOpSchema.safeParse(candidate);
    return erasure.success ? { ok: true, op: erasure.data } : { ok: false, reason: 'e: not an account id' };
  }
  if (typeof candidate === 'object' && candidate !== null && ('u' in candidate || 'j' in candidate)) {
    const parsed = ('u' in candidate ? userOpSchema : enrolmentOpSchema).safeParse(candidate);
    if (parsed.success) return { ok: true, op: parsed.data };
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid op'}` };
  }
  // Most ops of a file are well-formed row ops: checked by hand first (a tenth of zod's cost),
  // which accepts only what the schema and the allowlist accept; anything else goes to the
  // schema for its reason.
  const fast = plainRowOp(candidate);
  if (fast) return { ok: true, op: fast };
  // Pick the schema by a key only one shape has, so the reason names the real problem.
  const isRow = typeof candidate === 'object' && candidate !== null && 'row' in candidate;
  const parsed = isRow ? rowOpSchema.safeParse(candidate) : fieldOpSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid op'}` };
  }
  // The keys of the input, not of zod's copy: JSON.parse makes "__proto__" an own key, which a
  // rebuilt record silently drops instead of refusing.
  return columnsAllowed(parsed.data, candidate as { row?: object; f?: object });
}

/** The synced-column allowlist, on the keys `raw` (the decoded line) has. */
function columnsAllowed(op: DataOp, raw: { row?: object; f?: object }): OpCheck {
  const allowed = syncedColumns.get(op.t);
  const columns = isRowOp(op) ? [...Object.keys(raw.row ?? {}), ...Object.keys(raw.f ?? {})] : [op.c];
  for (const column of columns) {
    if (!allowed?.has(column)) return { ok: false, reason: `${op.t}.${column} is not a synced column` };
  }
  if (isRowOp(op)) {
    for (const column of Object.keys(op.f ?? {})) {
      // A field clock for a column the row does not carry would date a value that is not there.
      if (!Object.hasOwn(op.row, column))
        return { ok: false, reason: `clock for ${op.t}.${column} without its value` };
    }
  }
  return { ok: true, op };
}

const tableNames: ReadonlySet<string> = new Set(syncedTables);
const rowIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const rowOpKeys: ReadonlySet<string> = new Set(['t', 'id', 'h', 'row', 'f']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `candidate` as a row op when it plainly is one, by the rules of `rowOpSchema` and the
 * allowlist (`columnsAllowed`), without making an object (a decoded JSON line has only plain
 * objects, arrays and primitives); null when in any doubt.
 */
export function plainRowOp(candidate: unknown): RowOp | null {
  if (!isRecord(candidate)) return null;
  for (const key in candidate) if (!rowOpKeys.has(key)) return null;
  const { t, id, h, row, f } = candidate;
  if (typeof t !== 'string' || !tableNames.has(t)) return null;
  const allowed = syncedColumns.get(t);
  if (typeof id !== 'string' || !rowIdPattern.test(id)) return null;
  if (typeof h !== 'string' || !isClock(h) || !isRecord(row) || !allowed) return null;
  for (const key in row) {
    const value = row[key];
    if (value !== null && typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value)))
      return null;
    if (!allowed.has(key)) return null;
  }
  if (f !== undefined) {
    if (!isRecord(f)) return null;
    for (const key in f) {
      const clock = f[key];
      if (typeof clock !== 'string' || !isClock(clock) || !allowed.has(key) || !Object.hasOwn(row, key))
        return null;
    }
  }
  return candidate as RowOp;
}

/**
 * `isHlc`, remembering the last time part it found real: the ops of a file come in clock
 * order, many within one millisecond, and proving a time real (no 30 February) is the cost.
 */
let knownTime = '';
const clockAfterTime = /^-[0-9A-F]{4}-[0-9a-f]{16}$/;

function isClock(text: string): boolean {
  if (knownTime !== '' && text.startsWith(knownTime))
    return clockAfterTime.test(text.slice(knownTime.length));
  if (!isHlc(text)) return false;
  knownTime = text.slice(0, 24);
  return true;
}

const nodeId = z.string().regex(/^[0-9a-f]{16}$/);

/**
 * A migration name (`20261128_0004_tier_source`). Timestamp-prefixed names sort in the order
 * the Migrator applies them, so "newer than this app" is a string comparison.
 */
const schemaVersion = z.string().regex(/^\d{8}_\d{4}_[a-z0-9_]+$/);

export const manifestSchema = z.strictObject({
  /** UUIDv7: unique per file, and dates it even if `createdAt` is wrong. */
  bundleId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
  /** The `sync_clock.node` of the device that wrote the file. */
  sourceNode: nodeId,
  /** The writer's latest migration; newer than the reader's → SYNC_TOO_NEW. */
  schemaVersion,
  /** Ops in the payload; a mismatch means the payload is not the one described. */
  opCount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Per origin node, the latest clock the writer had seen from it when exporting. */
  versionVector: z.record(nodeId, hlc),
  createdAt: z.iso.datetime(),
  /** The user who wrote and signed the file (signed files, format 2). */
  exporter: userCode.optional(),
  /** A head-office file written for this user (`sync.export` `forUser`). */
  recipient: userCode.optional(),
  /** Why the file was written. */
  purpose: z.string().max(200).optional(),
});

export type BundleManifest = z.infer<typeof manifestSchema>;
