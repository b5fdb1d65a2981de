import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import iconv from 'iconv-lite';
import { newId } from '../../db/ids';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { addMonths } from '../../shared/domain/period';
import type { ImportPreview, ImportRecord, ImportRevertResult, StagedImport } from '../../shared/types';

/**
 * A month of bills from head office: two categories per account, matched by customer number,
 * saved by Excel as GB18030. Staged, previewed, applied (committed: the commit's writes are part
 * of the figure) and reverted through the dispatcher, on a copy of the bench database that is
 * deleted afterwards, so the bench database keeps its content.
 */
export interface CsvImportFigures {
  readonly rows: number;
  readonly fileBytes: number;
  readonly stageMs: number;
  readonly previewMs: number;
  readonly applyMs: number;
  /**
   * Recording the applied bills for a revert and rolling them up, in the transaction after the
   * apply's (`imports.settle`, which the app queues on the job thread right after the import):
   * every other call waits for it, the import's result does not.
   */
  readonly settleMs: number;
  readonly revertMs: number;
  /** Rows per second of the apply alone (planning again, then writing). */
  readonly applyRowsPerSecond: number;
  /** Rows per second from the file's bytes to the last row written (stage + preview + apply). */
  readonly endToEndRowsPerSecond: number;
  /** Stage + preview + apply, in ms (the floor: 15 s for 200,000 bills). */
  readonly endToEndMs: number;
  /**
   * The baseline measured beside it on the same copy: the same rows written by one prepared
   * `INSERT` into the consumption table in one transaction, committed (ids and clocks made
   * beforehand), then deleted again before the import runs.
   */
  readonly bareInsertMs: number;
  readonly bareInsertRowsPerSecond: number;
  /** Import apply rows/s ÷ bare INSERT rows/s (the floor: ≥ 0.5). */
  readonly applyToBareInsert: number;
  /** The same two steps in CPU time (user + system) of this process, and their ratio. */
  readonly applyCpuMs: number;
  readonly bareInsertCpuMs: number;
  readonly applyToBareInsertCpu: number;
}

const categories = ['流量', '语音', '专线', '宽带'] as const;

/** CPU time (user + system) of the last `elapsed` call, in ms: steadier than wall time on a shared machine. */
let lastCpuMs = 0;

function elapsed<T>(fn: () => T): [T, number] {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = fn();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return [value, wall];
}

