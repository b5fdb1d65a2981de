import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { quickCheck } from '../../db/openBook';
import { openFieldbook } from '../../db/service';
import { benchAgenda, formatAgenda } from './agenda';
import { benchAnniversaries } from './anniversaries';
import { benchCsvExport } from './csvExport';
import { benchCsvImport } from './csvImport';
import { benchEncryption, formatEncryption } from './encryption';
import { benchConsumptionStats, formatConsumptionStats } from './consumptionStats';
import { formatFloors, RssSteps, type Floor } from './floors';
import { benchLookup } from './lookup';
import { benchUi, formatKeystrokeParts } from './ui';
import { measureSize } from './size';
import { benchSyncKey, formatSyncKey } from './syncKey';
import { megabytes, percentile, seededRandom } from './stats';

/**
 * `npm run bench`: generates the realistic data set once (through the real write path, via
 * the CLI's `seed`), then measures what the issues ask for and prints a table. Results go to
 * `.bench/results.json`; the figures in docs/PERFORMANCE.md come from here.
 */
const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
    queries: { type: 'string', default: '500' },
    keystrokes: { type: 'string', default: '300' },
    'skip-ui': { type: 'boolean', default: false },
    /**
     * `stats` / `import` / `csv` / `sync` / `agenda` / `encryption` / `ui`: only that section (and the data set counts); `kdf`:
     * only the sync key's cost (no data set needed).
     */
    only: { type: 'string' },
  },
});
const benchDirectory = '.bench';
const resultsPath = join(benchDirectory, 'results.json');

// The sync key alone needs no data set: measured, printed and recorded before anything is seeded.
if (values.only === 'kdf') {
  const syncKey = benchSyncKey();
  console.log(formatSyncKey(syncKey));
  mkdirSync(benchDirectory, { recursive: true });
  const previous: unknown = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
  writeFileSync(resultsPath, JSON.stringify({ ...(previous as object), syncKey }, null, 2));
  process.exit(0);
}

const accounts = Number(values.accounts);
const databasePath = join(benchDirectory, `bench-${accounts}-${values.seed}.db`);
const seedRecordPath = `${databasePath}.seed.json`;
mkdirSync(benchDirectory, { recursive: true });

interface SeedRecord {
  readonly seconds: number;
  readonly at: string;
  readonly summary: unknown;
}

function seedIfNeeded(): SeedRecord {
  if (!values.fresh && existsSync(databasePath) && existsSync(seedRecordPath)) {
    return JSON.parse(readFileSync(seedRecordPath, 'utf8')) as SeedRecord;
  }
  for (const suffix of ['', '-wal', '-shm', '.seed.json'])
    rmSync(`${databasePath}${suffix}`, { force: true });
  console.log(`Seeding ${accounts} accounts into ${databasePath} …`);
  const started = performance.now();
  const output = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'db/cli/bin.ts',
      '--db',
      databasePath,
      '--as',
      'bench',
      '--json',
      'seed',
      '--accounts',
      String(accounts),
      '--seed',
      String(values.seed),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const record: SeedRecord = {
    seconds: (performance.now() - started) / 1000,
    at: new Date().toISOString(),
    summary: JSON.parse(output) as unknown,
  };
  writeFileSync(seedRecordPath, JSON.stringify(record, null, 2));
  return record;
}

interface SyncOpsFigures {
  readonly accounts: number;
  readonly ops: number;
  readonly fileBytes: number;
  readonly exportSeconds: number;
  readonly exportOpsPerSecond: number;
  readonly previewSeconds: number;
  readonly previewPeakRssBytes: number;
  readonly importSeconds: number;
  readonly importOpsPerSecond: number;
  readonly exportPeakRssBytes: number;
  readonly importPeakRssBytes: number;
}

/** tests/bench/syncOps.ts in child processes: it seeds its own books, and reports each step's RSS. */
function benchSyncOps(): SyncOpsFigures {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/syncOps.ts'], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as SyncOpsFigures;
}

