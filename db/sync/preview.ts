import type { SessionUser, SyncScopeOutcome, SyncSharedNumber } from '../../shared/types';
import type { Db } from '../connection';
import {
  asContentError,
  bundleDigest,
  fileRights,
  isImported,
  mergeBundle,
  openReporting,
  type MergeProgress,
} from './apply';
import type { BundleManifest } from './ops';
import { noScopeOutcome, totalsOf, type EntityCounts, type PlanTally, type SyncPlan } from './plan';
import { trialBatch } from '../write';
import { planAlone } from './previewPlan';
import { accountChangeOf, sharedNumbersOf, type AccountChange } from './sharedNumbers';

/**
 * What importing a file would do. First planned alone (`planAlone`: each chunk planned as the
 * import plans it, nothing written, in a read transaction), which is exact as long as no chunk
 * names a row an earlier chunk would write; a file where one does (never an export of this
 * engine; a hand-joined file may) is previewed as the import itself (`mergeBundle`) run in a
 * transaction that is then rolled back, which takes the write lock as long as an import would.
 * Either way the counts, conflicts and refusals are the import's. `digest` identifies the file:
 * passing it back to the import refuses a file that changed between preview and confirmation.
 */
export interface PreviewOutcome {
  readonly manifest: BundleManifest;
  readonly digest: string;
  readonly alreadyImported: boolean;
  readonly counts: Record<string, EntityCounts>;
  readonly totals: EntityCounts;
  /** Live accounts that will share a customer number or credit code (`sharedNumbersOf`). */
  readonly sharedNumbers: SyncSharedNumber[];
  readonly sharedNumbersTotal: number;
  readonly scope: SyncScopeOutcome;
}

export function previewBundle(
  db: Db,
  bytes: Uint8Array,
  passphrase: string,
  onProgress?: (step: MergeProgress) => void,
  reader?: SessionUser,
): PreviewOutcome {
  const bundle = openReporting(bytes, passphrase, onProgress);
  const { manifest } = bundle;
  const rights = fileRights(db, bundle, reader);
  const digest = bundleDigest(bytes);
  if (isImported(db, manifest.bundleId)) {
    return {
      manifest,
      digest,
      alreadyImported: true,
      counts: {},
      totals: totalsOf({}),
      sharedNumbers: [],
      sharedNumbersTotal: 0,
      scope: noScopeOutcome,
    };
  }
  const accounts: AccountChange[] = [];
  const collect = (plan: SyncPlan) => {
    for (const row of plan.rows) {
      const change = accountChangeOf(row);
      if (change) accounts.push(change);
    }
  };
  let tally: PlanTally | null;
  try {
    const alone = planAlone(db, bundle, rights, collect, onProgress);
    if (alone !== 'needs the import') tally = alone;
    else {
      accounts.length = 0;
      tally = trialBatch(db, previewActor, 'sync.preview', (writer) =>
        // Again inside the transaction: another process may have imported it meanwhile.
        isImported(db, manifest.bundleId)
          ? null
          : mergeBundle(db, writer, bundle, previewActor, rights, collect, onProgress),
      );
    }
  } catch (error) {
    throw asContentError(error);
  }
  if (tally === null) return previewBundle(db, bytes, passphrase, onProgress, reader);
  // The book is as it was again; the check compares the file's accounts with it.
  const shared = sharedNumbersOf(db, accounts);
  return {
    manifest,
    digest,
    alreadyImported: false,
    counts: tally.counts,
    totals: totalsOf(tally.counts),
    sharedNumbers: shared.pairs,
    sharedNumbersTotal: shared.total,
    scope: tally.scope,
  };
}

/** Who the trial import writes as; nothing of it stays. */
const previewActor = 'preview';
