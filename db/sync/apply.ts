import { createHash } from 'node:crypto';
import { ApiError } from '../../shared/errors';
import type { Db } from '../connection';
import { newId } from '../ids';
import { latestMigration } from '../migrations';
import { openBundle, type OpenedBundle } from './bundleFile';
import { isRowOp, type DataOp } from './ops';
import { compactAfterErasure } from '../erasure/compact';
import { eraseAccounts } from '../erasure/erase';
import { appendAudit, writeBatch, type Writer } from '../write';
import type { SessionUser, SyncScopeOutcome } from '../../shared/types';
import type { UsersTable } from '../schema';
import { importAuthority, ScopeJudge } from './authority';
import { dropLeaving } from './leaving';
import { applyRoster, planRoster, type RosterPlan } from './roster';
import { fileSigner } from './signature';
import { nodeOf, noScopeOutcome, totalsOf, type EntityCounts, type PlanTally, type SyncPlan } from './plan';
import { mergeVectors, type VersionVector } from './versionVector';
import { walkBundle, type MergeProgress, type WalkTally } from './walk';

/**
 * Import, in one transaction: the file is authenticated first (`openBundle`: magic, version,
 * key, tag, manifest); then, a chunk of ops at a time, each op is checked (shape, column
 * allowlist), its values against the columns of this database (`planBundle`), and the chunk's
 * plan is written through the write path (`Writer.applyRemote`: imported clocks kept, new local
 * `seq`, search keys and roll-ups updated, one audit entry for the batch) with its losing
 * free-text values filed in the conflict inbox; then the bundle is recorded and this device's
 * clock is merged past every clock in the file. Any refusal on the way (a bad op, an op count
 * that differs from the manifest, a CHECK constraint the values break: SYNC_INVALID_CONTENT)
 * rolls everything back, so on any error the book is as it was, and memory holds one chunk of
 * ops whatever the file's size. A bundle already recorded imports nothing and says so.
 */

export interface ImportOutcome {
  readonly bundleId: string;
  readonly sourceNode: string;
  readonly alreadyImported: boolean;
  readonly counts: Record<string, EntityCounts>;
  readonly totals: EntityCounts;
  readonly scope: SyncScopeOutcome;
}

export type { MergeProgress };

/** Authenticates the file, saying so first: for a large file it takes a moment. */
export function openReporting(
  bytes: Uint8Array,
  passphrase: string,
  onProgress: ((step: MergeProgress) => void) | undefined,
): OpenedBundle {
  onProgress?.({ phase: 'decrypt', done: 0, total: 0 });
  return open(bytes, passphrase);
}

/** SHA-256 of the file, so an import can insist on the file that was previewed. */
export function bundleDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function open(bytes: Uint8Array, passphrase: string): OpenedBundle {
  return openBundle(bytes, passphrase, { latestSchemaVersion: latestMigration });
}

export function isImported(db: Db, bundleId: string): boolean {
  return db.statement('SELECT 1 FROM sync_bundles WHERE bundle_id = ?').get(bundleId) !== undefined;
}

export function importBundle(
  db: Db,
  bytes: Uint8Array,
  options: {
    passphrase: string;
    actor: string;
    expectedDigest?: string | undefined;
    onProgress?: ((step: MergeProgress) => void) | undefined;
    /** The user signed in here: the import keeps to their accounts (absent: every account). */
    reader?: SessionUser | undefined;
  },
): ImportOutcome {
  if (options.expectedDigest !== undefined && options.expectedDigest !== bundleDigest(bytes)) {
    throw new ApiError('SYNC_FILE_CHANGED', 'the file is not the one that was previewed');
  }
  const bundle = openReporting(bytes, options.passphrase, options.onProgress);
  const { manifest } = bundle;
  const rights = fileRights(db, bundle, options.reader);
  const already: ImportOutcome = {
    bundleId: manifest.bundleId,
    sourceNode: manifest.sourceNode,
    alreadyImported: true,
    counts: {},
    totals: totalsOf({}),
    scope: noScopeOutcome,
  };
  if (isImported(db, manifest.bundleId)) return already;
  let erased = 0;
  try {
    const outcome = writeBatch(
      db,
      options.actor,
      'sync.import',
      (writer) => {
        // Again inside the transaction: another process may have imported it meanwhile.
        if (isImported(db, manifest.bundleId)) return already;
        const tally = mergeBundle(db, writer, bundle, options.actor, rights, undefined, options.onProgress);
        const { counts } = tally;
        erased = tally.erased.length;
        return {
          bundleId: manifest.bundleId,
          sourceNode: manifest.sourceNode,
          alreadyImported: false,
          counts,
          totals: totalsOf(counts),
          scope: tally.scope,
        };
      },
      manifest.bundleId,
    );
    // What the erasures removed leaves the file's free pages too, as for a local erasure.
    if (erased > 0) compactAfterErasure(db);
    return outcome;
  } catch (error) {
    throw asContentError(error);
  }
}

/** A CHECK or NOT NULL the file's values break is the file's fault, said as such. */
export function asContentError(error: unknown): unknown {
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT')) {
    return new ApiError('SYNC_INVALID_CONTENT', 'a value in the file breaks a rule of this book', {
      details: { reason: error.message },
    });
  }
  return error;
}

