import { randomBytes } from 'node:crypto';
import { defaultKdf, deriveKey, formerKdf, type KdfParams } from '../../db/sync/bundleKey';
import { percentile } from './stats';

/**
 * What the sync key costs: scrypt over the team passphrase, once per file exported, previewed
 * or imported — and once per guess for anyone holding a copied file. The cost of new files
 * against the former one that older files still record. `npm run bench -- --only kdf`.
 */
export interface KdfFigure {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
  /** scrypt's working memory: 128 · N · r bytes. */
  readonly memoryBytes: number;
  readonly p50Ms: number;
  readonly maxMs: number;
}

export interface SyncKeyFigures {
  readonly current: KdfFigure;
  readonly former: KdfFigure;
}

function measure(kdf: KdfParams, runs: number): KdfFigure {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const salt = randomBytes(16);
    const started = performance.now();
    deriveKey('bench team passphrase', salt, kdf);
    times.push(performance.now() - started);
  }
  return {
    ...kdf,
    memoryBytes: 128 * 2 ** kdf.log2N * kdf.r,
    p50Ms: percentile(times, 50),
    maxMs: Math.max(...times),
  };
}

export function benchSyncKey(runs = 7): SyncKeyFigures {
  // One derivation first: the first scrypt call pays for allocating its memory.
  deriveKey('warm up', randomBytes(16), defaultKdf);
  return { current: measure(defaultKdf, runs), former: measure(formerKdf, runs) };
}

export function formatSyncKey({ current, former }: SyncKeyFigures): string {
  const line = (figure: KdfFigure) =>
    `N=2^${figure.log2N}, r=${figure.r}, p=${figure.p} (${figure.memoryBytes / 2 ** 20} MiB): ` +
    `p50 ${figure.p50Ms.toFixed(0)} ms, max ${figure.maxMs.toFixed(0)} ms`;
  return `Sync key derivation (scrypt, once per file): new files ${line(current)}; former files ${line(former)}`;
}
