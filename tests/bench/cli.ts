import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migrations } from '../../db/migrations';
import { readSchemaState } from '../../db/schemaUpgrade';

/**
 * `npm run bench:cli`: the built `fieldbook` as scripts run it, each figure the median of runs
 * interleaved with `node -e 0` in the same loop (the machine's load hits both alike):
 * - start-up: `--version`, `--help` (the whole CLI loaded), and the TypeScript entry through tsx
 *   as every call ran before the CLI was built;
 * - a one-off lookup end to end on the bench book (a phone's last digits, a name), read only;
 * - batch throughput: 10,000 `visits.create` in one `call --batch` process (and `--atomic`), on a
 *   scratch book, against the same number of one-off `call`s (timed on a sample).
 * Results go to `.bench/cli.json`; docs/PERFORMANCE.md quotes them.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: join('.bench', 'bench-100000-1.db') },
    runs: { type: 'string', default: '15' },
    operations: { type: 'string', default: '10000' },
  },
});
const runs = Number(values.runs);
const node = process.execPath;
const fieldbook = ['build/fieldbook.mjs'];

interface Timed {
  readonly label: string;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly overNode: number;
}

function time(command: readonly string[], input?: string): number {
  const started = performance.now();
  const result = spawnSync(node, command, {
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const took = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${command.join(' ')} exited ${result.status}: ${String(result.stderr)}`);
  return took;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** Runs every command `count` times, interleaved; median and p90 of each, and its ratio to the first. */
function interleaved(
  commands: readonly { label: string; args: readonly string[] }[],
  count: number,
): Timed[] {
  const samples = commands.map(() => [] as number[]);
  for (const command of commands) time(command.args); // warm the file cache and the code cache
  for (let round = 0; round < count; round++)
    commands.forEach((command, index) => samples[index]?.push(time(command.args)));
  const medians = samples.map((list) =>
    quantile(
      [...list].sort((a, b) => a - b),
      0.5,
    ),
  );
  const base = medians[0] ?? 1;
  return commands.map((command, index) => {
    const sorted = [...(samples[index] ?? [])].sort((a, b) => a - b);
    return {
      label: command.label,
      medianMs: Math.round(quantile(sorted, 0.5)),
      p90Ms: Math.round(quantile(sorted, 0.9)),
      overNode: Number(((medians[index] ?? 0) / base).toFixed(2)),
    };
  });
}

