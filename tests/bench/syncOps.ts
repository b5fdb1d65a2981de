import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../db/seed';
import { openFieldbook } from '../../db/service';
import { importBundle } from '../../db/sync/apply';
import { exportBundle } from '../../db/sync/export';
import { previewBundle } from '../../db/sync/preview';

/**
 * Sync at head-office scale: a book of about a million synced rows is exported as one full sync
 * file, the file is previewed against an empty book, then imported into it. Seeding, export,
 * preview and import each run in a child process of their own, so each peak RSS is that step's
 * alone. Prints one JSON line: ops, file size, export, preview and import seconds (wall, and
 * CPU: on a shared machine the CPU seconds move less with the load), ops/s, peak RSS of each. `npm run bench -- --only sync`
 * runs it; `tsx tests/bench/syncOps.ts [accounts]` alone too.
 */
const passphrase = 'bench passphrase';
const [phase, directory = '', argument] = process.argv.slice(2);
const sourcePath = () => join(directory, 'source.db');
const filePath = () => join(directory, 'export.fbsync');
const peakRss = () => process.resourceUsage().maxRSS * 1024;

interface StepFigures {
  readonly seconds: number;
  readonly cpuSeconds?: number;
  readonly ops: number;
  readonly peakRssBytes: number;
  readonly totals?: unknown;
}

async function step(): Promise<StepFigures> {
  if (phase === 'seed') {
    const source = await openFieldbook(sourcePath());
    seedDatabase(source.db, { accounts: Number(argument), seed: 3, actor: 'bench' });
    source.close();
    return { seconds: 0, ops: 0, peakRssBytes: peakRss() };
  }
  if (phase === 'export') {
    const source = await openFieldbook(sourcePath());
    const started = performance.now();
    const exported = exportBundle(source.db, { full: true, passphrase, actor: 'bench' });
    writeFileSync(filePath(), exported.bytes);
    const seconds = (performance.now() - started) / 1000;
    source.close();
    return { seconds, ops: exported.manifest.opCount, peakRssBytes: peakRss() };
  }
  const target = await openFieldbook(join(directory, 'target.db'));
  const bytes = readFileSync(filePath());
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcome =
    phase === 'preview'
      ? previewBundle(target.db, bytes, passphrase)
      : importBundle(target.db, bytes, { passphrase, actor: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  target.close();
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { seconds, cpuSeconds, ops: outcome.totals.new, peakRssBytes: peakRss(), totals: outcome.totals };
}

function inChild(name: string, workDirectory: string, extra: string[] = []): StepFigures {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'tests/bench/syncOps.ts', name, workDirectory, ...extra],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as StepFigures;
}

if (phase === 'seed' || phase === 'export' || phase === 'preview' || phase === 'import') {
  console.log(JSON.stringify(await step()));
} else {
  const accounts = Number(phase ?? 15_000);
  const workDirectory = mkdtempSync(join(tmpdir(), 'fieldbook-sync-bench-'));
  try {
    inChild('seed', workDirectory, [String(accounts)]);
    const exported = inChild('export', workDirectory);
    const fileBytes = readFileSync(join(workDirectory, 'export.fbsync')).length;
    const previewed = inChild('preview', workDirectory);
    const imported = inChild('import', workDirectory);
    console.log(
      JSON.stringify({
        accounts,
        ops: exported.ops,
        fileBytes,
        exportSeconds: exported.seconds,
        exportOpsPerSecond: exported.ops / exported.seconds,
        exportPeakRssBytes: exported.peakRssBytes,
        previewSeconds: previewed.seconds,
        previewCpuSeconds: previewed.cpuSeconds,
        previewPeakRssBytes: previewed.peakRssBytes,
        importSeconds: imported.seconds,
        importCpuSeconds: imported.cpuSeconds,
        importOpsPerSecond: exported.ops / imported.seconds,
        importPeakRssBytes: imported.peakRssBytes,
        imported: imported.totals,
      }),
    );
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}
