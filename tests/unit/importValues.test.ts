import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseAccountKind,
  parseAmountFen,
  parseCategory,
  parsePeriod,
  parseQuantity,
  parseTier,
} from '../../shared/domain/importValues';

describe('parsePeriod', () => {
  it.each([
    ['2026-10', '2026-10'],
    ['202610', '2026-10'],
    ['2026/10', '2026-10'],
    ['2026/1', '2026-01'],
    ['2026.10', '2026-10'],
    ['2026.01', '2026-01'],
    ['2026.12', '2026-12'],
    ['2026-1', '2026-01'],
    ['2026年10月', '2026-10'],
    ['2026年 3月', '2026-03'],
    ['２０２６－１０', '2026-10'],
    ['2026/10/1', '2026-10'],
    ['2026-10-01 00:00:00', '2026-10'],
    [' 2026-10 ', '2026-10'],
  ])('reads %j as %s', (text, period) => expect(parsePeriod(text)).toBe(period));

  it.each([
    '',
    '2026-13',
    '2026-00',
    '202613',
    '1999-10',
    '2026-10-15',
    '10/2026',
    'Oct 2026',
    '2026',
    '2026.1',
    '2026.2',
    '2026.9',
    '2026.1月',
  ])('refuses %j', (text) => expect(parsePeriod(text)).toBeNull());

  it('reads every month of every year in each written form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const mm = String(month).padStart(2, '0');
        for (const text of [`${year}-${mm}`, `${year}${mm}`, `${year}/${month}`, `${year}年${month}月`])
          expect(parsePeriod(text)).toBe(`${year}-${mm}`);
      }),
    );
  });
});

describe('parseCategory', () => {
  it.each([
    ['语音', 'voice'],
    ['数据', 'data'],
    ['流量', 'data'],
    ['宽带', 'broadband'],
    ['专线', 'leased_line'],
    ['云', 'cloud'],
    ['IDC', 'idc'],
    ['idc', 'idc'],
    ['物联网', 'iot'],
    ['短信', 'sms'],
    ['其他', 'other'],
    ['leased_line', 'leased_line'],
    [' Voice ', 'voice'],
  ])('reads %j as %s', (text, category) => expect(parseCategory(text)).toBe(category));

  it.each(['', '彩铃', 'data plan'])('refuses %j', (text) => expect(parseCategory(text)).toBeNull());
});

describe('parseAmountFen', () => {
  it.each([
    ['1,234.56', 123456],
    ['¥1234.5', 123450],
    ['￥88', 8800],
    ['88元', 8800],
    ['-12.30', -1230],
    ['0', 0],
  ])('reads %j as %i fen', (text, fen) => expect(parseAmountFen(text)).toBe(fen));

  it.each(['', 'abc', '1.234', '12,34', '1e5', '一百'])('refuses %j', (text) =>
    expect(parseAmountFen(text)).toBeNull(),
  );
});

describe('parseQuantity, parseAccountKind, parseTier', () => {
  it('reads quantities, with thousands separators, and refuses negatives and words', () => {
    expect(parseQuantity('1,024.5')).toBe(1024.5);
    expect(parseQuantity('12')).toBe(12);
    expect(parseQuantity('-1')).toBeNull();
    expect(parseQuantity('十')).toBeNull();
  });

  it('reads account kinds and tiers by key or Chinese name', () => {
    expect(['企业', '公司', 'organization', '个人', 'person', '机构'].map(parseAccountKind)).toEqual([
      'organization',
      'organization',
      'organization',
      'person',
      'person',
      null,
    ]);
    expect(['战略客户', '伙伴', '商业客户', '一般价值客户', 'general', '钻石'].map(parseTier)).toEqual([
      'strategic',
      'partner',
      'commercial',
      'general',
      'general',
      null,
    ]);
  });
});
