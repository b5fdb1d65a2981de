import { addDays, epochDay } from '../../../shared/domain/lunarCalendar';

/**
 * Calendar arithmetic on `YYYY-MM-DD` dates and `YYYY-MM` months, in the device's local day:
 * "today" is the day the user sees on the wall, as main's `localToday` on the same device.
 */
/** The span the lunar tables and the date inputs cover. */
export const firstDate = '1901-01-01';
export const lastDate = '2099-12-31';

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function firstDayOf(month: string): string {
  return `${month}-01`;
}

export function daysInMonth(month: string): number {
  const [year = 1970, monthNumber = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

export function addMonths(month: string, delta: number): string {
  const [year = 1970, monthNumber = 1] = month.split('-').map(Number);
  const index = year * 12 + monthNumber - 1 + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** A date as a local `Date` at noon, for date-fns formatting (no time zone can shift the day). */
export function asLocalDate(date: string): Date {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(year, month - 1, day, 12);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** The month as weeks of seven days, Monday first; null pads the days of other months. */
export function monthWeeks(month: string): (string | null)[][] {
  const first = firstDayOf(month);
  // 1970-01-01 was a Thursday: Monday is 0.
  const leading = (epochDay(first) + 3) % 7;
  const cells: (string | null)[] = Array.from({ length: leading }, () => null);
  for (let day = 0; day < daysInMonth(month); day++) cells.push(addDays(first, day));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Milliseconds until the next local midnight. */
export function msUntilMidnight(now: Date = new Date()): number {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return midnight.getTime() - now.getTime();
}

/**
 * Calls `onNewDay` when the local date changes: at midnight, and on waking (a timer does not
 * run while the laptop sleeps, so the date is checked again when the window is seen).
 */
export function watchDayChange(onNewDay: () => void): () => void {
  let today = localToday();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const now = localToday();
    if (now !== today) {
      today = now;
      onNewDay();
    }
    schedule();
  };
  const schedule = () => {
    clearTimeout(timer);
    // A second past midnight, so the clock has surely turned.
    timer = setTimeout(check, msUntilMidnight() + 1000);
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') check();
  };
  schedule();
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('focus', check);
  return () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('focus', check);
  };
}
