import { parseHlc } from '../../shared/domain/hlc';
import type { SyncSharedNumber } from '../../shared/types';
import type { Db } from '../connection';
import { bundleDigest, isImported, open } from './apply';
import type { BundleManifest } from './ops';
import { addToTally, emptyTally, inMergeOrder, planBundle, totalsOf, type EntityCounts } from './plan';
import { accountChangeOf, sharedNumbersOf, type AccountChange } from './sharedNumbers';
import { localClock } from './versionVector';

/**
 * What importing a file would do, decided by the same code as the import (`planBundle`, chunk
 * by chunk) and writing nothing; every op of the file is checked on the way. `digest` identifies the file: passing it back to the import refuses a file
 * that changed between preview and confirmation.
 */
export interface PreviewOutcome {
  readonly manifest: BundleManifest;
  readonly digest: string;
  readonly alreadyImported: boolean;
  readonly counts: Record<string, EntityCounts>;
  readonly totals: EntityCounts;
  /** The file carries a clock this far ahead of this device's wall clock (null: within a day). */
  readonly clockDrift: { readonly clock: string; readonly aheadMs: number } | null;
  /** Live accounts that will share a customer number or credit code (`sharedNumbersOf`). */
  readonly sharedNumbers: SyncSharedNumber[];
  readonly sharedNumbersTotal: number;
}

/** A clock further ahead than this means a device's date is wrong: its writes would win for that long. */
export const driftWarningMs = 24 * 60 * 60 * 1000;

export function previewBundle(
  db: Db,
  bytes: Uint8Array,
  passphrase: string,
  now = Date.now(),
): PreviewOutcome {
  const bundle = open(bytes, passphrase);
  const { manifest } = bundle;
  const digest = bundleDigest(bytes);
  if (isImported(db, manifest.bundleId)) {
    return {
      manifest,
      digest,
      alreadyImported: true,
      counts: {},
      totals: totalsOf({}),
      clockDrift: null,
      sharedNumbers: [],
      sharedNumbersTotal: 0,
    };
  }
  const localNode = localClock(db).node;
  const tally = emptyTally();
  const accounts: AccountChange[] = [];
  for (const { ops, rowsInFile } of inMergeOrder(bundle)) {
    const plan = planBundle(db, ops, localNode, rowsInFile);
    addToTally(tally, plan);
    for (const row of plan.rows) {
      const change = accountChangeOf(row);
      if (change) accounts.push(change);
    }
  }
  const { maxClock } = tally;
  const aheadMs = maxClock === null ? 0 : parseHlc(maxClock).millis - now;
  const shared = sharedNumbersOf(db, accounts);
  return {
    manifest,
    digest,
    alreadyImported: false,
    counts: tally.counts,
    totals: totalsOf(tally.counts),
    clockDrift: maxClock !== null && aheadMs > driftWarningMs ? { clock: maxClock, aheadMs } : null,
    sharedNumbers: shared.pairs,
    sharedNumbersTotal: shared.total,
  };
}
