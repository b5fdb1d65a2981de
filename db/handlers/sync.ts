import type { ApiEvents, ApiHandlers } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { SessionUser, SyncConflict, SyncConflictResolution, SyncHistoryEntry } from '../../shared/types';
import { enrolmentOf, findWrappedKey, readKeyring, type Enrolment } from '../access/keyring';
import { inScope } from '../access/scope';
import type { Signer } from '../access/signing';
import { countUsers, findUser, sessionUserOf } from '../access/users';
import type { Db } from '../connection';
import { throttleProgress } from '../jobs/progress';
import { toIssues, validationFailed } from '../issues';
import type { SyncConflictsTable, SyncedTable } from '../schema';
import { importBundle } from '../sync/apply';
import { exportBundle } from '../sync/export';
import { previewBundle } from '../sync/preview';
import type { PassphraseKeeper } from '../syncSecret';
import { entities, isSyncedTable } from '../entities';
import type { RowPatch } from '../tables';
import { appendAudit, write } from '../write';

/**
 * Sync by files (docs/ARCHITECTURE.md, "Sync engine"): export, preview, import, the record of
 * files, and the conflict inbox. The caller reads and writes the files; these take and return
 * their bytes as base64. The team passphrase is the one set on this device (`sync.setPassphrase`)
 * unless a call gives one (the CLI does).
 */
type SyncOperations =
  | 'sync.export'
  | 'sync.preview'
  | 'sync.import'
  | 'sync.history'
  | 'sync.conflicts'
  | 'sync.resolveConflict'
  | 'sync.setPassphrase'
  | 'sync.clearPassphrase';

/** The column naming the account a conflict is shown with (a relationship's: its first end). */
function accountColumn(table: SyncedTable): string {
  return entities[table].accounts[0] ?? 'id';
}

function toConflict(db: Db, row: SyncConflictsTable): SyncConflict {
  const table = isSyncedTable(row.tbl) ? row.tbl : null;
  const current = table
    ? (db
        .statement(
          `SELECT ${row.col} AS value, ${accountColumn(table)} AS account FROM ${table} WHERE id = ?`,
        )
        .get(row.row_id) as { value: string | number | null; account: string | null } | undefined)
    : undefined;
  return {
    id: row.id,
    entity: table ? entities[table].entity : row.tbl,
    rowId: row.row_id,
    accountId: current?.account ?? null,
    column: row.col,
    losingValue: row.losing_value === null ? null : (JSON.parse(row.losing_value) as string | number | null),
    currentValue: current?.value ?? null,
    losingHlc: row.losing_hlc,
    winningHlc: row.winning_hlc,
    bundleId: row.bundle_id,
    at: row.at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
  };
}

function conflictRow(db: Db, id: string): SyncConflictsTable | undefined {
  return db.first(db.query.selectFrom('sync_conflicts').selectAll().where('id', '=', id));
}

/** A conflict is settled by whoever may see its account. */
function isUsersConflict(db: Db, user: SessionUser, accountId: string | null): boolean {
  if (user.owners === null) return true;
  if (accountId === null) return false;
  const account = db.first(db.query.selectFrom('accounts').select('owner').where('id', '=', accountId));
  return account !== undefined && inScope(user, account.owner);
}

