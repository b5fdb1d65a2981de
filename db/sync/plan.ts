import type { SyncScopeOutcome } from '../../shared/types';
import type { Db } from '../connection';
import type { SyncedTable } from '../schema';
import { entities } from '../entities';
import type { OpenedBundle } from './bundleFile';
import type { HeldRow } from './authority';
import {
  isEnrolmentOp,
  isErasureOp,
  isRowOp,
  isUserOp,
  type DataOp,
  type SyncValue,
  type UserOp,
} from './ops';
import { newRowState, prefetch, RowStates, writableValues, type RowState } from './rowStates';
import { checkValue, columnsOf, invalid } from './values';

/**
 * The merge decision of a sync import and of its preview (`previewPlan.ts`).
 * Reads only; `db/sync/apply.ts` writes what it decides.
 *
 * Per field, last writer wins: a field's clock is its `field_clock` entry, else the row's insert
 * clock (`hlc`). An incoming value is taken when its clock is greater, ignored when smaller, and
 * an equal clock is the same write seen again (clocks are unique per write: the node id is part
 * of them). The result is the same whatever the order of files and however often each is
 * imported: every field ends with the value of the greatest clock any file carried.
 *
 * Conflict inbox: when a merge discards a free-text value (a `freeText` column of its entity:
 * not visits' or bills', which have one author each) that differs from the value kept, the
 * discarded one is filed in `sync_conflicts`, unless
 *  - the discarded value is the row's insert value (nobody changed it since the common state);
 *  - both values were written by the same device (that device wrote the newer one over the
 *    older one, so the older one was seen; had it been lost there first, it was filed then);
 *  - the discarded value is incoming and was written by this device (it was current here once
 *    and whatever replaced it here was checked at that moment).
 * This files every value that lost without anyone having seen it (a "leaf" of the edit history
 * other than the winner): such a value is replaced on its own device by an import, and none of
 * the exceptions applies there. It also files some values that were seen and edited over on
 * another device (the file format carries no "edited over clock X" per field); a person
 * dismisses those with "keep". Precise detection would need the base clock in the file.
 */

export interface EntityCounts {
  /** Rows this device did not have. */
  new: number;
  /** Rows with at least one field newer than here. */
  changed: number;
  /** Rows in the file with nothing newer than here (older, or already seen). */
  ignoredOlder: number;
  /** Free-text values filed in the conflict inbox. */
  conflicts: number;
}

export interface PlannedConflict {
  readonly table: SyncedTable;
  readonly rowId: string;
  readonly column: string;
  readonly losingValue: SyncValue;
  readonly losingHlc: string;
  readonly winningHlc: string;
}

/** One row to write: a whole new row (`insertClock` set), or the fields that won. */
export interface PlannedRow {
  readonly table: SyncedTable;
  readonly id: string;
  readonly insertClock: string | null;
  readonly values: Record<string, SyncValue>;
  /** Per written field its clock; for a new row only those that differ from `insertClock`. */
  readonly clocks: Record<string, string>;
}

export interface SyncPlan {
  readonly rows: PlannedRow[];
  readonly conflicts: PlannedConflict[];
  /** Per entity (`entities[t].entity`), only entities the file touches. */
  readonly counts: Record<string, EntityCounts>;
  /** The greatest clock in the file, which this device's clock must pass after the import. */
  readonly maxClock: string | null;
}

export const nodeOf = (hlc: string): string => hlc.slice(-16);

/**
 * Decides ops of a bundle against the database as it is now. A file is planned a chunk at a
 * time (`inMergeOrder`): an import writes each chunk's plan before planning the next, so a row
 * the file names in two chunks is merged twice, as two files would be, and counted twice
 * (exports name each row once). `context` says which rows the file's earlier steps already counted (`FileContext`).
 */
