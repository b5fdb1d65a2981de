import { addDays } from '../shared/domain/lunarCalendar';
import type { Db } from './connection';
import { dueFollowUps, openReminders } from './reminders';
import { dueRenewals } from './renewals';

/** How many reminders fall due on one day: no names, no accounts, only the count. */
export interface DueCount {
  readonly day: string;
  readonly count: number;
}

/**
 * What the reminders of the next days will be, counted while the book is still open, for a
 * locked window: the notifications then say only how many are due (names need a sign-in). Each
 * day counts the anniversaries whose reminder falls due that day, the follow-ups due that day
 * and the renewals reaching a lead time that day — what the engine would show as new then.
 */
export function dueCounts(db: Db, owner: string, today: string, days: number): DueCount[] {
  const counts: DueCount[] = [];
  for (let step = 1; step <= days; step++) {
    const day = addDays(today, step);
    const anniversaries = openReminders(db, day, owner).filter(
      (reminder) => reminder.dueOn === day && !reminder.notified,
    ).length;
    const followUps = dueFollowUps(db, day, owner).filter((item) => item.day === day).length;
    const renewals = dueRenewals(db, day, owner).filter(
      (renewal) => renewal.daysLeft === renewal.leadDays,
    ).length;
    const count = anniversaries + followUps + renewals;
    if (count > 0) counts.push({ day, count });
  }
  return counts;
}
