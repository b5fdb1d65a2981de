import { minHlcMillis } from '../../shared/domain/hlc';
import type { Db } from '../connection';
import { rosterOf, type FileRights } from './apply';
import type { OpenedBundle } from './bundleFile';
import { clockLimitOf, readableClock, wallClockProblem } from './clockBounds';
import type { PlanTally, SyncPlan } from './plan';
import { IdSet } from './idSet';
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
