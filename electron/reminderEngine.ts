import type { Db } from '../db/connection';
import { localToday } from '../db/queries/records';
import {
  dueFollowUps,
  markChecked,
  markFollowUpsNotified,
  markNotified,
  openReminders,
} from '../db/reminders';
import { dueRenewals, markRenewalsNotified } from '../db/renewals';
import type { OperationName } from '../shared/api';
import type { FollowUpItem, Reminder, RenewalReminder } from '../shared/types';
import type { ReminderNotice } from './reminderTexts';

/**
 * Desktop reminders while Fieldbook runs (also hidden in the tray). Every check asks the rules
 * what is open today (`openReminders`, never "last fired + 1 year") and which follow-ups fall
 * due today or fell due since the last check (`dueFollowUps`), shows what was not shown yet,
 * and records that in the database, so a restart never shows it twice and a laptop that was
 * off catches up. Plain TypeScript: the clock, timers, notifier and event sources are
 * passed in, so tests drive it with a real database and fake time.
 */

/** Timers as the engine uses them; handles are opaque. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The global timers, looked up at each call (so test fakes installed later still apply). */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Subscribes a listener; returns the function that unsubscribes it. */
export type Subscribe<T extends unknown[] = []> = (listener: (...args: T) => void) => () => void;

export interface ReminderEngineOptions {
  readonly db: Db;
  /** Whose accounts are reminded of: the manager code in Settings, else the OS user. */
  readonly owner: () => string;
  readonly now: () => Date;
  readonly timers: Timers;
  /** Shows one notification; the engine decides between one per reminder and a summary. */
  readonly notify: (notice: ReminderNotice) => void;
  /**
   * `fieldbook.onDataChanged`: edits to anniversaries, accounts, settings, reminders, visits and
   * their follow-ups re-check.
   */
  readonly onDataChanged?: Subscribe<[operation: OperationName]>;
  /** The system woke up or was unlocked: timers may have slept through a new day. */
  readonly onWake?: Subscribe;
  /** Whether a long write holds the database (an import on the job thread): checks wait for it. */
  readonly writesPaused?: () => boolean;
  readonly log?: (message: string, error: unknown) => void;
  /** Quiet time after the last data change or wake-up before checking (default 500 ms). */
  readonly debounceMs?: number;
  /** Longest wait between checks (default 1 hour). */
  readonly maxWaitMs?: number;
}

export interface ReminderEngine {
  /** Checks at once (catching up on what passed while Fieldbook was closed), then keeps checking. */
  start(): void;
  /** Stops timers and subscriptions; the database stays open. */
  stop(): void;
  /** Checks now; asked during a check, checks again shortly after it instead of nesting. */
  checkNow(): void;
}

/** More than this many new reminders at once become one summary notification. */
export const maxSingleNotifications = 3;
const hourMs = 60 * 60 * 1000;
/** Checks just after midnight, so the new day is "today" even if the timer is a little early. */
const afterMidnightMs = 1000;
const minWaitMs = 1000;
const pausedRetryMs = 5000;
const watchedDomains = [
  'anniversaries.',
  'accounts.',
  'settings.',
  'reminders.',
  // A follow-up written, moved or done, or a sync file that brought one.
  'visits.',
  'followUps.',
  'plannedVisits.',
  // A contract written or extended (renewals), or a file or import that brought one.
  'contracts.',
  'imports.',
  'sync.import',
];

/** Local midnight after `now` (a Date built from local fields, so DST days come out right). */
export function nextLocalMidnight(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
}

/** How long to wait before the next check: at most `maxWaitMs`, and never past midnight. */
export function nextCheckDelay(now: Date, maxWaitMs: number = hourMs): number {
  const untilMidnight = nextLocalMidnight(now).getTime() - now.getTime() + afterMidnightMs;
  return Math.max(minWaitMs, Math.min(maxWaitMs, untilMidnight));
}