const build = spawnSync(node, ['build/cli.mjs'], { encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build/cli.mjs failed: ${build.stderr}`);

const startUp = interleaved(
  [
    { label: 'node -e 0', args: ['-e', '0'] },
    { label: 'fieldbook --version', args: [...fieldbook, '--version'] },
    { label: 'fieldbook --help', args: [...fieldbook, '--help'] },
  ],
  runs,
);
const fromSource = interleaved(
  [
    { label: 'node -e 0', args: ['-e', '0'] },
    {
      label: 'tsx db/cli/bin.ts --version (before)',
      args: ['--import', 'tsx', 'db/cli/bin.ts', '--version'],
    },
  ],
  Math.max(3, Math.floor(runs / 5)),
);

let lookups: Timed[] = [];
if (existsSync(values.db)) {
  const bench = new BetterSqlite3(values.db, { readonly: true });
  const name = String(bench.prepare("SELECT name FROM accounts WHERE kind = 'person' LIMIT 1").pluck().get());
  // A book this code would upgrade (another branch's, or an older one) is looked up read-only:
  // the bench book may be shared, and an upgrade of it is no lookup.
  let current = false;
  try {
    current = readSchemaState(bench, migrations).pending.length === 0;
  } catch {
    current = false;
  }
  bench.close();
  const open = ['--db', values.db, ...(current ? [] : ['--read-only'])];
  if (!current) console.log(`(${values.db} is not at this code's schema: looked up with --read-only)`);
  lookups = interleaved(
    [
      { label: 'node -e 0', args: ['-e', '0'] },
      { label: 'fieldbook lookup 8000', args: [...fieldbook, ...open, 'lookup', '8000'] },
      { label: `fieldbook lookup ${name}`, args: [...fieldbook, ...open, 'lookup', name] },
    ],
    runs,
  );
} else console.log(`(no bench book at ${values.db}: npm run bench makes it; lookups skipped)`);

// Batch throughput on a scratch book: 10,000 visits on 200 accounts.
const scratch = mkdtempSync(join(tmpdir(), 'fieldbook-bench-cli-'));
const book = join(scratch, 'book.db');
time([...fieldbook, '--db', book, '--json', 'seed', '--accounts', '200', '--seed', '3']);
const sqlite = new BetterSqlite3(book, { readonly: true });
const ids = sqlite.prepare('SELECT id FROM accounts LIMIT 200').pluck().all() as string[];
sqlite.close();
const operations = Number(values.operations);
const visit = (index: number) =>
  JSON.stringify({
    op: 'visits.create',
    input: {
      accountId: ids[index % ids.length],
      kind: 'phone',
      content: `回访 ${index}`,
      occurredAt: new Date(Date.UTC(2026, 10, 1) + index * 60_000).toISOString(),
    },
  });
const input = `${Array.from({ length: operations }, (_, index) => visit(index)).join('\n')}\n`;
const batchMs = time([...fieldbook, '--db', book, 'call', '--batch'], input);
const atomicMs = time([...fieldbook, '--db', book, 'call', '--batch', '--atomic'], input);
const sample = 20;
let oneOffMs = 0;
for (let index = 0; index < sample; index++) {
  const line = JSON.parse(visit(index)) as { input: unknown };
  oneOffMs += time([...fieldbook, '--db', book, 'call', 'visits.create', JSON.stringify(line.input)]);
}
rmSync(scratch, { recursive: true, force: true });
const batch = {
  operations,
  batchSeconds: Number((batchMs / 1000).toFixed(2)),
  batchPerSecond: Math.round(operations / (batchMs / 1000)),
  atomicSeconds: Number((atomicMs / 1000).toFixed(2)),
  atomicPerSecond: Math.round(operations / (atomicMs / 1000)),
  oneOffCallMs: Math.round(oneOffMs / sample),
  oneOffEstimateSeconds: Math.round(((oneOffMs / sample) * operations) / 1000),
};

const row = (timed: Timed) =>
  `${timed.label.padEnd(40)} ${String(timed.medianMs).padStart(6)} ms  p90 ${String(timed.p90Ms).padStart(5)} ms  ${timed.overNode.toFixed(2)}× node -e 0`;
console.log([...startUp, ...fromSource.slice(1), ...lookups.slice(1)].map(row).join('\n'));
console.log(
  `\n${operations} visits.create: call --batch ${batch.batchSeconds} s (${batch.batchPerSecond}/s), ` +
    `--atomic ${batch.atomicSeconds} s (${batch.atomicPerSecond}/s); one-off calls ${batch.oneOffCallMs} ms each ` +
    `(${batch.oneOffEstimateSeconds} s for ${operations})`,
);
// The floors: start-up (--version) ≤ 3× bare Node, a one-off lookup ≤ 300 ms end to end.
const version = startUp.find((timed) => timed.label === 'fieldbook --version');
const slowestLookup = Math.max(...lookups.slice(1).map((timed) => timed.medianMs));
const floors = {
  startUpOverNode: version?.overNode ?? Number.NaN,
  startUpMet: (version?.overNode ?? Number.POSITIVE_INFINITY) <= 3,
  lookupMs: lookups.length > 0 ? slowestLookup : null,
  lookupMet: lookups.length > 0 ? slowestLookup <= 300 : null,
};
const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT MET');
console.log(
  `\nFloors: start-up ${floors.startUpOverNode}× node -e 0 (≤ 3×: ${verdict(floors.startUpMet)}); ` +
    `one-off lookup ${floors.lookupMs ?? '—'} ms median (≤ 300 ms: ${verdict(floors.lookupMet)}); ` +
    `load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
);
mkdirSync('.bench', { recursive: true });
const results = {
  at: new Date().toISOString(),
  node: process.version,
  loadAverage: loadavg(),
  startUp,
  fromSource,
  lookups,
  batch,
  floors,
};
writeFileSync(join('.bench', 'cli.json'), JSON.stringify(results, null, 2));
console.log(`\nWritten to .bench/cli.json (${readFileSync(join('.bench', 'cli.json')).length} bytes)`);
