import { create } from 'zustand';
import type { InputOf } from '../../shared/api';
import type { ApiError } from '../../shared/errors';
import type { Agenda, AgendaItem, FollowUpCompletion, Visit } from '../../shared/types';
import { api } from '../api';
import { localToday } from '../features/anniversaries/days';
import { Latest } from './latest';

/**
 * The agenda screen (待办) and the navigation's count of what is overdue or due today. The
 * count is asked for on every data change (one cheap call); the lists only while the screen is
 * open. A newer question drops the answer to an older one.
 */

/** Items listed per part of the agenda; each part also says how many it holds. */
export const agendaLimit = 200;

/** What was done about an anniversary reminder (`dismissed`: nothing recorded). */
export type ReminderAction = InputOf<'reminders.acknowledge'>['as'];

interface AgendaState {
  readonly today: string;
  readonly agenda: Agenda | null;
  /** Overdue and due today: the navigation's count. */
  readonly due: number | null;
  /** Items being acted on (`agendaKey`): hidden at once. */
  readonly pending: readonly string[];
  readonly error: ApiError | null;
  /** The screen is open: data changes refetch its lists. */
  readonly active: boolean;
  open(): void;
  close(): void;
  refresh(): void;
  /** The local date turned: "today" moves on. */
  newDay(): void;
  completeFollowUp(
    item: AgendaItem,
    record?: { kind: Visit['kind']; content: string },
  ): Promise<FollowUpCompletion>;
  /** Undo of a completion: the follow-up open again, the record written with it deleted. */
  undoCompletion(completion: FollowUpCompletion): Promise<void>;
  snooze(item: AgendaItem): Promise<void>;
  reschedule(item: AgendaItem, day: string): Promise<void>;
  acknowledge(item: AgendaItem, as: ReminderAction, content: string): Promise<void>;
  /** Every overdue follow-up marked done (a backlog); resolves to how many. */
  completeOverdue(): Promise<number>;
  /** A planned visit done: it becomes the record of what happened, dated now. */
  recordPlannedVisit(item: AgendaItem, input: Omit<InputOf<'visits.update'>, 'id'>): Promise<void>;
}

/** One key per item: the visit of a follow-up or plan, the anniversary and date of a reminder. */
export function agendaKey(item: AgendaItem): string {
  if (item.type === 'anniversary') {
    const { anniversary, date } = item.reminder.occurrence;
    return `anniversary|${anniversary.id}|${date}`;
  }
  return `${item.type}|${item.visit.id}`;
}

const latest = new Latest();

export const useAgenda = create<AgendaState>((set, get) => {
  const load = () => {
    const { today, active } = get();
    void latest.ask(
      api.agenda.list({ today, limit: active ? agendaLimit : 1 }),
      (agenda) => set({ due: agenda.due, error: null, ...(get().active ? { agenda } : {}) }),
      (error) => set({ error }),
    );
  };

  /**
   * Acting on an item hides it at once; once the API has recorded it the list is read again,
   * and a refusal brings the item back for the caller to report.
   */
  const act = async <T>(item: AgendaItem, send: () => Promise<T>): Promise<T> => {
    const key = agendaKey(item);
    set({ pending: [...get().pending, key] });
    try {
      return await send();
    } finally {
      set({ pending: get().pending.filter((pending) => pending !== key) });
      load();
    }
  };

  return {
    today: localToday(),
    agenda: null,
    due: null,
    pending: [],
    error: null,
    active: false,
    open() {
      set({ active: true, today: localToday() });
      load();
    },
    close() {
      set({ active: false });
    },
    refresh: load,
    newDay() {
      set({ today: localToday() });
      load();
    },
    completeFollowUp(item, record) {
      if (item.type !== 'followUp') throw new Error('Only a follow-up is completed');
      return act(item, () =>
        api.followUps.complete({ visitId: item.visit.id, ...(record ? { record } : {}) }),
      );
    },
    async undoCompletion(completion) {
      await api.followUps.reopen({ visitId: completion.visit.id });
      if (completion.record) await api.visits.delete({ id: completion.record.id });
      load();
    },
    snooze(item) {
      return act(item, async () => {
        if (item.type === 'followUp') await api.followUps.snooze({ visitId: item.visit.id });
        else if (item.type === 'plannedVisit') await api.plannedVisits.snooze({ visitId: item.visit.id });
        else {
          const { anniversary, date } = item.reminder.occurrence;
          await api.reminders.snooze({ anniversaryId: anniversary.id, occursOn: date });
        }
      });
    },
    reschedule(item, day) {
      // Not through `act`: a refused day keeps the item in the list and the dialog open.
      const send = async () => {
        if (item.type === 'followUp') await api.followUps.reschedule({ visitId: item.visit.id, due: day });
        else if (item.type === 'plannedVisit')
          await api.plannedVisits.reschedule({ visitId: item.visit.id, day });
        else {
          const { anniversary, date } = item.reminder.occurrence;
          await api.reminders.snooze({ anniversaryId: anniversary.id, occursOn: date, until: day });
        }
      };
      return send().finally(load);
    },
    acknowledge(item, as, content) {
      if (item.type !== 'anniversary') throw new Error('Only an anniversary is acknowledged');
      const { anniversary, date } = item.reminder.occurrence;
      return act(item, async () => {
        await api.reminders.acknowledge({ anniversaryId: anniversary.id, occursOn: date, as, content });
      });
    },
    async completeOverdue() {
      try {
        return (await api.followUps.completeOverdue({ before: get().today })).completed;
      } finally {
        load();
      }
    },
    async recordPlannedVisit(item, input) {
      if (item.type !== 'plannedVisit') throw new Error('Only a planned visit is recorded');
      await api.visits.update({ id: item.visit.id, ...input });
      load();
    },
  };
});
