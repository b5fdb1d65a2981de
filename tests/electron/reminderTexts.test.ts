import { describe, expect, it, vi } from 'vitest';
import { reminderText, resolveLanguage, summaryText, trayMenuText } from '../../electron/reminderTexts';
import type { AnniversaryRecord, Reminder } from '../../shared/types';

vi.mock('electron', () => ({}));

function reminderOf(
  anniversary: Partial<AnniversaryRecord>,
  occurrence: { date: string; daysLeft: number; years?: number | null },
  name = '王芳',
): Reminder {
  return {
    occurrence: {
      anniversary: {
        id: 'ann',
        accountId: 'acc',
        kind: 'birthday',
        label: '',
        calendar: 'gregorian',
        month: 10,
        day: 20,
        leapMonth: false,
        year: null,
        leadDays: null,
        note: '',
        createdAt: '2026-01-01T00:00:00.000Z',
        ...anniversary,
      },
      account: {
        id: 'acc',
        kind: 'person',
        customerNo: 'K1',
        name,
        tier: 'partner',
        status: 'active',
        owner: 'm001',
        region: '',
      },
      date: occurrence.date,
      daysLeft: occurrence.daysLeft,
      years: occurrence.years ?? null,
      milestone: false,
    },
    leadDays: 0,
    dueOn: occurrence.date,
    missed: occurrence.daysLeft < 0,
    notified: false,
  };
}

const both = (reminder: Reminder) => [reminderText(reminder, 'zh-CN'), reminderText(reminder, 'en')];

describe('reminder texts', () => {
  it('say the kind, the date as the rule is written, the days left and the age', () => {
    const lunar = reminderOf(
      { calendar: 'lunar', month: 8, day: 15, year: 1977 },
      { date: '2026-09-25', daysLeft: 7, years: 49 },
    );
    expect(both(lunar)).toEqual([
      { title: '生日提醒', body: '王芳 农历八月十五生日 · 还有 7 天 · 49 岁' },
      { title: 'Birthday reminder', body: '王芳 · birthday, lunar month 8 day 15 · in 7 days · turns 49' },
    ]);
    const leap = reminderOf(
      { calendar: 'lunar', month: 6, day: 1, leapMonth: true },
      { date: '2025-07-25', daysLeft: 1 },
    );
    expect(both(leap).map((text) => text.body)).toEqual([
      '王芳 农历闰六月初一生日 · 明天',
      '王芳 · birthday, lunar month leap 6 day 1 · tomorrow',
    ]);
  });

  it('count years for other kinds, name custom ones by their label, and tell how long ago a missed one was', () => {
    const founding = reminderOf(
      { kind: 'founding', month: 3, day: 15 },
      { date: '2026-03-15', daysLeft: 0, years: 30 },
      '华信科技',
    );
    expect(both(founding)).toEqual([
      { title: '司庆提醒', body: '华信科技 3月15日司庆 · 今天 · 30 周年' },
      { title: 'Founding day reminder', body: '华信科技 · founding day, March 15 · today · 30 years' },
    ]);
    const custom = reminderOf(
      { kind: 'custom', label: '入职纪念日', month: 11, day: 1 },
      { date: '2026-11-01', daysLeft: -3 },
    );
    expect(both(custom)).toEqual([
      { title: '入职纪念日提醒', body: '王芳 11月1日入职纪念日 · 已过 3 天' },
      { title: '入职纪念日 reminder', body: '王芳 · 入职纪念日, November 1 · 3 days ago' },
    ]);
    const yesterday = reminderOf({ kind: 'wedding' }, { date: '2026-10-20', daysLeft: -1, years: 1 });
    expect(reminderText(yesterday, 'en').body).toBe(
      '王芳 · wedding anniversary, October 20 · 1 day ago · 1 year',
    );
  });

  it('sum up many, with what passed', () => {
    expect(summaryText({ kind: 'summary', total: 6, missed: 0, atStart: true }, 'en')).toEqual({
      title: 'Anniversary reminders',
      body: '6 anniversaries need attention',
    });
    expect(summaryText({ kind: 'summary', total: 6, missed: 2, atStart: false }, 'zh-CN').body).toBe(
      '6 个纪念日需要关注，其中 2 个已过',
    );
  });

  it('follow the language set in Settings, else the system’s', () => {
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
    expect(resolveLanguage('zh-CN', 'en-US')).toBe('zh-CN');
    expect(resolveLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(resolveLanguage(null, 'zh')).toBe('zh-CN');
    expect(resolveLanguage(null, 'de-DE')).toBe('en');
    expect(trayMenuText('zh-CN')).toEqual({ open: '打开 Fieldbook', quit: '退出' });
  });
});
