import { lunarDayName, lunarMonthName } from '../../shared/domain/lunarNames';
import type { CsvCell } from '../../shared/domain/csv';
import { anniversaryKindLabels, calendarLabels, yesNoLabels } from '../../shared/labels';
import { accountColumns, idColumn, liveAccountIn, type ExportLanguage, type TableExport } from './table';

/** The rule as people write it: 农历闰四月初八, 公历8月20日; Lunar leap 4/8, 8/20. */
function ruleText(value: unknown, language: ExportLanguage): string {
  const [calendar = '', month = 0, day = 0, leap = 0] = String(value)
    .split('|')
    .map((part, index) => (index === 0 ? part : Number(part)));
  const lunar = calendar === 'lunar';
  if (language === 'en') return `${lunar ? `Lunar ${leap ? 'leap ' : ''}` : ''}${month}/${day}`;
  if (lunar) return `农历${lunarMonthName(Number(month), leap === 1)}${lunarDayName(Number(day))}`;
  return `公历${month}月${day}日`;
}

/** `[7,1,0]` → `7, 1, 0`; empty for the tier's default. */
function leadDays(value: unknown, language: ExportLanguage): CsvCell {
  if (typeof value !== 'string' || value === '') return '';
  try {
    const days = JSON.parse(value) as unknown;
    return Array.isArray(days) ? days.join(language === 'en' ? ', ' : '、') : value;
  } catch {
    return value;
  }
}

export const anniversariesExport: TableExport = {
  table: 'anniversaries',
  fileName: 'anniversaries.csv',
  batchKey: 'a.rid',
  columns: [
    ...accountColumns('a'),
    { header: { 'zh-CN': '类型', en: 'Kind' }, sql: 'n.kind', format: { labels: anniversaryKindLabels } },
    { header: { 'zh-CN': '名称', en: 'Label' }, sql: 'n.label', format: 'text' },
    {
      header: { 'zh-CN': '日期', en: 'Date' },
      sql: `n.calendar || '|' || n.month || '|' || n.day || '|' || n.leap_month`,
      format: { compute: ruleText },
    },
    { header: { 'zh-CN': '历法', en: 'Calendar' }, sql: 'n.calendar', format: { labels: calendarLabels } },
    { header: { 'zh-CN': '月', en: 'Month' }, sql: 'n.month', format: 'number' },
    { header: { 'zh-CN': '日', en: 'Day' }, sql: 'n.day', format: 'number' },
    { header: { 'zh-CN': '闰月', en: 'Leap month' }, sql: 'n.leap_month', format: { labels: yesNoLabels } },
    { header: { 'zh-CN': '年份', en: 'Year' }, sql: 'n.year', format: 'number' },
    {
      header: { 'zh-CN': '提前提醒天数', en: 'Remind days ahead' },
      sql: 'n.lead_days',
      format: { compute: leadDays },
    },
    { header: { 'zh-CN': '备注', en: 'Note' }, sql: 'n.note', format: 'text' },
    idColumn('n'),
  ],
  source: (filters) => {
    const live = liveAccountIn('a', filters);
    return {
      sql: `FROM accounts a JOIN anniversaries n ON n.account_id = a.id
            WHERE n.deleted = 0 AND ${live.sql}`,
      parameters: live.parameters,
      orderBy: 'a.rid',
    };
  },
};
