import { Notification } from 'electron';
import type { ApiEvents } from '../shared/api';
import { noticeText, type Language, type ReminderNotice } from './reminderTexts';

/** The anniversary or follow-up a clicked notification was about. */
export type ReminderTarget = ApiEvents['reminder.activated'];

export interface NotifierOptions {
  /** Read at each notification, so a language change in Settings applies at once. */
  readonly language: () => Language;
  /** A notification was clicked: its reminder, or null for a summary. */
  readonly onClick: (target: ReminderTarget | null) => void;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * Electron would drop a notification's click handler once the object is garbage-collected
 * (while it still sits in the notification centre), so the latest ones are kept referenced.
 */
const keptNotifications = 50;

export function targetOf(notice: ReminderNotice): ReminderTarget | null {
  if (notice.kind === 'followUp') {
    const { visit, account, day } = notice.followUp;
    return { kind: 'followUp', accountId: account.id, visitId: visit.id, dueOn: day };
  }
  if (notice.kind !== 'reminder') return null;
  const { anniversary, account, date } = notice.reminder.occurrence;
  return { accountId: account.id, anniversaryId: anniversary.id, occursOn: date };
}

/** Shows reminder notices as desktop notifications; a system without them shows nothing. */
export function createNotifier(options: NotifierOptions): (notice: ReminderNotice) => void {
  const log = options.log ?? ((message, error) => console.warn(message, error ?? ''));
  const kept = new Set<Notification>();
  let warned = false;
  return (notice) => {
    if (!Notification.isSupported()) {
      if (!warned) log('[reminders] desktop notifications are not supported on this system');
      warned = true;
      return;
    }
    const notification = new Notification(noticeText(notice, options.language()));
    kept.add(notification);
    for (const old of kept) {
      if (kept.size <= keptNotifications) break;
      kept.delete(old);
    }
    notification.on('click', () => {
      kept.delete(notification);
      options.onClick(targetOf(notice));
    });
    notification.on('failed', (_event, error) => {
      kept.delete(notification);
      log('[reminders] notification failed', error);
    });
    notification.show();
  };
}
