import { formatHlc, minHlcMillis, parseHlc, receiveHlc, tickHlc, type Hlc } from '../shared/domain/hlc';
import { cleanText } from '../shared/domain/text';
import { auditBodyHash, auditEntryHash } from './audit/chain';
import type { Db } from './connection';
import { clockLimitOf, healFutureClocks, readableClock, wallClockProblem } from './sync/clockBounds';
import type { SyncedTable } from './schema';
import { entities } from './entities';
import { settleImports } from './imports/settle';
import type { NewRow, Row, RowPatch } from './tables';

/**
 * The one write path. Every create, edit, delete and archive of synced data goes through a
 * `Writer`, which in the same transaction writes the row, records what sync needs (the row's
 * clock and change counter; one `sync_ops` op and one `field_clock` entry per edited field)
 * and appends to the audit log. A throw anywhere rolls back all three together.
 */
export type AuditAction = 'create' | 'update' | 'delete' | 'undelete' | 'archive' | 'restore';

interface ClockState {
  node: string;
  last: Hlc;
  seq: number;
}

interface PendingAudit {
  readonly action: AuditAction;
  readonly entity: string;
  readonly entityId: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/** Side-table work a batch gathers row by row and applies once, just before it commits. */
export interface DeferredWork {
  flush(db: Db): void;
}

/**
 * What a batch defers (the statistics roll-up: summed in memory, written once before commit).
 * Single writes have none: their side tables change with the row. A batch is all-or-nothing:
 * deferred work lives in memory, not in a savepoint, so code inside a batch must not catch a
 * failed nested write and carry on (the deferred sums would then include what was rolled back).
 */
export class BatchEffects {
  private readonly pending = new Map<string, DeferredWork>();
  /** The batch's new bills reach the roll-up after it commits (db/imports/settle.ts). */
  createdBillsDeferred = false;

  get<T extends DeferredWork>(key: string, make: () => T): T {
    let work = this.pending.get(key);
    if (!work) this.pending.set(key, (work = make()));
    return work as T;
  }

  flush(db: Db): void {
    for (const work of this.pending.values()) work.flush(db);
    this.pending.clear();
  }
}

export class Writer {
  private readonly db: Db;
  private readonly actor: string;
  private readonly batchLabel: string | null;
  private readonly batchEntityId: string | null;
  private readonly clock: ClockState;
  private readonly batchCounts = new Map<string, number>();
  private readonly nowIso: string;
  private readonly effects: BatchEffects | null;

  constructor(db: Db, actor: string, batchLabel: string | null, batchEntityId: string | null = null) {
    this.db = db;
    this.actor = actor;
    this.batchLabel = batchLabel;
    this.batchEntityId = batchEntityId;
    const row = db.statement('SELECT node, hlc, seq FROM sync_clock WHERE id = 1').get() as {
      node: string;
      hlc: string;
      seq: number;
    };
    const now = Date.now();
    const limit = clockLimitOf(db, now);
    // A date before 2000 has no clock at all: nothing is written until it is set right.
    if (now < minHlcMillis) throw wallClockProblem(db, now, limit) ?? new Error('unreachable');
    const last = readableClock(row.hlc, limit);
    this.clock = last ? { node: row.node, last, seq: row.seq } : this.heal(row, now, limit);
    this.nowIso = new Date(now).toISOString();
    this.effects = batchLabel === null ? null : new BatchEffects();
  }

  /**
   * A clock in the future (or unreadable) is healed before anything is written with it; unless
   * it is this computer's date that is wrong (then nothing is written).
   */
  private heal(stored: { node: string; hlc: string; seq: number }, now: number, limit: string): ClockState {
    const problem = wallClockProblem(this.db, now, limit);
    if (problem) throw problem;
    const healed = healFutureClocks(this.db, stored.node, stored.seq, now, limit);
    appendAudit(this.db, {
      actor: this.actor,
      action: 'clock.heal',
      entity: 'sync',
      entityId: stored.node,
      before: { clock: stored.hlc },
      after: { clock: formatHlc(healed.last), rows: healed.rows },
    });
    return { node: stored.node, last: healed.last, seq: healed.seq };
  }