export function planBundle(
  db: Db,
  ops: readonly DataOp[],
  localNode: string,
  { rowsInFile, writtenAfterSeq, skip, absent }: FileContext = {
    rowsInFile: new Set(),
    writtenAfterSeq: Infinity,
  },
): SyncPlan {
  // Every row the chunk names that this book has (read up front); a row made here joins them.
  const states = new RowStates();
  const conflicts = new Map<string, PlannedConflict>();
  const touched: RowState[] = [];
  const touch = (state: RowState) => {
    if (state.touched) return;
    state.touched = true;
    touched.push(state);
  };
  let maxClock: string | null = null;
  const see = (clock: string) => {
    if (maxClock === null || clock > maxClock) maxClock = clock;
  };

  const load = (table: SyncedTable, id: string): RowState | null => states.get(table, id);
  prefetch(db, ops, states, absent);

  const isConflict = (
    state: RowState,
    column: string,
    loser: { value: SyncValue; hlc: string; incoming: boolean },
    winner: { value: SyncValue; hlc: string },
  ): boolean =>
    !state.isNew &&
    entities[state.table].freeText.includes(column) &&
    loser.value !== winner.value &&
    loser.hlc !== state.insertClock &&
    nodeOf(loser.hlc) !== nodeOf(winner.hlc) &&
    !(loser.incoming && nodeOf(loser.hlc) === localNode);

  const file = (
    state: RowState,
    column: string,
    losingValue: SyncValue,
    losingHlc: string,
    winningHlc: string,
  ) => {
    const key = `${state.table}\u0000${state.id}\u0000${column}\u0000${losingHlc}`;
    if (conflicts.has(key)) return;
    const filed = db
      .statement('SELECT 1 FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND col = ? AND losing_hlc = ?')
      .get(state.table, state.id, column, losingHlc);
    if (filed) return;
    conflicts.set(key, { table: state.table, rowId: state.id, column, losingValue, losingHlc, winningHlc });
  };

  const merge = (state: RowState, column: string, value: SyncValue, clock: string) => {
    const local = state.clocks[column] ?? state.insertClock;
    const localValue = state.values[column] ?? null;
    if (clock > local) {
      // Only a value that will be stored is checked: one this book already holds, or that loses,
      // never refuses a file (a relay or a full export sends old values again).
      checkValue(columnsOf(db, state.table).get(column), state.table, column, value);
      if (
        isConflict(state, column, { value: localValue, hlc: local, incoming: false }, { value, hlc: clock })
      )
        file(state, column, localValue, local, clock);
      writableValues(state)[column] = value;
      state.clocks[column] = clock;
      (state.taken ??= new Set()).add(column);
    } else if (clock < local) {
      if (isConflict(state, column, { value, hlc: clock, incoming: true }, { value: localValue, hlc: local }))
        file(state, column, value, clock, local);
    }
  };

  // Each op is decided here, one at a time, against the rows read up front: left out (its
  // signer may not make it, or it is not this book's user's: `skip`, db/sync/authority.ts),
  // accepted, skipped as older, a conflict filed, or the file refused.
  const skipped = skip?.(ops, (op) => load(op.t, op.id)) ?? noOps;
  // Row ops first: a field op in the same file may edit a row the file also inserts.
  for (const op of ops) {
    if (!isRowOp(op) || skipped.has(op)) continue;
    see(op.h);
    const edited = op.f;
    if (edited) for (const column in edited) see(edited[column] ?? op.h);
    let state = load(op.t, op.id);
    if (!state) {
      state = newRowState(db, op);
      states.add(state);
    } else {
      for (const [column, value] of Object.entries(op.row))
        merge(state, column, value, edited?.[column] ?? op.h);
    }
    touch(state);
  }
  for (const op of ops) {
    if (isRowOp(op) || skipped.has(op)) continue;
    see(op.h);
    const state = load(op.t, op.id);
    // Without its row a field cannot be stored; this engine's exports never separate them.
    if (!state)
      invalid(`a field op for ${op.t} ${op.id}, a row this book does not have`, { table: op.t, id: op.id });
    merge(state, op.c, op.v, op.h);
    touch(state);
  }

  const counts: Record<string, EntityCounts> = {};
  const countsOf = (table: SyncedTable) => (counts[entities[table].entity] ??= noCounts());
  const rows: PlannedRow[] = [];
  for (const state of touched) {
    const key = rowsInFile.size > 0 ? rowKey(state.table, state.id) : '';
    if (rowsInFile.has(key)) {
      // Counted by its row op: as new or changed if that wrote it, else as ignored, which a
      // field that wins now turns into changed.
      if (state.taken !== null && state.seq <= writtenAfterSeq) {
        countsOf(state.table).ignoredOlder -= 1;
        countsOf(state.table).changed += 1;
      }
    }
    const entity = rowsInFile.has(key) ? noCounts() : countsOf(state.table);
    if (state.isNew) {
      entity.new += 1;
      // The state is the planned row (one object fewer per row of a large file).
      rows.push(state);
    } else if (state.taken !== null) {
      entity.changed += 1;
      const values: Record<string, SyncValue> = {};
      const clocks: Record<string, string> = {};
      for (const column of state.taken) {
        values[column] = state.values[column] ?? null;
        clocks[column] = state.clocks[column] ?? state.insertClock;
      }
      rows.push({ table: state.table, id: state.id, insertClock: null, values, clocks });
    } else {
      entity.ignoredOlder += 1;
    }
  }
  for (const conflict of conflicts.values()) countsOf(conflict.table).conflicts += 1;
  return { rows, conflicts: [...conflicts.values()], counts, maxClock };
}

