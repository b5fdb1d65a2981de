import { isHlc } from '../../shared/domain/hlc';
import type { Db } from '../connection';

/**
 * What this device has seen, per origin node: the latest clock. Its own node: its clock (which
 * every import pushes past the clocks it brought). Other nodes: the greatest clock any imported
 * file carried or knew of, recorded with each import in `sync_bundles.version_vector`.
 */
export type VersionVector = Record<string, string>;

export function mergeVectors(into: VersionVector, from: Readonly<VersionVector>): VersionVector {
  for (const [node, clock] of Object.entries(from)) {
    const known = into[node];
    if (known === undefined || clock > known) into[node] = clock;
  }
  return into;
}

export function localClock(db: Db): { node: string; hlc: string; seq: number } {
  return db.statement('SELECT node, hlc, seq FROM sync_clock WHERE id = 1').get() as {
    node: string;
    hlc: string;
    seq: number;
  };
}

export function versionVector(db: Db): VersionVector {
  const { node, hlc } = localClock(db);
  const vector: VersionVector = {};
  const imports = db
    .statement("SELECT version_vector FROM sync_bundles WHERE direction = 'import'")
    .all() as { version_vector: string }[];
  for (const { version_vector } of imports) mergeVectors(vector, JSON.parse(version_vector) as VersionVector);
  // A book that never wrote has no clock of its own yet (and one from the future is healed first).
  if (isHlc(hlc)) vector[node] = hlc;
  return vector;
}