  /** The acting manager, for columns like `created_by`. */
  get who(): string {
    return this.actor;
  }

  /** The last local change number given out: a row with a greater `seq` was written since. */
  get seq(): number {
    return this.clock.seq;
  }

  /** A new local change number for a record that is not a synced row (an erasure, db/erasure/). */
  takeSeq(): number {
    this.clock.seq += 1;
    return this.clock.seq;
  }

  /**
   * The bills this batch creates are added to the statistics roll-up after it commits, set-wise
   * (db/imports/settle.ts), instead of row by row inside it.
   */
  deferRollupOfCreatedBills(): void {
    if (!this.effects) throw new Error('only a batch defers its roll-up');
    this.effects.createdBillsDeferred = true;
  }

  /** A new clock for a change that is not a synced row's (a user's, db/sync/roster.ts). */
  stamp(): string {
    return this.nextChange().hlc;
  }

  private nextChange(): { hlc: string; seq: number } {
    this.clock.last = tickHlc(this.clock.last, Date.now());
    this.clock.seq += 1;
    return { hlc: formatHlc(this.clock.last), seq: this.clock.seq };
  }

  insert<T extends SyncedTable>(table: T, values: NewRow<T>): Row<T> {
    const spec = entities[table];
    const { hlc, seq } = this.nextChange();
    const given = values as Record<string, unknown>;
    const row: Record<string, unknown> = { ...given, deleted: given['deleted'] ?? 0, hlc, seq };
    const derived = spec.derive?.(row, this.nowIso);
    // One prepared statement per table, columns in a fixed order: bulk writes run this per row.
    const parameters: unknown[] = [row['id']];
    for (const column of spec.synced) parameters.push(toSql(row[column]));
    parameters.push(hlc, seq);
    for (const column of spec.derived ?? []) {
      row[column] = derived?.[column];
      parameters.push(toSql(row[column]));
    }
    const info = this.db.statement(insertStatements[table]).run(...parameters);
    if (table === 'accounts') row['rid'] = Number(info.lastInsertRowid);
    spec.afterWrite?.(this.db, row, undefined, this.effects);
    if (this.batchLabel !== null) this.count(spec.entity, 'create');
    else {
      const after = Object.fromEntries(['id', ...spec.synced].map((column) => [column, row[column]]));
      this.appendAudit('create', spec.entity, String(row['id']), null, after);
    }
    return row as Row<T>;
  }

  /**
   * Applies the fields of `patch` that differ from the stored row. Returns the row after the
   * change and the names of the changed columns (none: nothing was written or audited).
   */
  update<T extends SyncedTable>(
    table: T,
    id: string,
    patch: RowPatch<T>,
    action: AuditAction = 'update',
  ): { row: Row<T>; changed: string[] } {
    const spec = entities[table];
    const before = this.db.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
      Record<string, unknown> | undefined;
    if (!before) throw new Error(`${table} ${id} does not exist`);
    const changed = Object.entries(patch)
      .filter(([column, value]) => value !== undefined && !sameValue(toSql(value), before[column]))
      .map(([column]) => column);
    if (changed.length === 0) return { row: before as Row<T>, changed };
    for (const column of changed) {
      if (!spec.synced.includes(column)) throw new Error(`${table}.${column} is not a synced column`);
    }

    const { hlc, seq } = this.nextChange();
    const after: Record<string, unknown> = { ...before };
    for (const column of changed) after[column] = toSql((patch as Record<string, unknown>)[column]);
    after['seq'] = seq;
    const derived = spec.derive?.(after, this.nowIso) ?? {};
    Object.assign(after, derived);
    const written = [...changed, 'seq', ...Object.keys(derived)];
    this.db
      .statement(`UPDATE ${table} SET ${written.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`)
      .run(...written.map((column) => toSql(after[column])), id);

    const clock = this.db.statement(
      'INSERT INTO field_clock (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc',
    );
    const op = this.db.statement(
      'INSERT INTO sync_ops (seq, col, hlc, tbl, row_id, value) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const column of changed) {
      clock.run(table, id, column, hlc);
      op.run(seq, column, hlc, table, id, JSON.stringify(after[column]));
    }
    spec.afterWrite?.(this.db, after, before, this.effects);
    const entry = {
      action,
      entity: spec.entity,
      entityId: id,
      before: pick(before, changed),
      after: pick(after, changed),
    };
    if (this.batchLabel !== null && spec.historied?.some((column) => changed.includes(column))) {
      this.count(entry.entity, entry.action);
      this.appendAudit(entry.action, entry.entity, entry.entityId, entry.before, entry.after);
    } else this.audit(entry);
    return { row: after as Row<T>, changed };
  }