const seedRecord = seedIfNeeded();

// Opening an existing book as the app does at every start (the version read; the integrity
// check then runs on the job thread), and that check on its own.
const openTimes: number[] = [];
const checkTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const probe = await openFieldbook(databasePath, { integrityCheck: 'first-write' });
  openTimes.push(performance.now() - started);
  const checked = performance.now();
  if (quickCheck(probe.db.sqlite).length > 0) throw new Error('the bench book is damaged');
  checkTimes.push(performance.now() - checked);
  probe.close();
}

const rss = new RssSteps();
rss.record('opened');
const fieldbook = await openFieldbook(databasePath);
const counts = Object.fromEntries(
  ['accounts', 'account_phones', 'relationships', 'visits', 'anniversaries', 'consumption'].map((table) => [
    table,
    (fieldbook.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  ]),
);
const onlyStats = values.only === 'stats';
const onlyImport = values.only === 'import';
const onlyCsv = values.only === 'csv';
const onlySync = values.only === 'sync';
const onlyAgenda = values.only === 'agenda';
const onlyEncryption = values.only === 'encryption';
const onlyUi = values.only === 'ui';
const onlyOne = onlyStats || onlyImport || onlyCsv || onlySync || onlyAgenda || onlyEncryption || onlyUi;
const lookup = onlyOne ? [] : benchLookup(fieldbook, Number(values.queries), seededRandom(42));
rss.record('lookup');
const anniversaries = onlyOne ? null : benchAnniversaries(fieldbook);
rss.record('anniversaries');
const size = onlyOne ? null : measureSize(fieldbook.db.sqlite);
rss.record('size scan');
const consumptionStats =
  onlyImport || onlyCsv || onlyAgenda || onlyEncryption
    ? null
    : benchConsumptionStats(fieldbook, Number(values.queries));
rss.record('statistics');
// Imports a month of bills and reverts it inside a transaction that is rolled back.
const csvImport =
  onlyStats || onlyCsv || onlyAgenda || onlyEncryption ? null : await benchCsvImport(databasePath);
rss.record('CSV import');
// The agenda of every manager, as seeded and as an upgraded book with every follow-up open.
const agenda = onlyOne && !onlyAgenda ? null : benchAgenda(fieldbook);
rss.record('agenda');
fieldbook.close();
// The consumption export streamed to a file beside the sqlite3 CLI's `.mode csv` (read-only).
const csvExport = onlyOne && !onlyCsv ? null : await benchCsvExport(databasePath, benchDirectory);
rss.record('CSV export');
// A full sync file of ~1 M rows exported and imported, in a child process of its own (its RSS).
const syncOps = onlyOne && !onlySync ? null : benchSyncOps();
// The key every sync file costs: scrypt at the cost of new files and at the former one.
const syncKey = onlyOne && !onlySync ? null : benchSyncKey();
// A copy of the book converted to an encrypted one; lookups and Pareto through both.
const encryption =
  onlyOne && !onlyEncryption
    ? null
    : await benchEncryption(databasePath, benchDirectory, Number(values.queries));
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
// The UI in Chromium (preview mode) on the same database: keystroke → results painted, and
// the virtual accounts list scrolled end to end.
const ui =
  values['skip-ui'] || (onlyOne && !onlyUi)
    ? null
    : await benchUi(databasePath, { keystrokes: Number(values.keystrokes) });

const ms = (value: number) => value.toFixed(3);
console.log(`\nData set: ${JSON.stringify(counts)}`);
console.log(
  `Seeding: ${seedRecord.seconds.toFixed(1)} s (${seedRecord.at}${values.fresh ? '' : ', cached unless --fresh'})`,
);
console.log(
  `Open (version read; the check runs on the job thread): p50 ${ms(percentile(openTimes, 50))} ms, max ${ms(Math.max(...openTimes))} ms; integrity check (quick_check) p50 ${ms(percentile(checkTimes, 50))} ms`,
);
console.log(`Peak RSS (open + lookups): ${megabytes(peakRssBytes)}`);
// This process maps the plain book (`mmap`): its pages count in RSS. The app's own figure is the
// encryption step's (an app process on the encrypted book, as the app opens it).
console.log(`RSS of this process after each step (plain book, mapped): ${rss.format(600 * 1024 * 1024)}\n`);
console.log('lookup kind    | handler p50 | handler p95 | raw p50 | raw p95 | handler/raw | hits');
console.log('---------------|-------------|-------------|---------|---------|-------------|-----');
for (const row of lookup) {
  console.log(
    `${row.kind.padEnd(14)} | ${ms(row.handlerP50).padStart(8)} ms | ${ms(row.handlerP95).padStart(8)} ms | ` +
      `${ms(row.rawP50).padStart(7)} | ${ms(row.rawP95).padStart(7)} | ${row.ratio.toFixed(2).padStart(11)} | ${row.meanHits.toFixed(1)}`,
  );
}
if (anniversaries)
  console.log(
    `\nAnniversaries (${anniversaries.rules} rules): upcoming 30 days p50 ${ms(anniversaries.upcomingP50)} ms, ` +
      `p95 ${ms(anniversaries.upcomingP95)} ms (${anniversaries.upcomingMeanTotal.toFixed(0)} found on average); ` +
      `on a date p50 ${ms(anniversaries.onDateP50)} ms, p95 ${ms(anniversaries.onDateP95)} ms; ` +
      `one manager's upcoming 30 days p95 ${ms(anniversaries.ownerUpcomingP95)} ms`,
  );
if (size)
  console.log(
    `\nDatabase ${megabytes(size.fileBytes)} (${megabytes(statSync(databasePath).size)} on disk): data ${megabytes(size.dataBytes)}, ` +
      `sync metadata ${megabytes(size.syncMetadataBytes)} (${(size.metadataToData * 100).toFixed(1)}% of data), ` +
      `search index ${megabytes(size.derivedBytes)}, audit ${megabytes(size.auditBytes)}`,
  );
if (consumptionStats) console.log(`\n${formatConsumptionStats(consumptionStats)}`);
if (csvImport) {
  const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')} rows/s`;
  console.log(
    `\nCSV import (${csvImport.rows} bills, GB18030, ${megabytes(csvImport.fileBytes)}): stage ${csvImport.stageMs.toFixed(0)} ms, ` +
      `preview ${csvImport.previewMs.toFixed(0)} ms, apply ${csvImport.applyMs.toFixed(0)} ms (${rate(csvImport.applyRowsPerSecond)}), ` +
      `end to end ${rate(csvImport.endToEndRowsPerSecond)}; then its bills recorded and rolled up (imports.settle, other calls wait for it) ` +
      `${csvImport.settleMs.toFixed(0)} ms; revert ${csvImport.revertMs.toFixed(0)} ms`,
  );
  console.log(
    `  beside it, the bare prepared INSERT of the same rows into consumption (committed): ${csvImport.bareInsertMs.toFixed(0)} ms ` +
      `(${rate(csvImport.bareInsertRowsPerSecond)}); apply / bare INSERT ${csvImport.applyToBareInsert.toFixed(2)} ` +
      `(CPU time: apply ${csvImport.applyCpuMs.toFixed(0)} ms, bare ${csvImport.bareInsertCpuMs.toFixed(0)} ms, ${csvImport.applyToBareInsertCpu.toFixed(2)})`,
  );
}
if (csvExport) {
  const sqlite =
    csvExport.sqliteSeconds === null
      ? 'sqlite3 CLI not run'
      : `sqlite3 -csv ${csvExport.sqliteSeconds.toFixed(1)} s (${megabytes(csvExport.sqliteFileBytes ?? 0)}): ${(csvExport.ratio ?? 0).toFixed(2)}×`;
  console.log(
    `\nCSV export of consumption (${csvExport.rows} rows, ${megabytes(csvExport.fileBytes)}): ${csvExport.seconds.toFixed(1)} s, ` +
      `${Math.round(csvExport.rowsPerSecond).toLocaleString('en-US')} rows/s; ${sqlite}; peak RSS ${megabytes(csvExport.peakRssBytes)}; ` +
      `CPU time ${csvExport.cpuSeconds.toFixed(1)} s against sqlite3's ${csvExport.sqliteCpuSeconds?.toFixed(1) ?? '—'} s (${csvExport.cpuRatio?.toFixed(2) ?? '—'}×)`,
  );
}
if (syncOps) {
  console.log(
    `\nSync file of ${syncOps.ops.toLocaleString('en-US')} ops (${syncOps.accounts} accounts, full export, ${megabytes(syncOps.fileBytes)}): ` +
      `export ${syncOps.exportSeconds.toFixed(1)} s (${Math.round(syncOps.exportOpsPerSecond).toLocaleString('en-US')} ops/s), ` +
      `preview ${syncOps.previewSeconds.toFixed(1)} s, ` +
      `import into an empty book ${syncOps.importSeconds.toFixed(1)} s (${Math.round(syncOps.importOpsPerSecond).toLocaleString('en-US')} ops/s); ` +
      `peak RSS: export ${megabytes(syncOps.exportPeakRssBytes)}, preview ${megabytes(syncOps.previewPeakRssBytes)}, import ${megabytes(syncOps.importPeakRssBytes)}`,
  );
}
if (syncKey) console.log(`\n${formatSyncKey(syncKey)}`);
if (agenda) console.log(`\n${formatAgenda(agenda)}`);
if (encryption) console.log(`\n${formatEncryption(encryption)}`);
if (ui) {
  console.log(
    `\nUI (Chromium, preview mode): keystroke → results painted p50 ${ui.keystrokeP50.toFixed(1)} ms, ` +
      `p95 ${ui.keystrokeP95.toFixed(1)} ms over ${ui.samples} keystrokes; accounts list of ${ui.listTotal}: ` +
      `at most ${ui.maxListDomRows} rows in the DOM, reached the end: ${ui.scrolledToEnd ? 'yes' : 'NO'}`,
  );
  console.log(`  keystroke parts, p50 / p95 ms: ${formatKeystrokeParts(ui.parts)}`);
}

// The table: every figure beside its floor (null where this run did not measure it).
const worstLookup = lookup.length > 0 ? Math.max(...lookup.map((row) => row.handlerP95)) : null;
const floors: Floor[] = [
  {
    figure: 'CSV import apply / bare INSERT, same run',
    value: csvImport?.applyToBareInsert ?? null,
    unit: '×',
    floor: 0.5,
    kind: 'min',
    ...(csvImport
      ? {
          note: `bare INSERT ${Math.round(csvImport.bareInsertRowsPerSecond).toLocaleString('en-US')} rows/s`,
        }
      : {}),
  },
  {
    figure: 'CSV import 200,000 bills, stage+preview+apply',
    value: csvImport ? csvImport.endToEndMs / 1000 : null,
    unit: 's',
    floor: 15,
    kind: 'max',
  },
  {
    figure: 'statistics: stats.portfolio p95',
    value: consumptionStats?.portfolioP95 ?? null,
    unit: 'ms',
    floor: 200,
    kind: 'max',
  },
  {
    figure: 'statistics: visit coverage p95',
    value: consumptionStats?.coverageP95 ?? null,
    unit: 'ms',
    floor: 100,
    kind: 'max',
  },
  {
    figure: 'statistics: Pareto p95',
    value: consumptionStats?.paretoP95 ?? null,
    unit: 'ms',
    floor: 150,
    kind: 'max',
  },
  {
    figure: 'statistics: Pareto by group p95',
    value: consumptionStats?.paretoGroupsP95 ?? null,
    unit: 'ms',
    floor: 200,
    kind: 'max',
  },
  { figure: 'lookup p95, worst kind (handler)', value: worstLookup, unit: 'ms', floor: 1, kind: 'max' },
  {
    figure: 'upcoming anniversaries 30 days p95',
    value: anniversaries?.upcomingP95 ?? null,
    unit: 'ms',
    floor: 10,
    kind: 'max',
  },
  {
    figure: 'CSV export / sqlite3 -csv, same run',
    value: csvExport?.ratio ?? null,
    unit: '×',
    floor: 1.5,
    kind: 'max',
    ...(csvExport?.sqliteSeconds ? { note: `sqlite3 -csv ${csvExport.sqliteSeconds.toFixed(1)} s` } : {}),
  },
  {
    figure: 'sync import into an empty book',
    value: syncOps?.importOpsPerSecond ?? null,
    unit: 'ops/s',
    floor: 60_000,
    kind: 'min',
  },
  {
    figure: 'sync preview of that file',
    value: syncOps?.previewSeconds ?? null,
    unit: 's',
    floor: 15,
    kind: 'max',
  },
  {
    figure: 'seeding 100,000 accounts',
    value: accounts === 100_000 ? seedRecord.seconds : null,
    unit: 's',
    floor: 90,
    kind: 'max',
  },
  {
    figure: 'keystroke → results painted p95',
    value: ui?.keystrokeP95 ?? null,
    unit: 'ms',
    floor: 40,
    kind: 'max',
  },
  {
    figure: 'encrypted / plain: lookup p95, worst kind',
    value: encryption?.lookupRatio ?? null,
    unit: '×',
    floor: 1.3,
    kind: 'max',
  },
  {
    figure: 'encrypted / plain: Pareto p95',
    value: encryption?.paretoRatio ?? null,
    unit: '×',
    floor: 1.3,
    kind: 'max',
    ...(encryption ? { note: `converting the book ${encryption.convertSeconds.toFixed(1)} s` } : {}),
  },
  {
    // The app opens only encrypted books (the sign-in door encrypts them): its own process,
    // apart, on the encrypted bench book (tests/bench/appProcess.ts).
    figure: 'app process on the encrypted book: largest RSS',
    value: encryption ? Math.max(...encryption.appRss.map((step) => step.rssBytes)) / 1048576 : null,
    unit: 'MB',
    floor: 600,
    kind: 'max',
  },
];
console.log(`\nThe issue's figures (the sync preview: see its own line)\n${formatFloors(floors)}`);

const results = {
  at: new Date().toISOString(),
  floors,
  rssSteps: rss.steps,
  accounts,
  counts,
  seed: seedRecord,
  openMs: { p50: percentile(openTimes, 50), max: Math.max(...openTimes) },
  integrityCheckMs: { p50: percentile(checkTimes, 50) },
  peakRssBytes,
  lookup,
  anniversaries,
  size,
  consumptionStats,
  csvImport,
  csvExport,
  syncOps,
  syncKey,
  agenda,
  encryption,
  ui,
};
// A partial run (--only) updates its own section and keeps the others' last figures.
const previous: unknown =
  onlyOne && existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
const written = onlyOne
  ? {
      ...(previous as object),
      at: results.at,
      ...(onlyStats
        ? { consumptionStats }
        : onlyCsv
          ? { csvExport }
          : onlySync
            ? { syncOps, syncKey }
            : onlyAgenda
              ? { agenda }
              : onlyEncryption
                ? { encryption }
                : { csvImport }),
    }
  : results;
writeFileSync(resultsPath, JSON.stringify(written, null, 2));
console.log(`\nWritten to ${join(benchDirectory, 'results.json')}`);
