import { appendAudit } from '../write';
import type { Db } from '../connection';
import { newId } from '../ids';
import { latestMigration } from '../migrations';
import type { SyncedTable } from '../schema';
import { tableSpecs } from '../tables';
import { encodeBundle } from './bundleFile';
import type { KdfParams } from './bundleKey';
import type { BundleManifest, RowOp, SyncValue } from './ops';
import { localClock, versionVector } from './versionVector';

/**
 * Export: every row changed on this device (locally or by an import) since the last export, or
 * every row (`full`), as one row op each — `{ t, id, h, row, f, b }`: the synced columns as they
 * are now, the insert clock, the `field_clock` entries of the edited columns and their bases.
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
}

export interface ExportResult {
  readonly bytes: Buffer;
  readonly manifest: BundleManifest;
  readonly fileName: string;
  readonly full: boolean;
  /** Rows exported per entity. */
  readonly rows: Record<string, number>;
}

/** Parents before children, so a reader that stops early has consistent prefixes. */
const tableOrder: readonly SyncedTable[] = [
  'accounts',
  'account_phones',
  'relationships',
  'anniversaries',
  'visits',
  'consumption',
];

/** The change counter up to which this device has exported (0: never). */
export function lastExportedSeq(db: Db): number {
  const row = db
    .statement("SELECT max(up_to_seq) AS seq FROM sync_bundles WHERE direction = 'export'")
    .get() as { seq: number | null };
  return row.seq ?? 0;
}

export function exportBundle(db: Db, options: ExportOptions): ExportResult {
  // One read transaction: the rows and the counter they are exported up to agree.
  const snapshot = db.transaction(() => {
    const clock = localClock(db);
    const since = options.full ? 0 : lastExportedSeq(db);
    const ops: RowOp[] = [];
    const rows: Record<string, number> = {};
    for (const table of tableOrder) {
      const spec = tableSpecs[table];
      const edited = new Map<string, { f: Record<string, string>; b?: Record<string, string> }>();
      const clocks = db
        .statement(
          `SELECT c.row_id, c.col, c.hlc, c.base FROM field_clock c JOIN ${table} r ON r.id = c.row_id
           WHERE c.tbl = ? AND r.seq > ?`,
        )
        .all(table, since) as { row_id: string; col: string; hlc: string; base: string | null }[];
      for (const { row_id, col, hlc, base } of clocks) {
        let entry = edited.get(row_id);
        if (!entry) edited.set(row_id, (entry = { f: {} }));
        entry.f[col] = hlc;
        if (base !== null) (entry.b ??= {})[col] = base;
      }
      const found = db
        .statement(`SELECT id, hlc, ${spec.synced.join(', ')} FROM ${table} WHERE seq > ? ORDER BY seq`)
        .all(since) as Record<string, SyncValue>[];
      for (const found_ of found) {
        const id = String(found_['id']);
        const row: Record<string, SyncValue> = {};
        for (const column of spec.synced) row[column] = found_[column] ?? null;
        ops.push({ t: table, id, h: String(found_['hlc']), row, ...edited.get(id) });
      }
      if (found.length > 0) rows[spec.entity] = found.length;
    }
    return { clock, since, ops, rows, vector: versionVector(db) };
  });

  const createdAt = new Date().toISOString();
  const manifest = {
    bundleId: newId(),
    sourceNode: snapshot.clock.node,
    schemaVersion: latestMigration,
    versionVector: snapshot.vector,
    createdAt,
  };
  const bytes = encodeBundle({
    manifest,
    ops: snapshot.ops,
    passphrase: options.passphrase,
    ...(options.kdf ? { kdf: options.kdf } : {}),
  });

  db.transaction(() => {
    db.run(
      db.query.insertInto('sync_bundles').values({
        bundle_id: manifest.bundleId,
        direction: 'export',
        source_node: manifest.sourceNode,
        at: createdAt,
        actor: options.actor,
        schema_version: latestMigration,
        op_count: snapshot.ops.length,
        full: options.full ? 1 : 0,
        counts: JSON.stringify(snapshot.rows),
        version_vector: JSON.stringify(snapshot.vector),
        since_seq: snapshot.since,
        up_to_seq: snapshot.clock.seq,
      }),
    );
    appendAudit(db, {
      actor: options.actor,
      action: 'export',
      entity: 'sync',
      entityId: manifest.bundleId,
      before: null,
      after: { full: options.full, ops: snapshot.ops.length, sinceSeq: snapshot.since },
    });
  });

  const stamp = createdAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return {
    bytes,
    manifest: { ...manifest, opCount: snapshot.ops.length },
    fileName: `fieldbook-${snapshot.clock.node.slice(0, 8)}-${stamp}${options.full ? '-full' : ''}.fbsync`,
    full: options.full,
    rows: snapshot.rows,
  };
}
