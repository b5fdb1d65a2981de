import type { DueCount } from '../db/lockedReminders';
import type { Timers } from './reminderEngine';
import type { ReminderNotice } from './reminderTexts';

/** Just after local midnight, so the day counted is "today" when the timer fires. */
const afterMidnightMs = 1000;

/**
 * While the book is locked its key is gone and nothing can be read: the counts taken at the lock
 * (`dueCounts`) become one notification at the start of each day that has some, saying only how
 * many are due. A sign-in cancels them; the engine then shows each reminder by name.
 */
export function scheduleLockedReminders(options: {
  readonly counts: readonly DueCount[];
  readonly now: () => Date;
  readonly timers: Timers;
  readonly notify: (notice: ReminderNotice) => void;
}): () => void {
  const handles = options.counts.map(({ day, count }) => {
    const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
    const at = new Date(year, month - 1, date).getTime() + afterMidnightMs;
    return options.timers.setTimeout(
      () => options.notify({ kind: 'locked', count }),
      Math.max(0, at - options.now().getTime()),
    );
  });
  return () => {
    for (const handle of handles) options.timers.clearTimeout(handle);
  };
}
