import { appendAudit, write } from '../write';
import type { Db } from '../connection';
import { newId } from '../ids';
import { latestMigration } from '../migrations';
import type { SyncedTable } from '../schema';
import { entities, entitiesInExportOrder } from '../entities';
import { encodeBundle } from './bundleFile';
import type { KdfParams } from './bundleKey';
import { clockLimitOf, demotedClock, readableClock } from './clockBounds';
import { erasureOpsSince } from '../erasure/sync';
import type { BundleManifest, RowOp, SyncOp, SyncValue } from './ops';
import { localClock, versionVector } from './versionVector';
import type { Enrolment } from '../access/keyring';
import type { Signer } from '../access/signing';
import { clockUsers, rosterOps } from './roster';

/**
 * Export: every row changed on this device (locally or by an import) since the last export, or
 * every row (`full`), as one row op each — `{ t, id, h, row, f }`: the synced columns as they are
 * now, the insert clock, and the `field_clock` entries of the edited columns.
 *
 * Row ops only, no field ops. Every `sync_ops` op with `seq` above the last export belongs to a
 * row whose `seq` is above it too (an edit moves the row's `seq`), so the row op already carries
 * that field's latest value and clock; field ops would repeat it. A row op is self-contained, so
 * files can be applied in any order (a field op for a row the reader lacks could not be stored),
 * and imports need no op journal: `Writer.applyRemote` gives imported rows a new `seq`, which is
 * how an incremental export relays what this device imported (head office fans out). The cost:
 * an edit of one field resends its row (a few hundred bytes before gzip).
 *
 * The export is recorded (`sync_bundles`, `up_to_seq`) when the file is made, not when it is
 * saved or delivered: a file that never reaches anyone needs a full export to make up for it.
 */

export interface ExportOptions {
  readonly full: boolean;
  readonly passphrase: string;
  readonly actor: string;
  /** scrypt cost; tests lower it. */
  readonly kdf?: KdfParams;
  /** The time zone of the file name's local time, in minutes east of UTC; default this computer's. */
  readonly utcOffsetMinutes?: number | undefined;
  /** Rows written into the file so far, after each page of rows, then the sealing of the file. */
  readonly onProgress?: (step: ExportProgress) => void;
  /**
   * Only the rows of these owners' accounts (the exporting user's scope); absent: every row. A
   * record goes when every account it names is in scope; erasures (ids only) always go.
   */
  readonly owners?: readonly string[] | undefined;
  /** Signs the file and puts the book's users in it first (db/sync/roster.ts); absent: unsigned. */
  readonly signer?: Signer | undefined;
  /**
   * A head-office file for one user: every row of their accounts (`owners`, `full`), named for
   * them in the manifest, with their signing key wrapped for joining (`enrolment`, when the key
   * ring has one). Not recorded as exported up to now: the next export still carries every change.
   */
  readonly recipient?: { readonly code: string; readonly enrolment: Enrolment | null } | undefined;
  /** Why the file is written: in the manifest and the audit entry. */
  readonly purpose?: string | undefined;
}

export interface ExportProgress {
  readonly phase: 'rows' | 'encrypt';
  readonly done: number;
  readonly total: number;
}

export interface ExportResult {
  readonly bytes: Buffer;
  readonly manifest: BundleManifest;
  readonly fileName: string;
  readonly full: boolean;
  /** Rows exported per entity. */
  readonly rows: Record<string, number>;
}

/** Parents before children (`exportOrder`), so a reader that stops early has consistent prefixes. */
const tableOrder: readonly SyncedTable[] = entitiesInExportOrder.map((entity) => entity.table);

/** The change counter up to which this device has exported (0: never). */
export function lastExportedSeq(db: Db): number {
  const row = db
    .statement("SELECT max(up_to_seq) AS seq FROM sync_bundles WHERE direction = 'export'")
    .get() as { seq: number | null };
  return row.seq ?? 0;
}

/** Rows read per statement while exporting. */
const pageSize = 2000;

/** The rows an export will write: those changed since `since` (a walk of each table's seq index). */
function rowsToExport(db: Db, since: number): number {
  let rows = 0;
  for (const table of tableOrder) {
    rows += (db.statement(`SELECT count(*) AS n FROM ${table} WHERE seq > ?`).get(since) as { n: number }).n;
  }
  return rows;
}

/**
 * `YYYYMMDD-HHMMSS` of an instant as a clock `utcOffsetMinutes` east of UTC shows it: a file
 * name people sort and recognise by their own time, not by UTC.
 */