  /**
   * Writes values that came from another device (a sync import, `db/sync/apply.ts`), keeping
   * the clocks they came with instead of ticking this device's clock: the row's `hlc` is the
   * insert clock from the file, and every column in `clocks` that differs from it gets a
   * `field_clock` entry. The row takes a new local `seq`, so the next incremental export
   * carries it on (relay), as a row op with these same clocks; for that reason no `sync_ops`
   * op is appended (that journal holds this device's own edits). Derived columns, search keys
   * and roll-ups follow as for local writes. `insertClock` is given when the row is new here.
   */
  applyRemote<T extends SyncedTable>(
    table: T,
    id: string,
    values: Readonly<Record<string, unknown>>,
    clocks: Readonly<Record<string, string>>,
    insertClock: string | null,
  ): void {
    const spec = entities[table];
    for (const column of Object.keys(values)) {
      if (!spec.synced.includes(column)) throw new Error(`${table}.${column} is not a synced column`);
    }
    this.clock.seq += 1;
    const seq = this.clock.seq;
    const clock = this.db.statement(
      'INSERT INTO field_clock (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc',
    );
    if (insertClock !== null) {
      // Copied key by key: a spread of a file's row cost ~5 % of a sync import by itself.
      const row: Record<string, unknown> = {};
      for (const column in values) row[column] = values[column];
      row['id'] = id;
      row['hlc'] = insertClock;
      row['seq'] = seq;
      const derived = spec.derive?.(row, this.nowIso);
      const parameters: unknown[] = [id];
      for (const column of spec.synced) parameters.push(toSql(row[column]));
      parameters.push(insertClock, seq);
      for (const column of spec.derived ?? []) {
        row[column] = derived?.[column];
        parameters.push(toSql(row[column]));
      }
      const info = this.db.statement(insertStatements[table]).run(...parameters);
      if (table === 'accounts') row['rid'] = Number(info.lastInsertRowid);
      for (const [column, hlc] of Object.entries(clocks)) {
        if (hlc !== insertClock) clock.run(table, id, column, hlc);
      }
      spec.afterWrite?.(this.db, row, undefined, this.effects);
      this.audit({ action: 'create', entity: spec.entity, entityId: id, before: null, after: row });
      return;
    }
    const before = this.db.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
      Record<string, unknown> | undefined;
    if (!before) throw new Error(`${table} ${id} does not exist`);
    const changed = Object.keys(values);
    const after: Record<string, unknown> = { ...before, seq };
    for (const column of changed) after[column] = toSql(values[column]);
    const derived = spec.derive?.(after, this.nowIso) ?? {};
    Object.assign(after, derived);
    const written = [...changed, 'seq', ...Object.keys(derived)];
    this.db
      .statement(`UPDATE ${table} SET ${written.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`)
      .run(...written.map((column) => toSql(after[column])), id);
    for (const column of changed) {
      const hlc = clocks[column];
      if (hlc === undefined) throw new Error(`no clock for ${table}.${column}`);
      clock.run(table, id, column, hlc);
    }
    spec.afterWrite?.(this.db, after, before, this.effects);
    const action: AuditAction =
      before['deleted'] !== after['deleted'] ? (after['deleted'] === 1 ? 'delete' : 'undelete') : 'update';
    this.audit({
      action,
      entity: spec.entity,
      entityId: id,
      before: pick(before, changed),
      after: pick(after, changed),
    });
  }

