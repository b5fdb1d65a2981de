import { addDays } from './lunarCalendar';

/**
 * The manager's agenda (待办): what falls due, by day. Days are the laptop's local days, the
 * days a manager sees: a follow-up is due on a local day, a planned visit falls on the local day
 * of its instant, an anniversary on its date.
 */

/** Overdue (before today), today, and the next days after today. */
export const agendaBuckets = ['overdue', 'today', 'week'] as const;
export type AgendaBucket = (typeof agendaBuckets)[number];

/** How many days after today the agenda looks ahead ("this week": the next seven days). */
export const agendaDaysAhead = 7;

/** The last day the agenda shows. */
export function agendaThrough(today: string): string {
  return addDays(today, agendaDaysAhead);
}

/** Where a day falls on the agenda of `today`; null when it lies beyond the days ahead. */
export function agendaBucketOf(day: string, today: string): AgendaBucket | null {
  if (day < today) return 'overdue';
  if (day === today) return 'today';
  return day <= agendaThrough(today) ? 'week' : null;
}

/**
 * Snoozing moves an item one day later than the later of its day and today: anything due by
 * today comes back tomorrow; something due on Thursday moves to Friday (never earlier).
 */
export function snoozedDay(day: string, today: string): string {
  return addDays(day > today ? day : today, 1);
}

/** The first instant of a local day, as an ISO instant. */
export function startOfLocalDay(day: string): string {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date).toISOString();
}

/**
 * The same local time of day as `instant`, on another local day: a planned visit at 15:00 moved
 * to Friday is at 15:00 on Friday (also across a change of daylight saving time).
 */
export function sameTimeOnDay(instant: string, day: string): string {
  const time = new Date(instant);
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(
    year,
    month - 1,
    date,
    time.getHours(),
    time.getMinutes(),
    time.getSeconds(),
    time.getMilliseconds(),
  ).toISOString();
}
