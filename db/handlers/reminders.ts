import type { ApiHandlers, OperationName } from '../../shared/api';
import { addDays } from '../../shared/domain/lunarCalendar';
import type { Db } from '../connection';
import { newId } from '../ids';
import { localToday, toVisit } from '../queries/records';
import { openReminders, updateOccurrence } from '../reminders';
import { write } from '../write';
import { invalidField, requireLiveAccount, requireLiveRow } from './guards';

type ReminderOps = Extract<OperationName, `reminders.${string}`>;

/** Reminders of the asking manager's accounts: list, acknowledge (records the visit), snooze. */
export function reminderHandlers(db: Db): Pick<ApiHandlers, ReminderOps> {
  return {
    'reminders.open': (input, { actor }) => openReminders(db, input?.today ?? localToday(), actor),

    'reminders.acknowledge': ({ anniversaryId, occursOn, as, content }, { actor }) => {
      const anniversary = requireLiveRow(db, 'anniversaries', anniversaryId, 'anniversary');
      requireLiveAccount(db, anniversary.account_id);
      return write(db, actor, (writer) => {
        const visit =
          as === 'dismissed'
            ? null
            : writer.insert('visits', {
                id: newId(),
                account_id: anniversary.account_id,
                occurred_at: new Date().toISOString(),
                kind: as,
                participants: '',
                content: content || `${as} · ${anniversary.kind} ${occursOn}`,
                feedback: '',
                follow_up: '',
                follow_up_due: null,
                follow_up_done_at: null,
                manager: actor,
              });
        updateOccurrence(db, { anniversaryId, occursOn }, { acknowledgedAs: as, visitId: visit?.id ?? null });
        return { visit: visit ? toVisit(visit) : null };
      });
    },

    'reminders.snooze': ({ anniversaryId, occursOn, until }) => {
      requireLiveRow(db, 'anniversaries', anniversaryId, 'anniversary');
      const today = localToday();
      const snoozedUntil = until ?? addDays(today, 1);
      if (snoozedUntil <= today) throw invalidField('until', 'snooze_not_future');
      db.transaction(() => updateOccurrence(db, { anniversaryId, occursOn }, { snoozedUntil }));
      return { until: snoozedUntil };
    },
  };
}
