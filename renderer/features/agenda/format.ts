import { format } from 'date-fns';
import type { AgendaItem, Visit } from '../../../shared/types';
import { dateLocale, i18next } from '../../i18n';
import { dayTitle } from '../anniversaries/format';

/** How the agenda writes days, times and the records it makes, in the user's language. */
const t = i18next.t.bind(i18next);

/** 逾期 3 天 / 今天 / 明天 / 5 天后 — how far the item is, as the first thing its row says. */
export function whenText(item: AgendaItem): string {
  if (item.daysLeft < 0) return t('agenda.overdueDays', { count: -item.daysLeft });
  if (item.daysLeft === 0) return t('agenda.today');
  if (item.daysLeft === 1) return t('agenda.tomorrow');
  return t('agenda.inDays', { count: item.daysLeft });
}

/** 12月8日 周二 — the item's day, with the year when it is not this one. */
export function dayText(item: AgendaItem, today: string): string {
  return dayTitle(item.day, today);
}

/** 15:00 — a planned visit's local time. */
export function timeText(instant: string): string {
  return format(new Date(instant), 'HH:mm', { locale: dateLocale() });
}

/** 11月20日 — the day a visit happened, for "from the visit of …". */
export function visitDay(visit: Visit, today: string): string {
  return dayTitle(format(new Date(visit.occurredAt), 'yyyy-MM-dd'), today);
}

/** The follow-up's own words; one dated without text (older books) is named by its visit. */
export function followUpWhat(visit: Visit): string {
  return visit.followUp || t('agenda.followUpOf', { content: visit.content });
}

/**
 * The visit recorded when a follow-up is done and the user says what was done: it names the
 * follow-up and the day of the visit it came from (with its year: the text stays in the
 * account's history), so the history reads as one story.
 */
export function completionText(visit: Visit, done: string): string {
  const date = format(new Date(visit.occurredAt), t('agenda.recordDateFormat'), { locale: dateLocale() });
  return t('agenda.recordText', { date, followUp: followUpWhat(visit), done });
}
