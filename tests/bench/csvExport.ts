import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/openBook';
import { streamTableCsv, tableExports } from '../../db/exports/index';

/**
 * The consumption export (every live bill, 5.2 million on the bench book) streamed to a file,
 * side by side with the sqlite3 CLI's `.mode csv` writing the same columns from the same join.
 * The book is opened read-only (no migration, no audit entry): the export's own cost only.
 */
export interface CsvExportFigures {
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly fileBytes: number;
  readonly sqliteSeconds: number | null;
  readonly sqliteRows: number | null;
  readonly sqliteFileBytes: number | null;
  /** Our time ÷ the sqlite3 CLI's (the floor: ≤ 1.5). */
  readonly ratio: number | null;
  /**
   * The same in CPU time (user + system: this process's during the export, the sqlite3 child's
   * as its shell counts it), steadier than wall time when other work shares the machine.
   */
  readonly cpuSeconds: number;
  readonly sqliteCpuSeconds: number | null;
  readonly cpuRatio: number | null;
  /** Peak RSS of this process after the export (includes what ran before it). */
  readonly peakRssBytes: number;
}

/** The same columns as `consumptionExport`, in SQL: yuan via printf, names as stored keys. */
const sqliteQuery = `SELECT a.customer_no, a.name, c.period, c.category, printf('%.2f', c.amount_fen / 100.0),
  c.quantity, c.source, c.note, c.id
  FROM accounts a JOIN consumption c ON c.account_id = a.id WHERE c.deleted = 0 AND a.deleted = 0`;

export async function benchCsvExport(databasePath: string, directory: string): Promise<CsvExportFigures> {
  const db = await openDatabase(databasePath, { readonly: true });
  const ours = join(directory, 'csv-export-consumption.csv');
  const theirs = join(directory, 'csv-export-sqlite3.csv');
  let rows = 0;
  let seconds = 0;
  let cpuSeconds = 0;
  try {
    const fd = openSync(ours, 'w');
    const cpu = process.cpuUsage();
    const started = performance.now();
    try {
      rows = streamTableCsv(db, tableExports.consumption, 'zh-CN', {}, (chunk) => void writeSync(fd, chunk));
    } finally {
      closeSync(fd);
    }
    seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    cpuSeconds = (used.user + used.system) / 1e6;
  } finally {
    db.close();
  }
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const fileBytes = statSync(ours).size;
  rmSync(ours, { force: true });

  let sqliteSeconds: number | null = null;
  let sqliteRows: number | null = null;
  let sqliteFileBytes: number | null = null;
  let sqliteCpuSeconds: number | null = null;
  try {
    const started = performance.now();
    // `times` prints the shell's and then its children's user and system time.
    const times = execFileSync(
      'sh',
      ['-c', `sqlite3 -readonly -csv "$1" "$2" > "$3" && times`, 'sh', databasePath, sqliteQuery, theirs],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
    );
    sqliteSeconds = (performance.now() - started) / 1000;
    sqliteCpuSeconds = childCpuSeconds(times);
    sqliteFileBytes = statSync(theirs).size;
    sqliteRows = Number(execFileSync('wc', ['-l', theirs], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
  } catch (error) {
    console.warn(`sqlite3 CLI not run: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(theirs, { force: true });
  }
  return {
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    fileBytes,
    sqliteSeconds,
    sqliteRows,
    sqliteFileBytes,
    ratio: sqliteSeconds === null ? null : seconds / sqliteSeconds,
    cpuSeconds,
    sqliteCpuSeconds,
    cpuRatio: sqliteCpuSeconds === null || sqliteCpuSeconds === 0 ? null : cpuSeconds / sqliteCpuSeconds,
    peakRssBytes,
  };
}

/** The children's user + system seconds from `times` output (`0m10.512s 0m1.204s` on its second line). */
function childCpuSeconds(times: string): number | null {
  const line = times.trim().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (match) => Number(match[1]) * 60 + Number(match[2]),
  );
  return parts.length === 2 ? (parts[0] ?? 0) + (parts[1] ?? 0) : null;
}