export function fileStamp(iso: string, utcOffsetMinutes: number): string {
  const local = new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString();
  return local.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/**
 * The row ops of one table changed since `since`, in `seq` order, a page of rows at a time
 * (keyset on (seq, rowid), which the seq index serves), each page's field clocks read with it.
 */
function* rowOpsOf(
  db: Db,
  table: SyncedTable,
  since: number,
  counted: (n: number) => void,
  owners?: readonly string[],
): Generator<RowOp> {
  const spec = entities[table];
  const inScope = owners === undefined ? null : scopeOf(db, table, owners);
  const page = db.statement(
    `SELECT rowid AS _rowid, seq AS _seq, id, hlc, ${spec.synced.join(', ')} FROM ${table}
     WHERE (seq, rowid) > (?, ?) ORDER BY seq, rowid LIMIT ${pageSize}`,
  );
  const clocksOf = db.statement(
    `SELECT row_id, col, hlc FROM field_clock
     WHERE tbl = ? AND row_id IN (SELECT value FROM json_each(?))`,
  );
  let after = { seq: since, rowid: Number.MAX_SAFE_INTEGER };
  for (;;) {
    const found = page.all(after.seq, after.rowid) as Record<string, SyncValue>[];
    const last = found.at(-1);
    if (last === undefined) return;
    const edited = new Map<string, { f: Record<string, string> }>();
    const ids = JSON.stringify(found.map((row) => row['id']));
    for (const clock of clocksOf.all(table, ids) as FieldClockRow[]) {
      let entry = edited.get(clock.row_id);
      if (!entry) edited.set(clock.row_id, (entry = { f: {} }));
      entry.f[clock.col] = sendable(clock.hlc);
    }
    const kept = inScope ? inScope(found) : null;
    for (const found_ of found) {
      const id = String(found_['id']);
      if (kept && !kept.has(id)) continue;
      const row: Record<string, SyncValue> = {};
      for (const column of spec.synced) row[column] = found_[column] ?? null;
      yield { t: table, id, h: sendable(String(found_['hlc'])), row, ...edited.get(id) };
    }
    counted(found.length);
    after = { seq: Number(last['_seq']), rowid: Number(last['_rowid']) };
  }
}

/** Which rows of a page name only accounts of these owners (by the entity's account columns). */
function scopeOf(
  db: Db,
  table: SyncedTable,
  owners: readonly string[],
): (rows: readonly Record<string, SyncValue>[]) => Set<string> {
  const columns = entities[table].accounts as readonly string[];
  const wanted = new Set(owners.map((owner) => owner.toLowerCase()));
  const ownersOf = db.statement(
    'SELECT id, owner FROM accounts WHERE id IN (SELECT value FROM json_each(?))',
  );
  return (rows) => {
    const accountIds = rows.flatMap((row) => columns.map((column) => String(row[column])));
    const owned = new Map(
      (ownersOf.all(JSON.stringify(accountIds)) as { id: string; owner: string }[]).map((row) => [
        row.id,
        row.owner.toLowerCase(),
      ]),
    );
    const kept = new Set<string>();
    for (const row of rows) {
      const all = columns.every((column) => wanted.has(owned.get(String(row[column])) ?? ''));
      if (all) kept.add(String(row['id']));
    }
    return kept;
  };
}

/**
 * A clock as a file carries it. One written before the year 2000 (a computer whose date was
 * wrong, under an older Fieldbook) is no clock to other books: it goes as its demoted form,
 * the lowest there is, as it sorts here.
 */
const sendable = (clock: string): string =>
  clock < '2000' ? demotedClock(clock, '0000000000000000') : clock;

interface FieldClockRow {
  readonly row_id: string;
  readonly col: string;
  readonly hlc: string;
}

/**
 * Takes back an export whose file could not be written (a full disk): its record goes, so the
 * next incremental export carries the same changes again. Audited.
 */
export function forgetExport(db: Db, bundleId: string, actor: string): void {
  db.transaction(() => {
    db.run(
      db.query.deleteFrom('sync_bundles').where('bundle_id', '=', bundleId).where('direction', '=', 'export'),
    );
    appendAudit(db, {
      actor,
      action: 'export.failed',
      entity: 'sync',
      entityId: bundleId,
      before: null,
      after: null,
    });
  });
}

const fileSafe = (text: string) => text.replace(/[^\w.-]+/g, '_') || 'unknown';

export function exportBundle(db: Db, options: ExportOptions): ExportResult {
  // A clock from the future is healed by a write (`clockBounds.ts`) before it is exported:
  // other books would refuse the file.
  if (readableClock(localClock(db).hlc, clockLimitOf(db)) === null) write(db, options.actor, () => undefined);
  const { signer, recipient, purpose } = options;
  if (signer) clockUsers(db, options.actor);
  const full = options.full || recipient !== undefined;
  // One read transaction: the rows, the counter they are exported up to and the vector agree.
  // The ops stream from the database into the file's compressed members, a page at a time.
  // Deferred, not immediate: it only reads (a WAL snapshot), so writers are not held up while
  // the file is compressed and encrypted.
  const exported = db.sqlite
    .transaction(() => {
      const clock = localClock(db);
      const since = full ? 0 : lastExportedSeq(db);
      const rows: Record<string, number> = {};
      const progress = options.onProgress;
      const total = progress ? rowsToExport(db, since) : 0;
      let done = 0;
      progress?.({ phase: 'rows', done, total });
      const vector = versionVector(db);
      const manifest = {
        bundleId: newId(),
        sourceNode: clock.node,
        schemaVersion: latestMigration,
        versionVector: vector,
        createdAt: new Date().toISOString(),
        ...(recipient ? { recipient: recipient.code } : {}),
        ...(purpose ? { purpose } : {}),
      };
      function* ops(): Generator<SyncOp> {
        // The users first: a reader needs them to know who may change what.
        if (signer) {
          const users = rosterOps(db);
          rows['user'] = users.length;
          yield* users;
        }
        if (recipient?.enrolment) yield { j: recipient.enrolment };
        for (const table of tableOrder) {
          const entity = entities[table].entity;
          yield* rowOpsOf(
            db,
            table,
            since,
            (n) => {
              rows[entity] = (rows[entity] ?? 0) + n;
              done += n;
              progress?.({ phase: 'rows', done, total });
            },
            options.owners,
          );
        }
        // Erasures last: a reader that takes them erases what the rows above brought too.
        for (const erasure of erasureOpsSince(db, since)) {
          rows['erasure'] = (rows['erasure'] ?? 0) + 1;
          yield erasure;
        }
        // Every row is in; what remains is compressing the last member and encrypting.
        progress?.({ phase: 'encrypt', done, total: done });
      }
      const bytes = encodeBundle({
        manifest,
        ops: ops(),
        passphrase: options.passphrase,
        ...(options.kdf ? { kdf: options.kdf } : {}),
        signer,
      });
      const opCount = Object.values(rows).reduce((sum, n) => sum + n, 0) + (recipient?.enrolment ? 1 : 0);
      const signed = signer ? { exporter: signer.code } : {};
      return { clock, since, rows, vector, manifest: { ...manifest, ...signed, opCount }, bytes };
    })
    .deferred();
  const { manifest, clock, since, rows, bytes } = exported;

  db.transaction(() => {
    db.run(
      db.query.insertInto('sync_bundles').values({
        bundle_id: manifest.bundleId,
        direction: 'export',
        source_node: manifest.sourceNode,
        at: manifest.createdAt,
        actor: options.actor,
        schema_version: latestMigration,
        op_count: manifest.opCount,
        full: full ? 1 : 0,
        counts: JSON.stringify(rows),
        version_vector: JSON.stringify(exported.vector),
        since_seq: since,
        // A file for one user carries only their accounts: what it leaves out is still to export.
        up_to_seq: recipient ? null : clock.seq,
      }),
    );
    appendAudit(db, {
      actor: options.actor,
      action: 'export',
      entity: 'sync',
      entityId: manifest.bundleId,
      before: null,
      after: {
        full,
        ops: manifest.opCount,
        sinceSeq: since,
        ...(options.owners ? { owners: options.owners } : {}),
        ...(recipient ? { recipient: recipient.code } : {}),
        ...(purpose ? { purpose } : {}),
      },
    });
  });

  const offset = options.utcOffsetMinutes ?? -new Date(manifest.createdAt).getTimezoneOffset();
  const stamp = fileStamp(manifest.createdAt, offset);
  return {
    bytes,
    manifest,
    // Who exported it and when: a file found on a USB stick leads back to its audit entry.
    fileName: `fieldbook-${recipient ? `for-${fileSafe(recipient.code)}-` : ''}${fileSafe(options.actor)}-${clock.node.slice(0, 8)}-${stamp}${full ? '-full' : ''}.fbsync`,
    full,
    rows,
  };
}
