import { create } from 'zustand';
import type { InputOf } from '../../shared/api';
import type { AnniversaryWindow, DayCount, Reminder, Tier } from '../../shared/types';
import type { ApiError } from '../../shared/errors';
import { api } from '../api';
import { daysInMonth, firstDayOf, localToday, monthOf } from '../features/anniversaries/days';
import { latestPer } from './latest';
import { useSettings } from './settings';

/**
 * The anniversaries screen and the navigation's today badge: reminders to act on, the next
 * days, a month of counts and one day's list. Each query keeps a ticket, so an answer that
 * arrives after a newer question (a filter changed twice) is dropped.
 */
export type Scope = 'mine' | 'all';
export const rangeChoices = [7, 30, 90] as const;
export type RangeDays = (typeof rangeChoices)[number];

export interface AnniversaryFilters {
  /** `mine`: the accounts of the manager code set in Settings, else of the OS user. */
  readonly scope: Scope;
  readonly tier: Tier | '';
}

/** Rows shown in the upcoming list and a day's list; the total says how many fell. */
export const listLimit = 200;
/** The contract's largest window listing; "show more" on the upcoming list stops there. */
export const largestListLimit = 5000;

/** What was done about a reminder: recorded as a visit of that kind (`dismissed`: nothing). */
export type ReminderAction = InputOf<'reminders.acknowledge'>['as'];

interface AnniversariesState {
  readonly today: string;
  readonly filters: AnniversaryFilters;
  readonly days: RangeDays;
  /** The calendar's month, `YYYY-MM`. */
  readonly month: string;
  /** The day shown below the calendar (clicked, or typed in the date query). */
  readonly selectedDate: string;
  readonly reminders: readonly Reminder[] | null;
  readonly upcoming: AnniversaryWindow | null;
  /** Rows the upcoming list asks for: `listLimit`, more after "show more". */
  readonly upcomingLimit: number;
  /** How many fall on each day of `month` (days without any left out). */
  readonly monthCounts: { readonly month: string; readonly days: readonly DayCount[] } | null;
  readonly dayWindow: AnniversaryWindow | null;
  /** Anniversaries today of the current manager's accounts. */
  readonly todayCount: number | null;
  /** Reminders being acted on (`anniversaryId|date`): hidden at once. */
  readonly pending: readonly string[];
  readonly error: ApiError | null;
  /** The screen has been opened: data changes refetch what it shows. */
  readonly active: boolean;
  open(): void;
  /** The screen was left: data changes no longer refetch its lists. */
  close(): void;
  refresh(): void;
  refreshTodayCount(): void;
  /** The local date turned: today's badge, the reminders and the windows move on. */
  newDay(): void;
  setFilters(patch: Partial<AnniversaryFilters>): void;
  setDays(days: RangeDays): void;
  /** Lists `listLimit` more of the upcoming window. */
  showMoreUpcoming(): void;
  showMonth(month: string): void;
  selectDate(date: string): void;
  acknowledge(reminder: Reminder, as: ReminderAction, content: string): Promise<void>;
  snooze(reminder: Reminder): Promise<void>;
}

export function reminderKey(reminder: Reminder): string {
  return `${reminder.occurrence.anniversary.id}|${reminder.occurrence.date}`;
}

/** Whose accounts are "mine": the manager code, else the user the app records as author. */
function actor(): string {
  return useSettings.getState().settings?.actor ?? '';
}

function ownerOf(filters: AnniversaryFilters): { owner?: string } {
  return filters.scope === 'mine' && actor() !== '' ? { owner: actor() } : {};
}

function tiersOf(filters: AnniversaryFilters): { tiers?: Tier[] } {
  return filters.tier === '' ? {} : { tiers: [filters.tier] };
}

type Query = 'reminders' | 'upcoming' | 'month' | 'day' | 'today';
const latest = latestPer<Query>();

