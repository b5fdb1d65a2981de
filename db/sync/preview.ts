import { parseHlc } from '../../shared/domain/hlc';
import type { SyncSharedNumber } from '../../shared/types';
import type { Db } from '../connection';
import { bundleDigest, decode, isImported, totalsOf } from './apply';
import type { BundleManifest } from './ops';
import { planBundle, type EntityCounts } from './plan';
import { sharedNumbersOf } from './sharedNumbers';
import { localClock } from './versionVector';

/**
 * What importing a file would do, decided by the same code as the import (`planBundle`) and
 * writing nothing. `digest` identifies the file: passing it back to the import refuses a file
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
  const { manifest, ops } = decode(bytes, passphrase);
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
  const plan = planBundle(db, ops, localClock(db).node);
  const aheadMs = plan.maxClock === null ? 0 : parseHlc(plan.maxClock).millis - now;
  const shared = sharedNumbersOf(db, plan);
  return {
    manifest,
    digest,
    alreadyImported: false,
    counts: plan.counts,
    totals: totalsOf(plan.counts),
    clockDrift: plan.maxClock !== null && aheadMs > driftWarningMs ? { clock: plan.maxClock, aheadMs } : null,
    sharedNumbers: shared.pairs,
    sharedNumbersTotal: shared.total,
  };
}
