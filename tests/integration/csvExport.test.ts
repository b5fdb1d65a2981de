import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../db/cli/main';
import { exportHandlers } from '../../db/handlers/exports';
import { creditCodeCheckCharacter } from '../../shared/domain/creditCode';
import { ApiError } from '../../shared/errors';
import type { CsvExport } from '../../shared/types';
import { createOrganization, createPerson, openBook, type Book } from './operations/helpers';

/**
 * The CSV export read back as head office's Excel would: the files are parsed (BOM, CRLF,
 * RFC 4180 quoting), not compared as strings.
 */
const BOM = '\uFEFF';

function decode(result: CsvExport): string {
  return Buffer.from(result.contentBase64, 'base64').toString('utf8');
}

/** Rows of a CSV text after checking its framing: BOM first, CRLF after every line. */
function readCsv(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  // Outside quoted cells every line ends in CRLF: no bare LF between records.
  const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, '');
  expect(outsideQuotes).not.toMatch(/[^\r]\n/);
  // Strictly: a quote inside an unquoted cell (`="0754…"` unquoted) is no RFC 4180.
  return parse(text.slice(1), { relax_quotes: false }) as string[][];
}

/** A credit code of 18 digits (its check character a digit too). */
function digitCreditCode(): string {
  for (let n = 0; ; n++) {
    const body = `9144030071526${String(n).padStart(4, '0')}`;
    const check = creditCodeCheckCharacter(body);
    if (/\d/.test(check)) return body + check;
  }
}