export const useAnniversaries = create<AnniversariesState>((set, get) => {
  /** Runs one query; its answer lands only if no newer one of the same kind was asked since. */
  const fetch = <T>(query: Query, ask: () => Promise<T>, land: (value: T) => void) =>
    void latest(query).ask(ask(), land, (error) => set({ error }));
  const loadReminders = () =>
    fetch(
      'reminders',
      () => api.reminders.open({ today: get().today }),
      (reminders) => set({ reminders }),
    );
  const loadUpcoming = () => {
    const { filters, today, days, upcomingLimit } = get();
    fetch(
      'upcoming',
      () =>
        api.anniversaries.upcoming({
          from: today,
          days,
          limit: upcomingLimit,
          ...ownerOf(filters),
          ...tiersOf(filters),
        }),
      (upcoming) => set({ upcoming }),
    );
  };
  const loadMonth = () => {
    const { filters, month } = get();
    fetch(
      'month',
      () =>
        api.anniversaries.countByDay({
          from: firstDayOf(month),
          days: daysInMonth(month),
          ...ownerOf(filters),
          ...tiersOf(filters),
        }),
      (days) => set({ monthCounts: { month, days } }),
    );
  };
  const loadDay = () => {
    const { filters, selectedDate } = get();
    fetch(
      'day',
      () =>
        api.anniversaries.onDate({
          date: selectedDate,
          limit: listLimit,
          ...ownerOf(filters),
          ...tiersOf(filters),
        }),
      (dayWindow) => set({ dayWindow }),
    );
  };
  const loadWindows = () => {
    set({ error: null });
    loadUpcoming();
    loadMonth();
    loadDay();
  };

  /**
   * Acting on a reminder hides it at once; once the API has recorded it, it leaves the list for
   * good (a refetch confirms), and a refusal brings it back for the caller to report.
   */
  const act = async (reminder: Reminder, send: () => Promise<unknown>) => {
    const key = reminderKey(reminder);
    set({ pending: [...get().pending, key] });
    try {
      await send();
      set({ reminders: get().reminders?.filter((item) => reminderKey(item) !== key) ?? null });
    } finally {
      set({ pending: get().pending.filter((item) => item !== key) });
    }
    loadReminders();
  };

  const today = localToday();
  return {
    today,
    filters: { scope: 'mine', tier: '' },
    days: 30,
    month: monthOf(today),
    selectedDate: today,
    reminders: null,
    upcoming: null,
    upcomingLimit: listLimit,
    monthCounts: null,
    dayWindow: null,
    todayCount: null,
    pending: [],
    error: null,
    active: false,
    open() {
      set({ active: true });
      get().refresh();
    },
    close() {
      set({ active: false });
    },
    refresh() {
      get().refreshTodayCount();
      if (!get().active) return;
      loadReminders();
      loadWindows();
    },
    refreshTodayCount() {
      const owner = actor();
      fetch(
        'today',
        () => api.anniversaries.onDate({ date: localToday(), limit: 1, ...(owner === '' ? {} : { owner }) }),
        (window) => set({ todayCount: window.total }),
      );
    },
    newDay() {
      const previous = get().today;
      const next = localToday();
      const { selectedDate, month } = get();
      // Someone looking at today keeps looking at today; a chosen day or month stays chosen.
      set({
        today: next,
        selectedDate: selectedDate === previous ? next : selectedDate,
        month: month === monthOf(previous) ? monthOf(next) : month,
      });
      get().refresh();
    },
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch }, upcomingLimit: listLimit });
      loadWindows();
    },
    setDays(days) {
      set({ days, upcomingLimit: listLimit });
      loadUpcoming();
    },
    showMoreUpcoming() {
      set({ upcomingLimit: Math.min(largestListLimit, get().upcomingLimit + listLimit) });
      loadUpcoming();
    },
    showMonth(month) {
      set({ month });
      loadMonth();
    },
    selectDate(date) {
      set({ selectedDate: date });
      loadDay();
      // A day typed in the date query shows its month in the calendar too.
      if (monthOf(date) !== get().month) get().showMonth(monthOf(date));
    },
    acknowledge(reminder, as, content) {
      const { anniversary, date } = reminder.occurrence;
      return act(reminder, () =>
        api.reminders.acknowledge({ anniversaryId: anniversary.id, occursOn: date, as, content }),
      );
    },
    snooze(reminder) {
      const { anniversary, date } = reminder.occurrence;
      return act(reminder, () => api.reminders.snooze({ anniversaryId: anniversary.id, occursOn: date }));
    },
  };
});
