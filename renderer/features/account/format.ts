import { format } from 'date-fns';
import { lunarDayName, lunarMonthName } from '../../../shared/domain/lunarNames';
import type { Anniversary } from '../../../shared/types';
import { currentLanguage, dateLocale } from '../../i18n';

/** Display helpers for the account view, in the user's language. */
export function dateTime(iso: string): string {
  return format(new Date(iso), 'PPp', { locale: dateLocale() });
}

/** Whole days from today (local) to a `YYYY-MM-DD` date. */
export function daysUntil(date: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((Date.UTC(year, month - 1, day) - today) / 86_400_000);
}

export function dateOnly(iso: string): string {
  return format(new Date(iso), 'PP', { locale: dateLocale() });
}

/** 农历 闰二月初三 / Gregorian 2-29 / 公历 2月29日, with the year when known. */
export function anniversaryDate(anniversary: Anniversary, calendarName: string): string {
  const year =
    anniversary.year === null ? '' : `${anniversary.year}${currentLanguage() === 'zh-CN' ? '年' : ' '}`;
  if (anniversary.calendar === 'lunar') {
    return `${calendarName} ${year}${lunarMonthName(anniversary.month, anniversary.leapMonth)}${lunarDayName(anniversary.day)}`;
  }
  if (currentLanguage() === 'zh-CN')
    return `${calendarName} ${year}${anniversary.month}月${anniversary.day}日`;
  const date = new Date(2000, anniversary.month - 1, anniversary.day);
  return `${calendarName} ${format(date, 'MMMM d', { locale: dateLocale() })}${anniversary.year === null ? '' : `, ${anniversary.year}`}`;
}
