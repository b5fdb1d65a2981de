import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jobThreadFromSource } from '../../db/jobs/fromSource';
import { openFieldbook, type Fieldbook } from '../../db/service';
import type { ApiEvents, OperationName } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import type { Account, ImportRecord, StagedImport } from '../../shared/types';
import { consumptionInput, csv, encodeCsv } from './imports/importHelpers';

/** The job thread as windows meet it: `Fieldbook.call` with a worker, over a real database file. */
let directory: string;
let book: Fieldbook;
const context = { actor: 'm001' };

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-jobs-'));
  book = await openFieldbook(join(directory, 'fieldbook.db'), { jobThread: jobThreadFromSource });
});
afterEach(() => {
  book.close();
  rmSync(directory, { recursive: true, force: true });
});

async function ok<T>(name: string, input: unknown): Promise<T> {
  const result = await book.call(name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

function createAccount(customerNo: string): Promise<Account> {
  return ok<Account>('accounts.create', { kind: 'organization', name: `单位${customerNo}`, customerNo });
}

const header = '客户编号,账期,业务类别,金额,数量,备注';

async function stageBills(...lines: string[]): Promise<StagedImport> {
  return ok<StagedImport>('imports.stage', {
    fileName: 'bills.csv',
    contentBase64: encodeCsv(csv(header, ...lines)),
  });
}

describe('long operations on the job thread', () => {
  it('stages, previews and applies an import there; this thread sees the rows and hears of the change', async () => {
    const account = await createAccount('HQ0001');
    const changes: OperationName[] = [];
    const progress: ApiEvents['import.progress'][] = [];
    book.onDataChanged((operation) => changes.push(operation));
    book.onImportProgress((event) => progress.push(event));
    const staged = await stageBills('HQ0001,2026-09,数据,12.50,,', 'HQ0001,2026-10,语音,3,,');
    const preview = await ok<{ counts: { create: number } }>(
      'imports.preview',
      consumptionInput(staged.stageId),
    );
    expect(preview.counts.create).toBe(2);
    const record = await ok<ImportRecord>('imports.apply', consumptionInput(staged.stageId));
    expect(record.counts.create).toBe(2);
    expect(changes).toEqual(['imports.apply']);
    expect(progress.at(-1)).toEqual({ stageId: staged.stageId, done: 2, total: 2 });
    const bills = await ok<{ amountFen: number }[]>('consumption.list', { accountId: account.id });
    expect(bills.map((bill) => bill.amountFen).sort()).toEqual([1250, 300]);
  });

  it('refuses other writes with BUSY while a write runs there, and keeps answering reads', async () => {
    await createAccount('HQ0001');
    const staged = await stageBills('HQ0001,2026-09,数据,12.50,,');
    const applying = book.call('imports.apply', consumptionInput(staged.stageId), context);
    expect(book.writesPaused()).toBe(true);
    const refused = await book.call(
      'accounts.create',
      { kind: 'organization', name: '另一家', customerNo: 'HQ0002' },
      context,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BUSY', details: { running: 'imports.apply' } },
    });
    const read = await book.call('accounts.list', {}, context);
    expect(read.ok).toBe(true);
    expect((await applying).ok).toBe(true);
    // The import's settling (db/imports/settle.ts) may still run there: a write waits for it, no BUSY.
    await createAccount('HQ0002');
    expect(book.writesPaused()).toBe(false);
    expect(book.db.sqlite.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(2);
  });

  it('lets reads on the job thread run beside writes here', async () => {
    await createAccount('HQ0001');
    const staging = book.call(
      'imports.stage',
      { fileName: 'b.csv', contentBase64: encodeCsv(csv(header, 'HQ0001,2026-09,数据,1,,')) },
      context,
    );
    expect(book.writesPaused()).toBe(false);
    await createAccount('HQ0002');
    expect((await staging).ok).toBe(true);
  });

  it("sends this device's passphrase with sync calls, and says when there is none", async () => {
    await createAccount('HQ0001');
    const missing = await book.call('sync.export', { full: true }, context);
    expect(missing).toMatchObject({ ok: false, error: { code: 'SYNC_NO_PASSPHRASE' } });
    await ok('sync.setPassphrase', { passphrase: 'team passphrase 1' });
    const exported = await ok<{ contentBase64: string }>('sync.export', { full: true });
    const previewing = book.call('sync.preview', { contentBase64: exported.contentBase64 }, context);
    // The service counts a preview as a write (it may be the import rolled back): writes here wait.
    expect(book.writesPaused()).toBe(true);
    const preview = await previewing;
    if (!preview.ok) throw new Error(preview.error.message);
    expect((preview.value as { manifest: { opCount: number } }).manifest.opCount).toBeGreaterThan(0);
    expect(book.writesPaused()).toBe(false);
    const history = await ok<{ direction: string }[]>('sync.history', {});
    expect(history.map((entry) => entry.direction)).toEqual(['export']);
  });

  it('validates input there like everywhere else', async () => {
    const result: ApiResult<unknown> = await book.call('imports.apply', { stageId: 42 }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const unknown = await book.call('imports.nothing', {}, context);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('answers INTERNAL when the job thread cannot start, and everything else still works', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = await openFieldbook(join(directory, 'other.db'), {
      jobThread: new URL('./no-such-thread.mjs', import.meta.url),
    });
    try {
      const result = await broken.call('stats.rebuild', undefined, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(broken.writesPaused()).toBe(false);
      const created = await broken.call('accounts.create', { kind: 'person', name: '王五' }, context);
      expect(created.ok).toBe(true);
    } finally {
      broken.close();
      quiet.mockRestore();
    }
  });
});
