import type { Db } from '../connection';
import type { SyncedTable } from '../schema';
import { entities } from '../entities';
import type { DataOp, RowOp, SyncValue } from './ops';
import { checkValue, columnsOf, invalid, type ColumnInfo } from './values';

/**
 * The rows one chunk of a sync file names, as its merge (`planBundle`) reads and changes them:
 * those this book holds, read a table at a time, and those the chunk makes. An import plans
 * about a million of them, each held until its chunk is written, so a row costs as few objects
 * as it can: a new row keeps the op's own `row` as its values when it has exactly this book's
 * columns (copied only if a later op of the chunk changes it), and its set of changed columns
 * is made only when one changes.
 */
export interface RowState {
  readonly table: SyncedTable;
  readonly id: string;
  readonly isNew: boolean;
  readonly insertClock: string;
  /** The row's local change number before this plan (0 for a new row). */
  readonly seq: number;
  values: Record<string, SyncValue>;
  /** `values` is the op's `row`: `writableValues` copies it before a change. */
  sharesOpRow: boolean;
  readonly clocks: Record<string, string>;
  /** Columns whose incoming value won (null: none). */
  taken: Set<string> | null;
  /** Named by an op of the chunk that was not left out: counted, and written if it changed. */
  touched: boolean;
}

/** The chunk's rows by table and id. */
export class RowStates {
  private readonly tables = new Map<SyncedTable, Map<string, RowState>>();

  get(table: SyncedTable, id: string): RowState | null {
    return this.tables.get(table)?.get(id) ?? null;
  }

  add(state: RowState): void {
    let rows = this.tables.get(state.table);
    if (!rows) this.tables.set(state.table, (rows = new Map()));
    rows.set(state.id, state);
  }
}

/** `state.values`, made the state's own first if it is still the op's `row`. */
export function writableValues(state: RowState): Record<string, SyncValue> {
  if (state.sharesOpRow) {
    state.values = { ...state.values };
    state.sharesOpRow = false;
  }
  return state.values;
}

/**
 * The row `op` makes, every value checked (`checkValue`). A file from an older schema lacks
 * newer columns: their defaults fill in (upcasting); a column without one refuses the file.
 */
export function newRowState(db: Db, op: RowOp): RowState {
  const columns = columnsOf(db, op.t);
  const { row } = op;
  let asGiven = true;
  for (const [column, info] of columns) {
    const own = Object.hasOwn(row, column);
    const given = own ? (row[column] ?? null) : info.fallback;
    if (given === undefined)
      invalid(`${op.t}.${column} is missing from a new row`, { table: op.t, id: op.id });
    checkValue(info, op.t, column, given);
    if (!own || given !== row[column]) asGiven = false;
  }
  const sharesOpRow = asGiven && ownKeys(row) === columns.size;
  // Only the edited columns: every other column's clock is the insert clock (`merge` and
  // `Writer.applyRemote` read it so).
  const clocks: Record<string, string> = {};
  const edited = op.f;
  if (edited)
    for (const column in edited) {
      const clock = edited[column];
      if (clock !== undefined && Object.hasOwn(edited, column) && columns.has(column)) clocks[column] = clock;
    }
  return {
    table: op.t,
    id: op.id,
    isNew: true,
    insertClock: op.h,
    seq: 0,
    values: sharesOpRow ? row : valuesOf(columns, row),
    sharesOpRow,
    clocks,
    taken: null,
    touched: false,
  };
}

function ownKeys(row: Record<string, SyncValue>): number {
  let count = 0;
  for (const key in row) if (Object.hasOwn(row, key)) count += 1;
  return count;
}

/** `row`'s values of `columns`, defaults where it has none (already checked by `newRowState`). */
function valuesOf(columns: ReadonlyMap<string, ColumnInfo>, row: Record<string, SyncValue>) {
  const values: Record<string, SyncValue> = {};
  for (const [column, info] of columns)
    values[column] = Object.hasOwn(row, column) ? (row[column] ?? null) : (info.fallback ?? null);
  return values;
}

/**
 * Reads the rows `ops` name that this book has into `states`, a table at a time (not one query
 * per op), leaving out those `absent` says the book cannot hold.
 */
export function prefetch(
  db: Db,
  ops: readonly DataOp[],
  states: RowStates,
  absent: ((table: SyncedTable, id: string) => boolean) | undefined,
): void {
  const byTable = new Map<SyncedTable, Set<string>>();
  for (const op of ops) {
    if (absent?.(op.t, op.id)) continue;
    let ids = byTable.get(op.t);
    if (!ids) byTable.set(op.t, (ids = new Set()));
    ids.add(op.id);
  }
  for (const [table, ids] of byTable) loadRows(db, table, [...ids], states);
}

/** Each row of `ids` as its `RowState`, clocks from `field_clock` over the insert clock. */
function loadRows(db: Db, table: SyncedTable, ids: readonly string[], states: RowStates): void {
  const spec = entities[table];
  const list = JSON.stringify(ids);
  const rows = db
    .statement(
      `SELECT id, hlc, seq, ${spec.synced.join(', ')} FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(list) as Record<string, SyncValue>[];
  if (rows.length === 0) return;
  const found = new Map<string, RowState>();
  for (const row of rows) {
    const insertClock = String(row['hlc']);
    const clocks: Record<string, string> = {};
    const values: Record<string, SyncValue> = {};
    for (const column of spec.synced) {
      clocks[column] = insertClock;
      values[column] = row[column] ?? null;
    }
    const id = String(row['id']);
    const state: RowState = {
      table,
      id,
      isNew: false,
      insertClock,
      seq: Number(row['seq']),
      values,
      sharesOpRow: false,
      clocks,
      taken: null,
      touched: false,
    };
    found.set(id, state);
    states.add(state);
  }
  const edited = db
    .statement(
      'SELECT row_id, col, hlc FROM field_clock WHERE tbl = ? AND row_id IN (SELECT value FROM json_each(?))',
    )
    .all(table, JSON.stringify([...found.keys()])) as { row_id: string; col: string; hlc: string }[];
  for (const { row_id: id, col, hlc } of edited) {
    const state = found.get(id);
    if (state) state.clocks[col] = hlc;
  }
}
