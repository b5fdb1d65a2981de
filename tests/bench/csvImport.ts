import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import iconv from 'iconv-lite';
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
  readonly revertMs: number;
  /** Rows per second of the apply alone (planning again, then writing). */
  readonly applyRowsPerSecond: number;
  /** Rows per second from the file's bytes to the last row written (stage + preview + apply). */
  readonly endToEndRowsPerSecond: number;
}

const categories = ['流量', '语音', '专线', '宽带'] as const;

function elapsed<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

export async function benchCsvImport(databasePath: string, rowsPerAccount = 2): Promise<CsvImportFigures> {
  const copyPath = `${databasePath}.import-copy`;
  for (const suffix of ['', '-wal']) {
    if (existsSync(`${databasePath}${suffix}`))
      copyFileSync(`${databasePath}${suffix}`, `${copyPath}${suffix}`);
  }
  // The copy's 2.8 GB of dirty pages would otherwise be written back while the import runs.
  execFileSync('sync');
  const fieldbook = await openFieldbook(copyPath);
  try {
    return importInto(fieldbook, rowsPerAccount);
  } finally {
    fieldbook.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copyPath}${suffix}`, { force: true });
  }
}

function importInto(fieldbook: Fieldbook, rowsPerAccount: number): CsvImportFigures {
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
  const [reverted, revertMs] = elapsed(() => call<ImportRevertResult>('imports.revert', { id: record.id }));
  if (reverted.counts.deleted !== rows)
    throw new Error(`revert deleted ${reverted.counts.deleted} of ${rows}`);
  return {
    rows,
    fileBytes: bytes.length,
    stageMs,
    previewMs,
    applyMs,
    revertMs,
    applyRowsPerSecond: rows / (applyMs / 1000),
    endToEndRowsPerSecond: rows / ((stageMs + previewMs + applyMs) / 1000),
  };
}
