import type { Db } from '../connection';
import type { SyncedTable } from '../schema';
import { entities } from '../entities';
import { IdSet } from './idSet';
import type { SyncPlan } from './plan';

/**
 * Which rows a walk through a sync file need not look for in the book. A table that held no row
 * when the walk began (read in the walk's transaction, so no other writer can add one) holds
 * only what this walk writes: the rows of its plans, remembered by `IdSet`. A row of such a
 * table that no plan wrote is surely absent, so the merge does not read the book for it: a new
 * laptop's first full file (a million rows) then costs no lookups at all. An id the set merely
 * may hold is looked for, as before; an erasure only removes rows, so it leaves this true.
 */
export class BookRows {
  private readonly empty: ReadonlySet<SyncedTable>;
  private readonly written = new IdSet();

  constructor(db: Db) {
    const empty = new Set<SyncedTable>();
    for (const table of Object.keys(entities) as SyncedTable[])
      if (db.statement(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined) empty.add(table);
    this.empty = empty;
  }

  /** The book surely does not hold this row. */
  readonly absent = (table: SyncedTable, id: string): boolean =>
    this.empty.has(table) && !this.written.has(id);

  /** The rows `plan` writes (or would: the preview adds them too, which only costs lookups). */
  wrote(plan: SyncPlan): void {
    if (this.empty.size === 0) return;
    for (const row of plan.rows) if (this.empty.has(row.table)) this.written.add(row.id);
  }
}
