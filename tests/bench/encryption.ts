import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { encryptBook } from '../../db/encryption';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { benchLookup, type QueryKind } from './lookup';
import { percentile, seededRandom } from './stats';

/**
 * Encryption at rest on the bench book: the time to convert a copy of it in place
 * (`encryptBook`: the verified encrypted copy, then the swap), then the same lookups and Pareto
 * through the encrypted copy and the plain book in the same run, each as a ratio to the plain
 * one. The copies live in the bench folder and are removed at the end.
 */
export interface EncryptionFigures {
  readonly bookBytes: number;
  readonly encryptedBytes: number;
  readonly convertSeconds: number;
  readonly lookups: readonly {
    readonly kind: QueryKind;
    readonly plainP50: number;
    readonly plainP95: number;
    readonly encryptedP50: number;
    readonly encryptedP95: number;
  }[];
  readonly paretoPlainP95: number;
  readonly paretoEncryptedP95: number;
  /** RSS after each step of an app process on the encrypted book (tests/bench/appProcess.ts). */
  readonly appRss: readonly { readonly step: string; readonly rssBytes: number }[];
  /** Worst encrypted / plain ratio of the lookup kinds' p95, and of Pareto's. */
  readonly lookupRatio: number;
  readonly paretoRatio: number;
}

const context = { actor: 'bench' };
const paretoRuns = 9;

function pareto(fieldbook: Fieldbook): number {
  const to = (fieldbook.db.sqlite.prepare('SELECT max(period) AS p FROM consumption').get() as { p: string })
    .p;
  const times: number[] = [];
  for (let i = 0; i < paretoRuns; i++) {
    const started = performance.now();
    const result = fieldbook.dispatch('stats.pareto', { to }, context);
    times.push(performance.now() - started);
    if (!result.ok) throw new Error(`stats.pareto failed: ${result.error.code}`);
  }
  return percentile(times, 95);
}

/** Lookups and Pareto on one book, after a warm-up pass of the same queries. */
async function measure(path: string, queries: number, key?: Buffer) {
  const fieldbook = await openFieldbook(path, { integrityCheck: 'first-write', ...(key ? { key } : {}) });
  try {
    benchLookup(fieldbook, Math.min(queries, 100), seededRandom(42));
    const lookups = benchLookup(fieldbook, queries, seededRandom(42));
    return { lookups, pareto: pareto(fieldbook) };
  } finally {
    fieldbook.close();
  }
}

export async function benchEncryption(
  plainPath: string,
  benchDirectory: string,
  queries: number,
): Promise<EncryptionFigures> {
  const copy = join(benchDirectory, 'encryption-bench.db');
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm', '.encrypted', '.encrypted.partial', '.plain-leftover'])
      rmSync(`${copy}${suffix}`, { force: true });
  };
  remove();
  try {
    copyFileSync(plainPath, copy);
    const key = randomBytes(32);
    const started = performance.now();
    encryptBook(copy, key);
    const convertSeconds = (performance.now() - started) / 1000;
    const appRss = appProcess(copy, key);
    const plain = await measure(plainPath, queries);
    const encrypted = await measure(copy, queries, key);
    const lookups = plain.lookups.map((row) => {
      const other = encrypted.lookups.find((candidate) => candidate.kind === row.kind);
      return {
        kind: row.kind,
        plainP50: row.handlerP50,
        plainP95: row.handlerP95,
        encryptedP50: other?.handlerP50 ?? Number.NaN,
        encryptedP95: other?.handlerP95 ?? Number.NaN,
      };
    });
    return {
      bookBytes: statSync(plainPath).size,
      encryptedBytes: statSync(copy).size,
      convertSeconds,
      appRss,
      lookups,
      paretoPlainP95: plain.pareto,
      paretoEncryptedP95: encrypted.pareto,
      lookupRatio: Math.max(...lookups.map((row) => row.encryptedP95 / row.plainP95)),
      paretoRatio: encrypted.pareto / plain.pareto,
    };
  } finally {
    remove();
  }
}

/** tests/bench/appProcess.ts in a child process: the app's RSS, apart from this process's maps. */
function appProcess(path: string, key: Buffer): EncryptionFigures['appRss'] {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/appProcess.ts', path], {
    encoding: 'utf8',
    env: { ...process.env, FIELDBOOK_BENCH_KEY: key.toString('hex') },
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as EncryptionFigures['appRss'];
}

export function formatEncryption(figures: EncryptionFigures): string {
  const ms = (value: number) => value.toFixed(3);
  const lines = [
    `Encryption at rest (AEGIS-256): converting the ${(figures.bookBytes / 2 ** 30).toFixed(2)} GB book ` +
      `${figures.convertSeconds.toFixed(1)} s (encrypted ${(figures.encryptedBytes / 2 ** 30).toFixed(2)} GB)`,
    'lookup kind    | plain p50 | plain p95 | encrypted p50 | encrypted p95 | p95 ratio',
    '---------------|-----------|-----------|---------------|---------------|----------',
  ];
  for (const row of figures.lookups) {
    lines.push(
      `${row.kind.padEnd(14)} | ${ms(row.plainP50).padStart(9)} | ${ms(row.plainP95).padStart(9)} | ` +
        `${ms(row.encryptedP50).padStart(13)} | ${ms(row.encryptedP95).padStart(13)} | ${(row.encryptedP95 / row.plainP95).toFixed(2).padStart(9)}`,
    );
  }
  lines.push(
    `An app process on the encrypted book, RSS after each step: ${figures.appRss
      .map((step) => `${step.step} ${Math.round(step.rssBytes / 1048576)} MB`)
      .join(', ')}`,
  );
  lines.push(
    `Pareto p95: plain ${figures.paretoPlainP95.toFixed(1)} ms, encrypted ${figures.paretoEncryptedP95.toFixed(1)} ms ` +
      `(${figures.paretoRatio.toFixed(2)}×)`,
  );
  return lines.join('\n');
}