/** What a step of a file's merge needs to know about the steps before it. */
export interface FileContext {
  /** Rows (`rowKey`) the file has row ops for in earlier steps: they are counted there. */
  readonly rowsInFile: ReadonlySet<string>;
  /** The local `seq` before the import began: rows above it were written by earlier steps. */
  readonly writtenAfterSeq: number;
  /** The chunk's ops not to merge (`ScopeJudge.skipped`), given the rows the book holds. */
  readonly skip?: (ops: readonly DataOp[], held: (op: DataOp) => HeldRow | null) => ReadonlySet<DataOp>;
  /** True for a row the book surely does not hold (`BookRows`): it is not looked for. */
  readonly absent?: (table: SyncedTable, id: string) => boolean;
}

const noOps: ReadonlySet<DataOp> = new Set();

export const rowKey = (table: string, id: string): string => `${table}\u0000${id}`;

/**
 * One step of a merge: `planBundle(db, step.ops, node, step.rowsInFile)`, then the accounts it
 * erases (db/erasure/).
 */
export interface MergeStep {
  readonly ops: DataOp[];
  readonly rowsInFile: ReadonlySet<string>;
  readonly erasures: readonly string[];
  /** The users the file carries (db/sync/roster.ts), with the last step. */
  readonly users: readonly UserOp[];
}

/**
 * A file's ops in the order the merge needs them, a chunk at a time: the row ops as the file
 * has them, then the field ops (a field op may edit a row the file also inserts), with the rows
 * among their targets that the file also has row ops for (read again from the file). Field ops
 * are held until the end; this engine's exports have none.
 */
export function* inMergeOrder(bundle: Pick<OpenedBundle, 'chunks'>): Generator<MergeStep> {
  const noRows: ReadonlySet<string> = new Set();
  const fieldOps: DataOp[] = [];
  const erasures: string[] = [];
  const users: UserOp[] = [];
  for (const chunk of bundle.chunks()) {
    const rowOps: DataOp[] = [];
    for (const op of chunk) {
      if (isErasureOp(op)) erasures.push(op.e);
      else if (isUserOp(op)) users.push(op);
      // A head-office file's key for its recipient to join with (db/sync/join.ts): not for a book.
      else if (isEnrolmentOp(op)) continue;
      else (isRowOp(op) ? rowOps : fieldOps).push(op);
    }
    if (rowOps.length > 0) yield { ops: rowOps, rowsInFile: noRows, erasures: [], users: [] };
  }
  // Last, so they also take what earlier steps of this file wrote for those accounts.
  if (fieldOps.length === 0) {
    if (erasures.length > 0 || users.length > 0) yield { ops: [], rowsInFile: noRows, erasures, users };
    return;
  }
  const targets = new Set(fieldOps.map((op) => rowKey(op.t, op.id)));
  const rowsInFile = new Set<string>();
  for (const chunk of bundle.chunks())
    for (const op of chunk)
      if (isRowOp(op) && targets.has(rowKey(op.t, op.id))) rowsInFile.add(rowKey(op.t, op.id));
  yield { ops: fieldOps, rowsInFile, erasures, users };
}

/** What the plans of a file's chunks add up to. */
export interface PlanTally {
  readonly counts: Record<string, EntityCounts>;
  /** Rows left out of this book, accounts leaving it, changes refused (db/sync/authority.ts). */
  scope: SyncScopeOutcome;
  maxClock: string | null;
  /** Accounts the file erased here (db/erasure/). */
  readonly erased: string[];
  /** Accounts of this book the file hands outside its user's accounts: the import drops them. */
  leaving: readonly string[];
}

export function emptyTally(): PlanTally {
  return { counts: {}, maxClock: null, erased: [], scope: noScopeOutcome, leaving: [] };
}

/** Ops of erased accounts, dropped unplanned: counted as already seen. */
export function addIgnored(tally: PlanTally, dropped: ReadonlyMap<string, number>): void {
  for (const [entity, count] of dropped) (tally.counts[entity] ??= noCounts()).ignoredOlder += count;
}

export function addToTally(tally: PlanTally, plan: SyncPlan): void {
  for (const [entity, counts] of Object.entries(plan.counts))
    addCounts((tally.counts[entity] ??= noCounts()), counts);
  if (plan.maxClock !== null && (tally.maxClock === null || plan.maxClock > tally.maxClock))
    tally.maxClock = plan.maxClock;
}

export function totalsOf(counts: Record<string, EntityCounts>): EntityCounts {
  const totals = noCounts();
  for (const entity of Object.values(counts)) addCounts(totals, entity);
  return totals;
}

export const noScopeOutcome: SyncScopeOutcome = { outsideScope: 0, leaving: 0, refused: [], refusedTotal: 0 };

const noCounts = (): EntityCounts => ({ new: 0, changed: 0, ignoredOlder: 0, conflicts: 0 });

function addCounts(into: EntityCounts, from: EntityCounts): void {
  into.new += from.new;
  into.changed += from.changed;
  into.ignoredOlder += from.ignoredOlder;
  into.conflicts += from.conflicts;
}
