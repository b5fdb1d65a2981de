import { ApiError } from '../../shared/errors';
import { isAhead } from '../../shared/domain/hlc';
import type { Db } from '../connection';
import { withoutErased } from '../erasure/sync';
import type { OpenedBundle } from './bundleFile';
import { clockLimitOf } from './clockBounds';
import type { ScopeJudge } from './authority';
import { isRowOp, type DataOp, type UserOp } from './ops';
import {
  addIgnored,
  addToTally,
  emptyTally,
  inMergeOrder,
  planBundle,
  type MergeStep,
  type PlanTally,
  type SyncPlan,
} from './plan';
import { BookRows } from './bookRows';
import { localClock } from './versionVector';

/**
 * The walk through a file that an import and its preview share: a chunk at a time, the ops of
 * erased accounts dropped, clocks ahead of this computer counted (the file is then refused),
 * then each chunk planned against the book (`planBundle`, where each op is accepted or
 * skipped) and handed to `planned`: the import writes it before the next chunk is planned,
 * the preview only remembers which rows it would write.
 */

/**
 * How far a preview or import has come: `decrypt` while the whole file is authenticated (before
 * any op is read), then `rows`: ops merged so far of the manifest's count, after each chunk.
 */
export interface MergeProgress {
  readonly phase: 'decrypt' | 'rows';
  readonly done: number;
  readonly total: number;
}

export interface WalkHooks {
  /** Who may change what, and what this book keeps (db/sync/authority.ts); absent: anything. */
  readonly judge?: ScopeJudge | undefined;
  /** Before a chunk is planned: false stops the walk (the preview's cue to do the real thing). */
  readonly before?: (ops: readonly DataOp[]) => boolean;
  /** A chunk's plan; returns the accounts its erasures erased here. */
  readonly planned: (plan: SyncPlan, step: MergeStep, ops: readonly DataOp[]) => readonly string[];
  readonly onProgress?: ((step: MergeProgress) => void) | undefined;
}

/** The file's tally, or null when `before` stopped the walk. Refuses clocks ahead (`ClocksAhead`). */
export function walkBundle(
  db: Db,
  bundle: OpenedBundle,
  writtenAfterSeq: number,
  { before, planned, onProgress, judge }: WalkHooks,
): WalkTally | null {
  const total = bundle.manifest.opCount;
  const localNode = localClock(db).node;
  const tally: WalkTally = { ...emptyTally(), users: [] };
  const skip = judge
    ? (ops: readonly DataOp[], held: Parameters<ScopeJudge['skipped']>[2]) => judge.skipped(db, ops, held)
    : undefined;
  const ahead = new ClocksAhead(clockLimitOf(db));
  const book = new BookRows(db);
  let merged = 0;
  onProgress?.({ phase: 'rows', done: merged, total });
  for (const given of inMergeOrder(bundle)) {
    merged += given.ops.length + given.erasures.length + given.users.length;
    tally.users.push(...given.users);
    ahead.countClocks(given.users.map((user) => user.h));
    const step = judge ? { ...given, erasures: judge.erasures(db, given.erasures) } : given;
    const { kept: ops, dropped } = withoutErased(db, step.ops);
    addIgnored(tally, dropped);
    // Once a clock is found ahead nothing more is planned: the rest is only counted for the message.
    if (ahead.count(ops) > 0) {
      onProgress?.({ phase: 'rows', done: merged, total });
      continue;
    }
    if (before && !before(ops)) return null;
    const plan = planBundle(db, ops, localNode, {
      rowsInFile: step.rowsInFile,
      writtenAfterSeq,
      absent: book.absent,
      ...(skip ? { skip } : {}),
    });
    book.wrote(plan);
    tally.erased.push(...planned(plan, step, ops));
    addToTally(tally, plan);
    onProgress?.({ phase: 'rows', done: merged, total });
  }
  ahead.refuse();
  if (judge) {
    judge.settleLeaving(db, bundle.manifest.versionVector);
    tally.scope = judge.outcome();
    tally.leaving = judge.leaving;
  }
  return tally;
}

/** A file's tally, with the users it carries (db/sync/roster.ts: the caller plans them). */
export interface WalkTally extends PlanTally {
  readonly users: UserOp[];
}

/** Ops of a file dated later than this book accepts (`clockBounds.ts`): the file is refused. */
class ClocksAhead {
  private ops = 0;
  private furthest = '';

  constructor(private readonly limit: string) {}

  /** Counts the ops of `ops` dated past the limit; returns the total so far. */
  count(ops: readonly DataOp[]): number {
    for (const op of ops) {
      let latest = op.h;
      const edited = isRowOp(op) ? op.f : undefined;
      if (edited) for (const column in edited) latest = max(latest, edited[column]);
      this.countClock(latest);
    }
    return this.ops;
  }

  /** Counts the latest clocks of ops (one each) dated past the limit; returns the total so far. */
  countClocks(latest: readonly string[]): number {
    for (const clock of latest) this.countClock(clock);
    return this.ops;
  }

  private countClock(clock: string): void {
    if (!isAhead(clock, this.limit)) return;
    this.ops += 1;
    if (clock > this.furthest) this.furthest = clock;
  }

  refuse(): void {
    if (this.ops === 0) return;
    const furthest = this.furthest.slice(0, 24);
    throw new ApiError(
      'SYNC_CLOCK_AHEAD',
      `${this.ops} changes in the file are dated after ${this.limit} (the latest ${furthest}): the sending computer's clock is probably wrong`,
      { details: { ops: this.ops, furthest, limit: this.limit } },
    );
  }
}

const max = (clock: string, other: string | undefined): string =>
  other !== undefined && other > clock ? other : clock;