/** One notification per new reminder, or one summary when there are too many to read. */
export function noticesFor(fresh: readonly Reminder[], atStart: boolean): ReminderNotice[] {
  if (fresh.length > maxSingleNotifications) {
    const missed = fresh.filter((reminder) => reminder.missed).length;
    return [{ kind: 'summary', total: fresh.length, missed, atStart }];
  }
  return fresh.map((reminder) => ({ kind: 'reminder', reminder }));
}

/** The same for follow-ups: one each, or one summary of them (never mixed with anniversaries). */
export function followUpNoticesFor(fresh: readonly FollowUpItem[], atStart: boolean): ReminderNotice[] {
  if (fresh.length > maxSingleNotifications) {
    const missed = fresh.filter((item) => item.daysLeft < 0).length;
    return [{ kind: 'followUpSummary', total: fresh.length, missed, atStart }];
  }
  return fresh.map((followUp) => ({ kind: 'followUp', followUp }));
}

/** The same for contract renewals. */
export function renewalNoticesFor(fresh: readonly RenewalReminder[], atStart: boolean): ReminderNotice[] {
  if (fresh.length > maxSingleNotifications)
    return [{ kind: 'renewalSummary', total: fresh.length, missed: 0, atStart }];
  return fresh.map((renewal) => ({ kind: 'renewal', renewal }));
}

export function createReminderEngine(options: ReminderEngineOptions): ReminderEngine {
  const { db, timers } = options;
  const debounceMs = options.debounceMs ?? 500;
  const maxWaitMs = options.maxWaitMs ?? hourMs;
  const log = options.log ?? ((message, error) => console.error(message, error));
  let running = false;
  let started = false;
  let checking = false;
  let again = false;
  let timer: unknown;
  let debounce: unknown;
  let unsubscribe: (() => void)[] = [];

  function runCheck(): void {
    const now = options.now();
    const today = localToday(now);
    const owner = options.owner();
    const fresh = openReminders(db, today, owner).filter((reminder) => !reminder.notified);
    const followUps = dueFollowUps(db, today, owner);
    const renewals = dueRenewals(db, today, owner);
    const notices = [
      ...noticesFor(fresh, !started),
      ...followUpNoticesFor(followUps, !started),
      ...renewalNoticesFor(renewals, !started),
    ];
    for (const notice of notices) {
      try {
        options.notify(notice);
      } catch (error) {
        // A notification that cannot be shown is not retried: the reminder stays open in the app.
        log('[reminders] notification failed', error);
      }
    }
    db.transaction(() => {
      markNotified(db, fresh, now);
      markFollowUpsNotified(db, followUps, now);
      markRenewalsNotified(db, renewals, now);
      markChecked(db, today);
    });
    started = true;
  }

  function schedule(): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (!running) return;
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        checkNow();
      },
      nextCheckDelay(options.now(), maxWaitMs),
    );
  }

  function checkNow(): void {
    if (!running) return;
    if (options.writesPaused?.()) {
      // Writing the reminder log now would wait for the other write, holding up this thread.
      requestCheck(pausedRetryMs);
      return;
    }
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      runCheck();
    } catch (error) {
      log('[reminders] check failed', error);
    } finally {
      checking = false;
      schedule();
    }
    // Asked for during the check (a notifier that writes, say): once more, soon, never nested.
    if (again) {
      again = false;
      requestCheck();
    }
  }

  function requestCheck(delayMs = debounceMs): void {
    if (!running) return;
    if (debounce !== undefined) timers.clearTimeout(debounce);
    debounce = timers.setTimeout(() => {
      debounce = undefined;
      checkNow();
    }, delayMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      unsubscribe = [
        options.onDataChanged?.((operation) => {
          if (watchedDomains.some((domain) => operation.startsWith(domain))) requestCheck();
        }),
        options.onWake?.(() => requestCheck()),
      ].filter((stop) => stop !== undefined);
      checkNow();
    },
    stop() {
      running = false;
      for (const stop of unsubscribe) stop();
      unsubscribe = [];
      if (debounce !== undefined) timers.clearTimeout(debounce);
      debounce = undefined;
      schedule();
    },
    checkNow,
  };
}
