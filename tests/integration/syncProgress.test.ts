import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobThreadFromSource } from '../../db/jobs/fromSource';
import { throttleProgress } from '../../db/jobs/progress';
import { importBundle, type MergeProgress } from '../../db/sync/apply';
import { exportBundle, fileStamp, type ExportProgress } from '../../db/sync/export';
import { openFieldbook } from '../../db/service';
import type { ProgressEvent } from '../../shared/api';
import type { SyncExport } from '../../shared/types';
import { consumptionInput, csv, stage } from './imports/importHelpers';
import { createOrganization, manager, openBook, type Book } from './operations/helpers';
import { kdf, passphrase } from './syncHelpers';

/**
 * A sync file of 200,000 records takes seconds to write or read: the Sync page shows how far
 * it has come (`sync.progress`), and names the file by the local time.
 */
let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

/** 5,000 bills of one account (9 services × 556 months): three pages of an export. */
function billsOfYears(count: number): void {
  const account = createOrganization(book, { customerNo: 'HQ0001' });
  const services = ['语音', '流量', '宽带', '专线', '云', 'IDC', '物联网', '短信', '其他'];
  const lines: string[] = [];
  for (let index = 0; lines.length < count; index++) {
    const month = Math.floor(index / services.length);
    const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    lines.push(`HQ0001,${period},${services[index % services.length] ?? ''},1`);
  }
  const staged = stage(
    book,
    csv('客户编号,账期,业务类别,金额,数量,备注', ...lines.map((line) => `${line},,`)),
  );
  book.ok('imports.apply', consumptionInput(staged.stageId));
  expect(book.ok('consumption.list', { accountId: account.id, limit: 1 })).toHaveLength(1);
}

describe('sync progress', () => {
  it('an export reports rows written of rows to write, page by page, then sealing the file', () => {
    billsOfYears(5000);
    const steps: ExportProgress[] = [];
    const result = exportBundle(book.fieldbook.db, {
      full: true,
      passphrase,
      actor: manager.actor,
      kdf,
      onProgress: (step) => steps.push(step),
    });
    const total = result.manifest.opCount;
    expect(total).toBe(5001);
    expect(steps).toEqual([
      { phase: 'rows', done: 0, total },
      { phase: 'rows', done: 1, total },
      { phase: 'rows', done: 2001, total },
      { phase: 'rows', done: 4001, total },
      { phase: 'rows', done: 5001, total },
      { phase: 'encrypt', done: 5001, total: 5001 },
    ]);
  });

  it('an import reports checking the file, then ops merged of the file’s count, chunk by chunk', async () => {
    billsOfYears(6000);
    const file = exportBundle(book.fieldbook.db, { full: true, passphrase, actor: manager.actor, kdf });
    const other = await openBook();
    try {
      const steps: MergeProgress[] = [];
      importBundle(other.fieldbook.db, file.bytes, {
        passphrase,
        actor: manager.actor,
        onProgress: (step) => steps.push(step),
      });
      expect(steps).toEqual([
        { phase: 'decrypt', done: 0, total: 0 },
        { phase: 'rows', done: 0, total: 6001 },
        { phase: 'rows', done: 5000, total: 6001 },
        { phase: 'rows', done: 6001, total: 6001 },
      ]);
    } finally {
      other.close();
    }
  });

  it('reaches windows as sync.progress from the job thread, for export, preview and import', async () => {
    billsOfYears(3000);
    const file = book.ok('sync.export', { full: true, passphrase });
    const directory = mkdtempSync(join(tmpdir(), 'fieldbook-sync-progress-'));
    const threaded = await openFieldbook(join(directory, 'fieldbook.db'), { jobThread: jobThreadFromSource });
    try {
      const events: ProgressEvent[] = [];
      threaded.onProgress((event) => events.push(event));
      const call = async (name: string, input: unknown) => {
        const result = await threaded.call(name, input, manager);
        expect(result.ok).toBe(true);
      };
      await call('sync.preview', { contentBase64: file.contentBase64, passphrase });
      await call('sync.import', { contentBase64: file.contentBase64, passphrase });
      await call('sync.export', { full: true, passphrase });
      const steps = events.map((event) =>
        event.name === 'sync.progress'
          ? `${event.payload.job} ${event.payload.phase} ${event.payload.done}/${event.payload.total}`
          : event.name,
      );
      // The first and last of each phase always get through the throttle.
      for (const expected of [
        'preview decrypt 0/0',
        'preview rows 0/3001',
        'preview rows 3001/3001',
        'import decrypt 0/0',
        'import rows 0/3001',
        'import rows 3001/3001',
        'export rows 0/3001',
        'export rows 3001/3001',
        'export encrypt 3001/3001',
      ])
        expect(steps).toContain(expected);
      expect(steps.indexOf('import rows 3001/3001')).toBeLessThan(steps.indexOf('export rows 0/3001'));
    } finally {
      threaded.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('is passed on at most every interval, but never the first, a new phase or the last', () => {
    let now = 0;
    const seen: string[] = [];
    const report = throttleProgress<{ phase: string; done: number; total: number }>(
      (step) => seen.push(`${step.phase} ${step.done}`),
      100,
      () => now,
    );
    for (const [at, phase, done] of [
      [0, 'rows', 0],
      [10, 'rows', 1],
      [50, 'rows', 2],
      [120, 'rows', 3],
      [130, 'rows', 4],
      [140, 'rows', 10],
      [141, 'encrypt', 10],
    ] as const) {
      now = at;
      report({ phase, done, total: 10 });
    }
    expect(seen).toEqual(['rows 0', 'rows 3', 'rows 10', 'encrypt 10']);
  });
});

describe('the sync file name', () => {
  it('names who exported it, in the local time the window gives, not UTC', () => {
    const file = book.ok('sync.export', { passphrase, utcOffsetMinutes: 480 });
    const local = new Date(Date.parse(file.manifest.createdAt) + 480 * 60_000).toISOString();
    const stamp = `${local.slice(0, 10).replaceAll('-', '')}-${local.slice(11, 19).replaceAll(':', '')}`;
    expect(file.fileName).toBe(`fieldbook-m001-${file.manifest.sourceNode.slice(0, 8)}-${stamp}.fbsync`);
  });

  it('is in this computer’s local time when no time zone is given (the CLI)', () => {
    const zone = process.env['TZ'];
    process.env['TZ'] = 'Asia/Shanghai';
    try {
      const file: SyncExport = book.ok('sync.export', { full: true, passphrase });
      expect(file.fileName).toContain(`-${fileStamp(file.manifest.createdAt, 480)}-full.fbsync`);
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
  });

  it('stamps an instant by the clock of a time zone', () => {
    expect(fileStamp('2026-11-30T17:05:09.123Z', 480)).toBe('20261201-010509');
    expect(fileStamp('2026-11-30T17:05:09.123Z', -300)).toBe('20261130-120509');
    expect(fileStamp('2026-11-30T17:05:09.123Z', 0)).toBe('20261130-170509');
  });
});
