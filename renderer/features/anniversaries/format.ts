import { format } from 'date-fns';
import { lunarOfSolar } from '../../../shared/domain/lunarCalendar';
import { lunarDayName, lunarMonthName } from '../../../shared/domain/lunarNames';
import type { AnniversaryOnDate, AnniversaryRecord } from '../../../shared/types';
import { dateLocale, i18next } from '../../i18n';
import { asLocalDate } from './days';

/** How the anniversaries screen writes dates, ages and reminders, in the user's language. */
const t = i18next.t.bind(i18next);

/** 9月25日 周五 / Fri, Sep 25 — with the year when it is not this one. */
export function dayTitle(date: string, today: string): string {
  const pattern =
    date.slice(0, 4) === today.slice(0, 4) ? t('anniversaries.dayFormat') : t('anniversaries.dayYearFormat');
  return format(asLocalDate(date), pattern, { locale: dateLocale() });
}

/** 2026年9月 / September 2026. */
export function monthTitle(month: string): string {
  return format(asLocalDate(`${month}-01`), t('anniversaries.monthFormat'), { locale: dateLocale() });
}

/** The lunar date of a Gregorian day: 八月十五, or 闰四月初一. */
export function lunarDateOf(date: string): string {
  const lunar = lunarOfSolar(date);
  return `${lunarMonthName(lunar.month, lunar.leap)}${lunarDayName(lunar.day)}`;
}

/** What a calendar cell shows under the day: 初二…三十, or the month's name on its first day. */
export function lunarCellText(date: string): string {
  const lunar = lunarOfSolar(date);
  return lunar.day === 1 ? lunarMonthName(lunar.month, lunar.leap) : lunarDayName(lunar.day);
}

/** The rule of a lunar anniversary as written: 农历八月十五 (null for a Gregorian one). */
export function lunarRule(anniversary: AnniversaryRecord): string | null {
  if (anniversary.calendar !== 'lunar') return null;
  const date = `${lunarMonthName(anniversary.month, anniversary.leapMonth)}${lunarDayName(anniversary.day)}`;
  return t('anniversaries.lunarRule', { date });
}

/** 生日, 结婚纪念日 … or the name of a custom anniversary. */
export function anniversaryName(anniversary: AnniversaryRecord): string {
  return anniversary.kind === 'custom' && anniversary.label !== ''
    ? anniversary.label
    : t(`anniversaryKind.${anniversary.kind}`);
}

/** 今天 / 明天 / 还有 N 天 / 已过 N 天. */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return t('anniversaries.today');
  if (daysLeft === 1) return t('anniversaries.tomorrow');
  if (daysLeft < 0) return t('anniversaries.daysAgo', { count: -daysLeft });
  return t('anniversaries.inDays', { count: daysLeft });
}

/** 60 岁 (a birthday) or 10 周年; null when the year is unknown. */
export function yearsText(occurrence: AnniversaryOnDate): string | null {
  const { years } = occurrence;
  if (years === null || years <= 0) return null;
  return occurrence.anniversary.kind === 'birthday'
    ? t('account.age', { count: years })
    : t('account.years', { count: years });
}

/** 花甲 for a 60th birthday, 逢十 for another round year; null otherwise. */
export function milestoneText(occurrence: AnniversaryOnDate): string | null {
  if (!occurrence.milestone) return null;
  return occurrence.anniversary.kind === 'birthday' && occurrence.years === 60
    ? t('anniversaries.huajia')
    : t('anniversaries.milestone');
}

/** The visit recorded for a reminder acted on: 「生日祝福已发送（2026-09-25）」. */
export function visitText(action: 'greeting' | 'gift' | 'phone', occurrence: AnniversaryOnDate): string {
  return t(`anniversaries.visit.${action}`, {
    what: anniversaryName(occurrence.anniversary),
    date: occurrence.date,
  });
}
