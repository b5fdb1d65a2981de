import { describe, expect, it } from 'vitest';
import { categoryNames, rowErrorText, rowErrorTexts } from '../../db/imports/rejectTexts';
import { unguardCell } from '../../db/imports/readCsv';
import { rejectsFileName } from '../../db/imports/rejects';
import { csvCell } from '../../shared/domain/csv';
import { headerSetKey, rejectsErrorHeaders } from '../../shared/domain/importFields';
import { categoryKey, parseCategory } from '../../shared/domain/importValues';
import { consumptionCategories } from '../../shared/schemas';
import type { ImportRowErrorCode } from '../../shared/types';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';

const codes = Object.keys(rowErrorTexts) as ImportRowErrorCode[];

describe('the rejects file says what the Import page says', () => {
  it.each(codes)('%s, in both languages', (code) => {
    expect(rowErrorTexts[code].en).toBe(en.import.rowError[code]);
    expect(rowErrorTexts[code]['zh-CN']).toBe(zhCN.import.rowError[code]);
  });

  it('names every service it accepts, and each name it gives is read back as its service', () => {
    expect(rowErrorText('invalid_category', 'zh-CN')).toBe(
      '不是已知的业务类别（可用：语音、流量、宽带、专线、云服务、IDC、物联网、短信、其他）',
    );
    for (const language of ['zh-CN', 'en'] as const) {
      const names = categoryNames(language).split(language === 'en' ? ', ' : '、');
      expect(names.map((name) => parseCategory(name))).toEqual([...consumptionCategories]);
    }
    // The screen's names too (en.category / zhCN.category), which the page lists.
    for (const category of consumptionCategories) {
      expect(parseCategory(en.category[category])).toBe(category);
      expect(parseCategory(zhCN.category[category])).toBe(category);
    }
  });
});

describe('a rejects file comes back as it went out', () => {
  it.each([
    '13800138000',
    '0754-88889999',
    '+86 138 0013 8000',
    '=SUM(A1)',
    '+86-138',
    '@user',
    '-abc',
    'HQ0001',
    '1,234.56',
    '-12.5',
    '',
  ])('%j, written for Excel and read back', (cell) => {
    for (const asText of [true, false]) {
      const written = csvCell(cell, asText);
      // csv-parse undoes the RFC 4180 quoting; this undoes Excel's text form and the guard.
      const parsed = written.startsWith('"') ? written.slice(1, -1).replaceAll('""', '"') : written;
      expect(unguardCell(parsed)).toBe(cell);
    }
  });

  it('keeps the original header set (its remembered settings), error column left out', () => {
    const headers = ['客户编号', '账期', '业务类别', '金额'];
    for (const errorHeader of Object.values(rejectsErrorHeaders))
      expect(headerSetKey([...headers, errorHeader])).toBe(headerSetKey(headers));
    expect(headerSetKey(['导入错误'])).not.toBe('');
  });

  it('is named after the file it came from', () => {
    expect(rejectsFileName('十月账单.csv', 'zh-CN')).toBe('十月账单-未导入.csv');
    expect(rejectsFileName('bills.CSV', 'en')).toBe('bills-rejects.csv');
    expect(rejectsFileName('export', 'en')).toBe('export-rejects.csv');
  });

  it('maps a service name the way it is compared', () => {
    expect(categoryKey(' 云计算 ')).toBe('云计算');
    expect(categoryKey('Cloud Ｈｏｓｔ')).toBe('cloud host');
    expect(parseCategory('云计算', { 云计算: 'cloud' })).toBe('cloud');
    expect(parseCategory('云计算')).toBeNull();
    // A mapped name never shadows one of Fieldbook's, nor an inherited property.
    expect(parseCategory('流量', { 流量: 'voice' })).toBe('data');
    expect(parseCategory('constructor', {})).toBeNull();
  });
});