/**
 * The import itself, inside `writer`'s transaction: each chunk planned against the book as the
 * chunks before it left it, then written; the bundle recorded; the clock merged past the file's.
 * `onPlan` sees each chunk's plan (the preview gathers the accounts it changes); `onProgress`
 * the ops merged so far.
 */
export function mergeBundle(
  db: Db,
  writer: Writer,
  bundle: OpenedBundle,
  actor: string,
  rights: FileRights,
  onPlan?: (plan: SyncPlan) => void,
  onProgress?: (step: MergeProgress) => void,
): PlanTally {
  const { manifest } = bundle;
  const vector: VersionVector = mergeVectors({}, manifest.versionVector);
  const judge = rights.judge();
  const tally = walkBundle(db, bundle, writer.seq, {
    judge,
    onProgress,
    planned: (plan, step, ops) => {
      write(db, plan, writer, manifest.bundleId);
      onPlan?.(plan);
      // Refused or left out, an op was still seen: a later file from here may say so.
      seeClocks(vector, ops);
      return step.erasures.length > 0
        ? eraseFromFile(db, writer, step.erasures, actor, manifest.bundleId)
        : [];
    },
  });
  if (tally === null) throw new Error('an import walks the whole file');
  const roster = rosterOf(db, tally, rights);
  if (roster) applyRoster(db, writer, roster, manifest.bundleId);
  dropLeaving(db, tally.leaving, actor, manifest.bundleId);
  if (tally.maxClock !== null) {
    writer.observe(tally.maxClock);
    mergeVectors(vector, { [manifest.sourceNode]: tally.maxClock });
  }
  db.run(
    db.query.insertInto('sync_bundles').values({
      bundle_id: manifest.bundleId,
      direction: 'import',
      source_node: manifest.sourceNode,
      at: new Date().toISOString(),
      actor,
      schema_version: manifest.schemaVersion,
      op_count: manifest.opCount,
      full: 0,
      counts: JSON.stringify(tally.counts),
      version_vector: JSON.stringify(vector),
      since_seq: null,
      up_to_seq: null,
    }),
  );
  return tally;
}

/**
 * What a file may do here: who signed it (checked now, before anything is read: a book with
 * users takes only files its users signed) and, per walk through it, the judge of each change.
 */
export interface FileRights {
  readonly signer: UsersTable | null;
  judge(): ScopeJudge;
}

export function fileRights(db: Db, bundle: OpenedBundle, reader: SessionUser | undefined): FileRights {
  const signer = fileSigner(db, bundle);
  const authority = importAuthority(db, signer, reader, bundle.manifest.recipient);
  return { signer, judge: () => new ScopeJudge(authority) };
}

/**
 * The users a file carries, planned (db/sync/roster.ts), their counts and refusals added to
 * the tally; null when the file is unsigned or the book has no users (it checks nobody, and
 * takes nobody).
 */
export function rosterOf(db: Db, tally: WalkTally, rights: FileRights): RosterPlan | null {
  if (!rights.signer || tally.users.length === 0) return null;
  const roster = planRoster(db, tally.users, rights.signer.role === 'admin');
  tally.counts['user'] = roster.counts;
  const refused = [...tally.scope.refused, ...roster.refused].slice(0, 100);
  tally.scope = {
    ...tally.scope,
    refused,
    refusedTotal: tally.scope.refusedTotal + roster.refused.length,
  };
  return roster;
}

/** Every clock of `ops` into `vector` (its node's latest). */
function seeClocks(vector: VersionVector, ops: readonly DataOp[]): void {
  // A file's clocks come mostly from one node: its name is not cut out of each again.
  let node = '';
  const see = (clock: string) => {
    if (node === '' || !clock.endsWith(node)) node = nodeOf(clock);
    const known = vector[node];
    if (known === undefined || clock > known) vector[node] = clock;
  };
  for (const op of ops) {
    see(op.h);
    const edited = isRowOp(op) ? op.f : undefined;
    if (edited) for (const column in edited) see(edited[column] ?? op.h);
  }
}

/**
 * The erasures a file carries, done here as where they were made (db/erasure/), each audited
 * with the file it came in; returns the accounts erased now.
 */
function eraseFromFile(
  db: Db,
  writer: Writer,
  accountIds: readonly string[],
  actor: string,
  bundleId: string,
): readonly string[] {
  const at = new Date().toISOString();
  const erased = eraseAccounts(db, writer, accountIds, { by: actor, at, why: `sync ${bundleId}` });
  for (const accountId of erased.accounts)
    appendAudit(db, {
      actor,
      action: 'erase',
      entity: 'account',
      entityId: accountId,
      before: null,
      after: { bundle: bundleId },
    });
  return erased.accounts;
}

function write(db: Db, plan: SyncPlan, writer: Writer, bundleId: string): void {
  for (const row of plan.rows) writer.applyRemote(row.table, row.id, row.values, row.clocks, row.insertClock);
  const at = new Date().toISOString();
  for (const conflict of plan.conflicts) {
    db.run(
      db.query
        .insertInto('sync_conflicts')
        .values({
          id: newId(),
          tbl: conflict.table,
          row_id: conflict.rowId,
          col: conflict.column,
          losing_value: JSON.stringify(conflict.losingValue),
          losing_hlc: conflict.losingHlc,
          winning_hlc: conflict.winningHlc,
          bundle_id: bundleId,
          at,
          resolved_at: null,
          resolved_by: null,
          resolution: null,
        })
        .onConflict((onConflict) => onConflict.doNothing()),
    );
  }
}
