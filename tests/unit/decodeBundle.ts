import { openBundle } from '../../db/sync/bundleFile';
import type { BundleManifest, SyncOp } from '../../db/sync/ops';

/** A whole file's ops at once (the app reads them in chunks): for tests of the format. */
export function decodeBundle(
  bytes: Uint8Array,
  passphrase: string,
  options: { latestSchemaVersion: string },
): { manifest: BundleManifest; ops: SyncOp[] } {
  const bundle = openBundle(bytes, passphrase, options);
  return { manifest: bundle.manifest, ops: [...bundle.chunks()].flat() };
}
