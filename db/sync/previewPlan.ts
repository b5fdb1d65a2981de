import { minHlcMillis } from '../../shared/domain/hlc';
import type { Db } from '../connection';
import { rosterOf, type FileRights } from './apply';
import type { OpenedBundle } from './bundleFile';
import { clockLimitOf, readableClock, wallClockProblem } from './clockBounds';
import type { PlanTally, SyncPlan } from './plan';
import { localClock } from './versionVector';
import { walkBundle, type MergeProgress } from './walk';

/**
 * A sync preview without the import's writes. An import plans each chunk against the book as
 * the chunks before it left it; a chunk's plan reads only the rows its ops name (and their
 * conflicts already filed), and the ops of erased accounts, which only the file's last step
 * changes. So where no chunk names a row that an earlier chunk writes, every chunk planned
 * against the book as it is now is the chunk the import plans, and the tally is the import's.
 * The rows each chunk would write are remembered by 60 bits of their id (`IdSet`); a
 * chunk naming one of them stops the walk (`'needs the import'`: the caller then previews by
 * importing and rolling back). Numbers that merely coincide cost that detour, never a wrong
 * count. Refusals are the import's: the same checks run in the same order (values in the plan,
 * clocks ahead in the walk, the computer's date as the import's `Writer` checks it).
 */
export function planAlone(
  db: Db,
  bundle: OpenedBundle,
  rights: FileRights,
  onPlan: (plan: SyncPlan) => void,
  onProgress?: (step: MergeProgress) => void,
): PlanTally | null | 'needs the import' {
  // Inside another write the preview would see (and count against) that write's rows.
  if (db.sqlite.inTransaction) throw new Error('a sync preview cannot run inside another write');
  const read = db.sqlite.transaction((): PlanTally | null | 'needs the import' => {
    // Again inside the snapshot: another process may have imported it meanwhile.
    if (db.statement('SELECT 1 FROM sync_bundles WHERE bundle_id = ?').get(bundle.manifest.bundleId))
      return null;
    refuseAsTheWriterWould(db);
    const written = new IdSet();
    const tally = walkBundle(db, bundle, Number.POSITIVE_INFINITY, {
      judge: rights.judge(),
      onProgress,
      before: (ops) => !ops.some((op) => written.has(op.id)),
      planned: (plan) => {
        for (const row of plan.rows) written.add(row.id);
        onPlan(plan);
        return [];
      },
    });
    if (!tally) return 'needs the import';
    // The users it carries, planned as the import plans them (counts and refusals).
    rosterOf(db, tally, rights);
    return tally;
  });
  return read.deferred();
}

/**
 * Row ids (UUIDs, as `checkOp` insists) by 60 of their bits, the random ones of a UUIDv7, in an
 * open-addressed table of typed arrays: a million ids cost 16 MB and no garbage. Two ids that
 * share those bits are taken as one (the preview then imports and rolls back: slower, exact).
 */
class IdSet {
  private high = new Uint32Array(1 << 16);
  private low = new Uint32Array(1 << 16);
  private size = 0;

  has(id: string): boolean {
    const [high, low] = bitsOf(id);
    for (let at = this.slot(low); this.high[at] !== 0; at = (at + 1) & (this.high.length - 1))
      if (this.high[at] === high && this.low[at] === low) return true;
    return false;
  }

  add(id: string): void {
    if ((this.size + 1) * 2 > this.high.length) this.grow();
    this.put(...bitsOf(id));
  }

  private put(high: number, low: number): void {
    let at = this.slot(low);
    for (; this.high[at] !== 0; at = (at + 1) & (this.high.length - 1))
      if (this.high[at] === high && this.low[at] === low) return;
    this.high[at] = high;
    this.low[at] = low;
    this.size += 1;
  }

  private slot(low: number): number {
    return (Math.imul(low, 0x9e3779b1) >>> 0) & (this.high.length - 1);
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.size = 0;
    for (let at = 0; at < high.length; at += 1) if (high[at] !== 0) this.put(high[at] ?? 0, low[at] ?? 0);
  }
}

/** `xxxxxxxx-xxxx-xxxx-Vhhh-hhhhllllllll`: 28 bits (with a marker bit, never 0) and 32 bits. */
function bitsOf(id: string): [number, number] {
  return [(hex(id, 20, 23) * 0x10000 + hex(id, 24, 28)) | 0x10000000, hex(id, 28, 36)];
}

/** The hex digits of `text` from `start` to `end` (at most 8) as a number. */
function hex(text: string, start: number, end: number): number {
  let value = 0;
  for (let at = start; at < end; at += 1) {
    const code = text.charCodeAt(at);
    value = value * 16 + (code <= 57 ? code - 48 : (code | 32) - 87);
  }
  return value;
}

/**
 * The import's `Writer` refuses to write when this computer's date is before 2000, or when the
 * book's clock must be healed and the date is earlier than what the book already holds.
 */
function refuseAsTheWriterWould(db: Db): void {
  const now = Date.now();
  const limit = clockLimitOf(db, now);
  if (now >= minHlcMillis && readableClock(localClock(db).hlc, limit) !== null) return;
  const problem = wallClockProblem(db, now, limit);
  if (problem) throw problem;
}