export async function benchCsvImport(
  databasePath: string,
  rowsPerAccount = 2,
  /** Leave the revert out (a quicker run of the other figures; revertMs is then 0). */
  revert = true,
): Promise<CsvImportFigures> {
  const copyPath = `${databasePath}.import-copy`;
  for (const suffix of ['', '-wal']) {
    if (existsSync(`${databasePath}${suffix}`))
      copyFileSync(`${databasePath}${suffix}`, `${copyPath}${suffix}`);
  }
  // The copy's 2.8 GB of dirty pages would otherwise be written back while the import runs.
  execFileSync('sync');
  const fieldbook = await openFieldbook(copyPath);
  try {
    return importInto(fieldbook, rowsPerAccount, revert);
  } finally {
    fieldbook.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copyPath}${suffix}`, { force: true });
  }
}

function importInto(fieldbook: Fieldbook, rowsPerAccount: number, revert: boolean): CsvImportFigures {
  const { sqlite } = fieldbook.db;
  const context = { actor: 'bench' };
  const numbers = sqlite
    .prepare('SELECT customer_no FROM accounts WHERE deleted = 0')
    .pluck()
    .all() as string[];
  const latest = sqlite.prepare('SELECT max(period) FROM consumption').pluck().get() as string | null;
  const period = addMonths(latest ?? '2026-10', 1).replace('-', '');
  const lines = ['客户编号,账期,业务类别,金额（元）,数量,备注'];
  numbers.forEach((number, index) => {
    for (let k = 0; k < rowsPerAccount; k++) {
      const fen = ((index * 7919 + k * 104729) % 2_000_000) + 100;
      const yuan = `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
      lines.push(`${number},${period},${categories[k % categories.length]},"${yuan}",${(index % 50) + 1},`);
    }
  });
  const bytes = iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030');
  const contentBase64 = bytes.toString('base64');
  const rows = lines.length - 1;
  const bareInsertMs = bareInsert(
    fieldbook,
    numbers,
    rowsPerAccount,
    `${period.slice(0, 4)}-${period.slice(4)}`,
  );
  const bareInsertCpuMs = lastCpuMs;

  const call = <T>(name: string, input: unknown): T => {
    const result = fieldbook.dispatch(name, input, context);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };

  const [staged, stageMs] = elapsed(() =>
    call<StagedImport>('imports.stage', { fileName: 'bench.csv', contentBase64 }),
  );
  const options = {
    stageId: staged.stageId,
    kind: 'consumption',
    mapping: staged.suggested.consumption,
    matchKey: 'customerNo',
    onExisting: 'skip',
  };
  const [preview, previewMs] = elapsed(() => call<ImportPreview>('imports.preview', options));
  if (preview.errorTotal > 0 || preview.counts.create !== rows)
    throw new Error(`unexpected preview ${JSON.stringify(preview).slice(0, 500)}`);
  const [record, applyMs] = elapsed(() => call<ImportRecord>('imports.apply', options));
  const applyCpuMs = lastCpuMs;
  const [settled, settleMs] = elapsed(() => call<{ bills: number }>('imports.settle', {}));
  if (settled.bills !== rows) throw new Error(`the import settled ${settled.bills} of ${rows} bills`);
  let revertMs = 0;
  if (revert) {
    const [reverted, ms] = elapsed(() => call<ImportRevertResult>('imports.revert', { id: record.id }));
    if (reverted.counts.deleted !== rows)
      throw new Error(`revert deleted ${reverted.counts.deleted} of ${rows}`);
    revertMs = ms;
  }
  return {
    rows,
    fileBytes: bytes.length,
    stageMs,
    previewMs,
    applyMs,
    settleMs,
    revertMs,
    applyRowsPerSecond: rows / (applyMs / 1000),
    endToEndRowsPerSecond: rows / ((stageMs + previewMs + applyMs) / 1000),
    endToEndMs: stageMs + previewMs + applyMs,
    bareInsertMs,
    bareInsertRowsPerSecond: rows / (bareInsertMs / 1000),
    applyToBareInsert: bareInsertMs / applyMs,
    applyCpuMs,
    bareInsertCpuMs,
    applyToBareInsertCpu: bareInsertCpuMs / applyCpuMs,
  };
}

/**
 * The floor's baseline: the file's bills as the import stores them, written with one prepared
 * statement in one committed transaction. Ids, clocks and account ids are made first: only
 * SQLite's work (the row, its three indexes, the commit) is timed. Deleted again afterwards so
 * the import writes into the same table.
 */
function bareInsert(
  fieldbook: Fieldbook,
  numbers: readonly string[],
  rowsPerAccount: number,
  period: string,
): number {
  const { sqlite } = fieldbook.db;
  const idOf = new Map(
    (
      sqlite.prepare('SELECT customer_no, id FROM accounts WHERE deleted = 0').raw().all() as [
        string,
        string,
      ][]
    ).map(([number, id]) => [number, id]),
  );
  const keys = ['data', 'voice', 'leased_line', 'broadband'] as const;
  const firstSeq = (sqlite.prepare('SELECT seq FROM sync_clock WHERE id = 1').pluck().get() as number) + 1;
  const hlcPrefix = new Date().toISOString();
  const rows: unknown[][] = [];
  numbers.forEach((number, index) => {
    for (let k = 0; k < rowsPerAccount; k++) {
      const fen = ((index * 7919 + k * 104729) % 2_000_000) + 100;
      const seq = firstSeq + rows.length;
      const hlc = `${hlcPrefix}-${String(rows.length % 10000).padStart(4, '0')}-0000000000000000`;
      rows.push([
        newId(),
        idOf.get(number),
        period,
        keys[k % keys.length],
        fen,
        (index % 50) + 1,
        'import',
        '',
        0,
        hlc,
        seq,
      ]);
    }
  });
  const insert = sqlite.prepare(
    `INSERT INTO consumption (id, account_id, period, category, amount_fen, quantity, source, note, deleted, hlc, seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const [, ms] = elapsed(() =>
    sqlite.transaction(() => {
      for (const row of rows) insert.run(...row);
    })(),
  );
  const cpuMs = lastCpuMs;
  sqlite.prepare('DELETE FROM consumption WHERE seq >= ?').run(firstSeq);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  lastCpuMs = cpuMs;
  return ms;
}