describe('CSV export for head office', () => {
  let book: Book;
  let code: string;
  let company: { id: string; customerNo: string };
  beforeAll(async () => {
    book = await openBook();
    code = digitCreditCode();
    const org = createOrganization(book, {
      name: '汕头市"三环",电子有限公司',
      creditCode: code,
      owner: 'm001',
      region: '汕头',
      tier: 'strategic',
      notes: '=HYPERLINK("http://x","点我")\n第二行',
      phones: [{ number: '+86 138 0013 8000' }],
    });
    company = org;
    const person = createPerson(book, { name: '王芳', owner: 'm002', region: '潮州', tier: 'general' });
    book.ok('relationships.create', { fromId: org.id, toId: person.id, type: 'employs', role: '总经理' });
    book.ok('visits.create', {
      accountId: org.id,
      kind: 'onsite',
      content: '洽谈专线扩容，客户说："价格, 再议"',
      occurredAt: '2026-03-10T10:00:00+08:00',
    });
    book.ok('visits.create', {
      accountId: org.id,
      kind: 'phone',
      content: '回访',
      occurredAt: '2026-05-01T10:00:00+08:00',
    });
    book.ok('consumption.create', {
      accountId: org.id,
      period: '2026-03',
      category: 'leased_line',
      amountFen: 1_250_005,
    });
    book.ok('consumption.create', { accountId: org.id, period: '2026-05', category: 'voice', amountFen: 99 });
    book.ok('consumption.create', {
      accountId: person.id,
      period: '2026-03',
      category: 'data',
      amountFen: 3000,
    });
    book.ok('anniversaries.create', {
      accountId: person.id,
      kind: 'birthday',
      calendar: 'lunar',
      month: 8,
      day: 15,
    });
    // A deleted account and a deleted bill: neither may appear anywhere.
    const gone = createPerson(book, { name: '已删除客户', owner: 'm001' });
    book.ok('consumption.create', { accountId: gone.id, period: '2026-03', category: 'sms', amountFen: 500 });
    book.ok('accounts.delete', { id: gone.id });
    const deletedBill = book.ok('consumption.create', {
      accountId: org.id,
      period: '2026-04',
      category: 'cloud',
      amountFen: 777,
    });
    book.ok('consumption.delete', { id: deletedBill.id });
  });
  afterAll(() => book.close());

  it('writes one table as a .csv with Chinese headers, quoting, text phones and defused formulas', () => {
    const result = book.ok('exports.csv', { tables: ['accounts'], language: 'zh-CN' });
    expect(result.mediaType).toBe('text/csv');
    // Who exported it, and when to the minute: the file leads back to its audit entry.
    expect(result.fileName).toMatch(/^fieldbook-accounts-m001-\d{8}-\d{4}\.csv$/);
    const [header = [], ...rows] = readCsv(decode(result));
    expect(header.slice(0, 5)).toEqual(['客户编号', '客户名称', '客户类型', '统一社会信用代码', '客户等级']);
    expect(rows).toHaveLength(2);
    const row = rows.find((cells) => cells[1]?.startsWith('汕头市')) ?? [];
    expect(row[1]).toBe('汕头市"三环",电子有限公司');
    expect(row[3]).toBe(`="${code}"`);
    expect(row[4]).toBe('战略客户');
    expect(row[header.indexOf('备注')]).toBe(`'=HYPERLINK("http://x","点我")\n第二行`);
    expect(rows.flat()).not.toContain('已删除客户');
    expect(result.rows).toEqual({ accounts: 2 });
  });

  it('keeps a +86 number intact as text, and writes English headers and names', () => {
    const phones = readCsv(decode(book.ok('exports.csv', { tables: ['phones'], language: 'en' })));
    expect(phones[0]).toEqual([
      'Customer number',
      'Account name',
      'Number',
      'International',
      'Label',
      'Note',
      'Record ID',
    ]);
    expect(phones[1]?.slice(2, 5)).toEqual(['="13800138000"', '="+86 138 0013 8000"', 'Mobile']);
    const accounts = readCsv(decode(book.ok('exports.csv', { tables: ['accounts'], language: 'en' })));
    expect(accounts[0]?.slice(0, 3)).toEqual(['Customer number', 'Name', 'Type']);
    expect(accounts.flat()).toContain('Strategic');
  });

  it('writes money as yuan with two decimals and service names; deleted bills and accounts absent', () => {
    const [header, ...rows] = readCsv(
      decode(book.ok('exports.csv', { tables: ['consumption'], language: 'zh-CN' })),
    );
    expect(header).toEqual([
      '客户编号',
      '客户名称',
      '账期',
      '业务类别',
      '金额（元）',
      '数量',
      '来源',
      '备注',
      '记录ID',
    ]);
    expect(rows.map((row) => [row[2], row[3], row[4]]).sort()).toEqual([
      ['2026-03', '专线', '12500.05'],
      ['2026-03', '流量', '30.00'],
      ['2026-05', '语音', '0.99'],
    ]);
  });

  it('applies the filters: owner, region, tier, and the date range on visits and months', () => {
    const owned = book.ok('exports.csv', { tables: ['consumption'], owner: 'm002' });
    expect(owned.rows).toEqual({ consumption: 1 });
    expect(book.ok('exports.csv', { tables: ['accounts'], region: '汕头' }).rows).toEqual({ accounts: 1 });
    expect(book.ok('exports.csv', { tables: ['accounts'], tiers: ['general', 'partner'] }).rows).toEqual({
      accounts: 1,
    });
    const march = book.ok('exports.csv', {
      tables: ['visits', 'consumption', 'consumptionMonthly'],
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(march.rows).toEqual({ visits: 1, consumption: 2, consumptionMonthly: 2 });
    // Relationships and anniversaries follow their accounts.
    expect(
      book.ok('exports.csv', { tables: ['relationships', 'anniversaries'], owner: 'm002' }).rows,
    ).toEqual({
      relationships: 1,
      anniversaries: 1,
    });
  });

  it('quotes commas, quotes and line breaks in Chinese free text (RFC 4180)', () => {
    const text = decode(book.ok('exports.csv', { tables: ['visits'], language: 'zh-CN' }));
    expect(text).toContain('"洽谈专线扩容，客户说：""价格, 再议"""');
    const rows = readCsv(text);
    expect(rows.map((row) => row[5])).toContain('洽谈专线扩容，客户说："价格, 再议"');
  });

  it('summarises consumption by account and month from the roll-up', () => {
    const [header, ...rows] = readCsv(
      decode(book.ok('exports.csv', { tables: ['consumptionMonthly'], language: 'en' })),
    );
    expect(header).toEqual(['Customer number', 'Account name', 'Month', 'Service', 'Amount (yuan)']);
    expect(rows).toHaveLength(3);
    // A generated number (K…) is no number to Excel: it needs no `="…"`.
    const companyRows = rows.filter((row) => row[0] === company.customerNo);
    expect(companyRows.map((row) => [row[2], row[3], row[4]]).sort()).toEqual([
      ['2026-03', 'Leased line', '12500.05'],
      ['2026-05', 'Voice', '0.99'],
    ]);
  });

  it('zips several tables into one file, every table in it', () => {
    const result = book.ok('exports.csv', {
      tables: [
        'accounts',
        'phones',
        'relationships',
        'visits',
        'anniversaries',
        'consumption',
        'consumptionMonthly',
      ],
    });
    expect(result.mediaType).toBe('application/zip');
    expect(result.fileName).toMatch(/\.zip$/);
    const files = unzipSync(Buffer.from(result.contentBase64, 'base64'));
    expect(Object.keys(files).sort()).toEqual(
      [
        'accounts.csv',
        'anniversaries.csv',
        'consumption-monthly.csv',
        'consumption.csv',
        'phones.csv',
        'relationships.csv',
        'visits.csv',
      ].sort(),
    );
    for (const bytes of Object.values(files)) readCsv(Buffer.from(bytes).toString('utf8'));
  });

  it('records every export in the audit log with tables, filters, row counts and purpose', () => {
    const before = book.rows("SELECT count(*) AS n FROM audit_log WHERE action = 'export'")[0]?.['n'];
    book.ok('exports.csv', {
      tables: ['accounts', 'consumption'],
      owner: 'm001',
      language: 'en',
      purpose: '总部季度报表',
    });
    const entries = book.rows("SELECT * FROM audit_log WHERE action = 'export' ORDER BY id");
    expect(entries).toHaveLength(Number(before) + 1);
    const entry = entries.at(-1) ?? {};
    expect(entry['entity']).toBe('csv');
    expect(entry['actor']).toBe('m001');
    expect(JSON.parse(String(entry['after']))).toEqual({
      tables: ['accounts', 'consumption'],
      language: 'en',
      filters: { owners: ['m001'] },
      rows: { accounts: 1, consumption: 2 },
      purpose: '总部季度报表',
    });
  });

  it('refuses an export too large for a window with EXPORT_TOO_LARGE, recording nothing', () => {
    const handlers = exportHandlers(book.fieldbook.db, { maxBytes: 200 });
    const count = () => book.rows("SELECT count(*) AS n FROM audit_log WHERE action = 'export'")[0]?.['n'];
    const before = count();
    let caught: unknown;
    try {
      handlers['exports.csv']({ tables: ['accounts', 'visits'], language: 'zh-CN' }, { actor: 'm001' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe('EXPORT_TOO_LARGE');
    expect(count()).toBe(before);
  });

  it('streams files from the CLI: fieldbook export-csv --out DIR', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-export-'));
    const printed: string[] = [];
    const exit = await main(
      [
        '--db',
        book.fieldbook.db.path,
        '--as',
        'm009',
        'export-csv',
        '--out',
        directory,
        '--tables',
        'accounts,consumption',
        '--language',
        'en',
        '--tier',
        'strategic',
        '--zip',
      ],
      (text) => printed.push(text),
    );
    expect(exit).toBe(0);
    expect(printed.join('\n')).toMatch(/2 rows .*consumption\.csv/);
    const accounts = readCsv(fs.readFileSync(path.join(directory, 'accounts.csv'), 'utf8'));
    expect(accounts).toHaveLength(2);
    expect(accounts[0]?.[0]).toBe('Customer number');
    const zipName = fs.readdirSync(directory).find((name) => name.endsWith('.zip')) ?? '';
    const zipped = unzipSync(fs.readFileSync(path.join(directory, zipName)));
    expect(Object.keys(zipped).sort()).toEqual(['accounts.csv', 'consumption.csv']);
    expect(Buffer.from(zipped['consumption.csv'] ?? []).toString('utf8')).toBe(
      fs.readFileSync(path.join(directory, 'consumption.csv'), 'utf8'),
    );
    const audit = book.rows("SELECT actor FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1");
    expect(audit[0]?.['actor']).toBe('m009');
    expect(
      await main(['--db', book.fieldbook.db.path, 'export-csv', '--out', directory, '--tables', 'x']),
    ).toBe(1);
  });
});
