import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../db/seed';
import { openFieldbook } from '../../db/service';
import { exportBundle } from '../../db/sync/export';
import { importBundle } from '../../db/sync/apply';

/**
 * Sync at head-office scale, in its own process (so its peak RSS is its own): a book of about a
 * million synced rows is exported as one full sync file, and the file is imported into an empty
 * book. Prints one JSON line: ops, file size, export and import seconds, ops/s, peak RSS.
 * `npm run bench -- --only sync` runs it; `tsx tests/bench/syncOps.ts [accounts]` alone too.
 */
const accounts = Number(process.argv[2] ?? 15_000);
const directory = mkdtempSync(join(tmpdir(), 'fieldbook-sync-bench-'));
try {
  const source = await openFieldbook(join(directory, 'source.db'));
  seedDatabase(source.db, { accounts, seed: 3, actor: 'bench' });
  const passphrase = 'bench passphrase';
  let started = performance.now();
  const exported = exportBundle(source.db, { full: true, passphrase, actor: 'bench' });
  const exportSeconds = (performance.now() - started) / 1000;
  const ops = exported.manifest.opCount;
  source.close();

  const target = await openFieldbook(join(directory, 'target.db'));
  started = performance.now();
  const imported = importBundle(target.db, exported.bytes, { passphrase, actor: 'bench' });
  const importSeconds = (performance.now() - started) / 1000;
  target.close();
  console.log(
    JSON.stringify({
      accounts,
      ops,
      fileBytes: exported.bytes.length,
      exportSeconds,
      exportOpsPerSecond: ops / exportSeconds,
      importSeconds,
      importOpsPerSecond: ops / importSeconds,
      imported: imported.totals,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