  /**
   * Merges a clock seen in another device's file into this device's clock, so every later local
   * write sorts after everything imported (saved with the transaction, like every tick).
   */
  observe(remote: string): void {
    this.clock.last = receiveHlc(this.clock.last, parseHlc(remote), Date.now());
  }

  private audit(entry: PendingAudit): void {
    if (this.batchLabel !== null) this.count(entry.entity, entry.action);
    else this.appendAudit(entry.action, entry.entity, entry.entityId, entry.before, entry.after);
  }

  private count(entity: string, action: AuditAction): void {
    const key = `${entity}.${action}`;
    this.batchCounts.set(key, (this.batchCounts.get(key) ?? 0) + 1);
  }

  private appendAudit(
    action: string,
    entity: string,
    entityId: string | null,
    before: unknown,
    after: unknown,
  ): void {
    appendAudit(this.db, { actor: this.actor, action, entity, entityId, before, after });
  }

  /** Persists the clock and, for a batch, its one audit entry. Called once, before commit. */
  finish(): void {
    this.effects?.flush(this.db);
    this.db
      .statement('UPDATE sync_clock SET hlc = ?, seq = ? WHERE id = 1')
      .run(formatHlc(this.clock.last), this.clock.seq);
    if (this.batchLabel !== null && this.batchCounts.size > 0) {
      this.appendAudit(
        'batch',
        this.batchLabel,
        this.batchEntityId,
        null,
        Object.fromEntries(this.batchCounts),
      );
    }
  }
}

/** One audit entry; also used for local, unsynced changes (settings) and exports. */
/** Connections whose book has the audit chain: once there it stays (migrations only add). */
const chained = new WeakSet<Db['sqlite']>();

function hasAuditChain(db: Db): boolean {
  if (chained.has(db.sqlite)) return true;
  const found =
    db.statement("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'hash'").pluck().get() ===
    1;
  if (found) chained.add(db.sqlite);
  return found;
}

export function appendAudit(
  db: Db,
  entry: {
    actor: string;
    action: string;
    entity: string;
    entityId: string | null;
    before: unknown;
    after: unknown;
  },
): void {
  const fields = {
    at: new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
  };
  const append = () => {
    // A book migrated only part of the way (the upgrade's own entry, written by a list of
    // migrations that stops before the chain) has no chain to extend.
    if (!hasAuditChain(db)) {
      db.statement(
        'INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (@at, @actor, @action, @entity, @entity_id, @before, @after)',
      ).run(fields);
      return;
    }
    const last = db.statement('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
      { id: number; hash: string | null } | undefined;
    const chained = { ...fields, id: (last?.id ?? 0) + 1 };
    const bodyHash = auditBodyHash(chained.before, chained.after);
    db.statement(
      `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, body_hash, hash)
       VALUES (@id, @at, @actor, @action, @entity, @entity_id, @before, @after, @bodyHash, @hash)`,
    ).run({ ...chained, bodyHash, hash: auditEntryHash(last?.hash ?? '', chained, bodyHash) });
  };
  // The previous entry is read and the next written in one transaction: two connections (the
  // window's and the job thread's) never chain to the same entry.
  if (db.sqlite.inTransaction) append();
  else db.transaction(append);
}

/**
 * Whether a patch value is what is stored. A text stored before the text rules (with a zero-width
 * space at its end, a CRLF, decomposed characters) comes back from an edit form cleaned: that
 * is the same text, not an edit — written, it would take a new clock and win over a real edit of
 * that field made meanwhile on another device.
 */
function sameValue(value: unknown, stored: unknown): boolean {
  if (value === stored) return true;
  return typeof value === 'string' && typeof stored === 'string' && cleanText(stored) === value;
}

function toSql(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

function pick(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((column) => [column, row[column]]));
}

const insertStatements = Object.fromEntries(
  Object.entries(entities).map(([table, spec]) => {
    const columns = ['id', ...spec.synced, 'hlc', 'seq', ...(spec.derived ?? [])];
    return [
      table,
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    ];
  }),
) as Record<SyncedTable, string>;

/** The writer of the transaction in progress, so nested writes share its clock. */
const activeWriters = new WeakMap<Db, Writer>();

/** Work owed before a connection's first write reads the clock (db/sync/node.ts: the node id). */
const firstWriteHooks = new WeakMap<Db, () => void>();

/**
 * Runs `hook` inside the first write transaction on `db`, before its clock is read; again in
 * the next one if that write rolled back (the hook's writes went with it).
 */
export function beforeFirstWrite(db: Db, hook: () => void): void {
  firstWriteHooks.set(db, hook);
}

/**
 * Does the work owed before the first write (`beforeFirstWrite`) now, in a transaction of its
 * own, for a caller about to wrap many writes in one outer transaction (`fieldbook call --batch
 * --atomic`): inside it the hook's writes stay uncommitted, so each nested write would run the
 * hook (an integrity check of the whole book) again.
 */
export function settleFirstWrite(db: Db): void {
  const hook = firstWriteHooks.get(db);
  if (!hook) return;
  db.transaction(hook);
  firstWriteHooks.delete(db);
}

function runWriter<T>(
  db: Db,
  actor: string,
  batchLabel: string | null,
  fn: (writer: Writer) => T,
  batchEntityId: string | null = null,
): T {
  const active = activeWriters.get(db);
  if (active) return fn(active);
  const hook = firstWriteHooks.get(db);
  const result = db.transaction(() => {
    hook?.();
    // No write starts before an import's record and roll-up have followed it: it could change or erase those bills.
    settleImports(db);
    const writer = new Writer(db, actor, batchLabel, batchEntityId);
    activeWriters.set(db, writer);
    try {
      const result = fn(writer);
      writer.finish();
      return result;
    } finally {
      activeWriters.delete(db);
    }
  });
  // Committed, unless an outer transaction may still roll the hook's writes back.
  if (hook && !db.sqlite.inTransaction) firstWriteHooks.delete(db);
  return result;
}

const rolledBack = Symbol('rolled back');

/**
 * Runs `fn` as a batch and rolls all of it back, returning what `fn` returned: what a write
 * would do, told by doing it. Never inside another write, whose transaction it would share.
 */
export function trialBatch<T>(db: Db, actor: string, label: string, fn: (writer: Writer) => T): T {
  if (activeWriters.has(db)) throw new Error('a trial batch cannot run inside another write');
  let result: { value: T } | null = null;
  try {
    runWriter(db, actor, label, (writer) => {
      result = { value: fn(writer) };
      throw rolledBack;
    });
  } catch (error) {
    if (error !== rolledBack) throw error;
  }
  if (result === null) throw new Error('the trial batch did not run');
  return (result as { value: T }).value;
}

/** One user action: its writes, sync bookkeeping and audit entries commit together or not at all. */
export function write<T>(db: Db, actor: string, fn: (writer: Writer) => T): T {
  return runWriter(db, actor, null, fn);
}

/**
 * A bulk operation (seeding, an import): the same rows and sync records as one-by-one writes,
 * audited once for the whole batch, e.g. `{ "account.create": 100000 }`, under `label` and
 * `entityId` (an import's id, so its audit entry leads to its record).
 */
export function writeBatch<T>(
  db: Db,
  actor: string,
  label: string,
  fn: (writer: Writer) => T,
  entityId: string | null = null,
): T {
  return runWriter(db, actor, label, fn, entityId);
}