export function syncHandlers(
  db: Db,
  keeper: PassphraseKeeper,
  progress?: (event: ApiEvents['sync.progress']) => void,
  signer?: Signer,
): Pick<ApiHandlers, SyncOperations> {
  /** A job's steps as `sync.progress` events, at most ten a second; none without a listener. */
  const reporter = (job: ApiEvents['sync.progress']['job']) =>
    progress
      ? throttleProgress((step: Omit<ApiEvents['sync.progress'], 'job'>) => progress({ job, ...step }))
      : undefined;
  return {
    'sync.setPassphrase': ({ passphrase }, { actor }) => keeper.set(passphrase, actor),
    'sync.clearPassphrase': (_input, { actor }) => keeper.clear(actor),
    'sync.export': ({ full, passphrase, utcOffsetMinutes, forUser, purpose }, { actor, user }) => {
      const onProgress = reporter('export');
      // A book with users signs every file it writes: someone must be signed in with a key.
      if (!signer && countUsers(db) > 0)
        throw new ApiError(
          'SIGNED_OUT',
          'sync.export: sign in to export (files are signed by their exporter)',
        );
      const recipient = forUser === undefined ? undefined : recipientOf(db, forUser, user);
      const result = exportBundle(db, {
        full,
        passphrase: keeper.resolve(passphrase),
        actor,
        utcOffsetMinutes,
        // A file carries only the accounts its exporter may see, or a head-office file its recipient's.
        owners: recipient ? (recipient.owners ?? undefined) : (user?.owners ?? undefined),
        signer,
        recipient,
        purpose,
        ...(onProgress ? { onProgress } : {}),
      });
      return {
        fileName: result.fileName,
        contentBase64: result.bytes.toString('base64'),
        manifest: result.manifest,
        full: result.full,
        rows: result.rows,
      };
    },
    'sync.preview': ({ contentBase64, passphrase }, { user }) => {
      const preview = previewBundle(
        db,
        Buffer.from(contentBase64, 'base64'),
        keeper.resolve(passphrase),
        reporter('preview'),
        user,
      );
      return {
        manifest: preview.manifest,
        digest: preview.digest,
        alreadyImported: preview.alreadyImported,
        entities: preview.counts,
        totals: preview.totals,
        sharedNumbers: preview.sharedNumbers,
        sharedNumbersTotal: preview.sharedNumbersTotal,
        ...preview.scope,
      };
    },
    'sync.import': ({ contentBase64, passphrase, expectedDigest }, { actor, user }) => {
      const outcome = importBundle(db, Buffer.from(contentBase64, 'base64'), {
        passphrase: keeper.resolve(passphrase),
        actor,
        expectedDigest,
        onProgress: reporter('import'),
        reader: user,
      });
      return {
        bundleId: outcome.bundleId,
        sourceNode: outcome.sourceNode,
        alreadyImported: outcome.alreadyImported,
        entities: outcome.counts,
        totals: outcome.totals,
        ...outcome.scope,
      };
    },
    'sync.history': (input) => {
      const rows = db.all(
        db.query
          .selectFrom('sync_bundles')
          .selectAll()
          .orderBy('at', 'desc')
          .orderBy('bundle_id', 'desc')
          .limit(input?.limit ?? 50),
      );
      return rows.map((row): SyncHistoryEntry => ({
        bundleId: row.bundle_id,
        direction: row.direction,
        sourceNode: row.source_node,
        at: row.at,
        actor: row.actor,
        opCount: row.op_count,
        full: row.full === 1,
        counts: JSON.parse(row.counts) as Record<string, unknown>,
      }));
    },
    'sync.conflicts': (input, { user }) => {
      let query = db.query.selectFrom('sync_conflicts').selectAll();
      if (!input?.includeResolved) query = query.where('resolved_at', 'is', null);
      const rows = db.all(
        query
          .orderBy('at', 'desc')
          .orderBy('id')
          .limit(input?.limit ?? 200),
      );
      return rows
        .map((row) => toConflict(db, row))
        .filter((conflict) => user === undefined || isUsersConflict(db, user, conflict.accountId));
    },
    'sync.resolveConflict': ({ id, resolution, value }, { actor, user }) =>
      db.transaction(() => {
        const row = conflictRow(db, id);
        if (!row || (user !== undefined && !isUsersConflict(db, user, toConflict(db, row).accountId)))
          throw new ApiError('NOT_FOUND', `No conflict ${id}`);
        if (row.resolved_at !== null) throw new ApiError('NOT_FOUND', `Conflict ${id} is already resolved`);
        if (!isSyncedTable(row.tbl)) throw new ApiError('NOT_FOUND', `No table ${row.tbl}`);
        const table = row.tbl;
        const chosen = resolvedValue(row, resolution, value);
        if (chosen !== undefined) {
          if (db.statement(`SELECT 1 FROM ${table} WHERE id = ?`).get(row.row_id) === undefined)
            throw new ApiError('NOT_FOUND', `The ${entities[table].entity} is gone`);
          const checked = checkedValue(table, row.col, chosen);
          // A local edit like any other: a new clock, so the choice syncs to every device.
          write(db, actor, (writer) =>
            writer.update(table, row.row_id, { [row.col]: checked } as RowPatch<typeof table>),
          );
        }
        const at = new Date().toISOString();
        db.run(
          db.query
            .updateTable('sync_conflicts')
            .set({ resolved_at: at, resolved_by: actor, resolution })
            .where('id', '=', id),
        );
        appendAudit(db, {
          actor,
          action: `conflict.${resolution}`,
          entity: 'sync',
          entityId: id,
          before: null,
          after: { table, rowId: row.row_id, column: row.col },
        });
        const resolved = conflictRow(db, id);
        if (!resolved) throw new Error('the conflict vanished');
        return toConflict(db, resolved);
      }),
  };
}

/**
 * A head-office file's recipient: a user of this book, written by an administrator; their
 * accounts (a manager's own, a supervisor's team's; null: every account) and their signing key
 * wrapped for joining, when this computer's key ring has one for them.
 */
function recipientOf(
  db: Db,
  code: string,
  user: SessionUser | undefined,
): { code: string; owners: readonly string[] | null; enrolment: Enrolment | null } {
  if (user && user.role !== 'admin')
    throw new ApiError('FORBIDDEN', 'sync.export: only an administrator writes a file for another user');
  const row = findUser(db, code);
  if (!row) throw new ApiError('NOT_FOUND', `No user ${code}`);
  const keyring = readKeyring(db.path);
  const entry = keyring ? findWrappedKey(keyring, row.code) : undefined;
  return {
    code: row.code,
    owners: sessionUserOf(db, row).owners,
    enrolment: entry ? enrolmentOf(entry) : null,
  };
}

/**
 * The value as the field's own edit operation would store it (trimmed), or VALIDATION_FAILED
 * at `value` when that operation would refuse it: a blank name, a text too long. Both the text
 * given for a merge and a losing value brought back pass the same rule as any edit.
 */
function checkedValue(table: SyncedTable, column: string, value: string | number | null): string {
  const spec = entities[table];
  const rule = spec.rules[column];
  // The inbox holds free-text columns only; anything else was not filed by this engine.
  if (!spec.freeText.includes(column) || !rule)
    throw new ApiError('NOT_FOUND', `${table}.${column} is not a free-text field`);
  const checked = rule.safeParse(value);
  if (!checked.success) throw validationFailed('sync.resolveConflict', toIssues(checked.error, ['value']));
  return String(checked.data);
}

/** The value to write, or undefined when the current value stays. */
function resolvedValue(
  row: SyncConflictsTable,
  resolution: SyncConflictResolution,
  value: string | undefined,
): string | number | null | undefined {
  if (resolution === 'keep') return undefined;
  if (resolution === 'merge') return value;
  return row.losing_value === null ? null : (JSON.parse(row.losing_value) as string | number | null);
}
