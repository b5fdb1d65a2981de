import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import type { Reminder } from '../../../shared/types';
import { reminderKey, useAnniversaries, type ReminderAction } from '../../stores/anniversaries';
import { useToast } from '../../stores/toast';
import { visitText } from './format';
import { ReminderItem } from './ReminderItem';

/** The reminders of the manager's accounts that want attention, soonest (and missed) first. */
export function RemindersPanel() {
  const { t } = useTranslation();
  const reminders = useAnniversaries((state) => state.reminders);
  const pending = useAnniversaries((state) => state.pending);
  const today = useAnniversaries((state) => state.today);
  const { acknowledge, snooze } = useAnniversaries.getState();
  const show = useToast((state) => state.show);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = reminders?.filter((reminder) => !pending.includes(reminderKey(reminder))) ?? null;

  const onAct = (reminder: Reminder, what: ReminderAction | 'snooze', item: HTMLLIElement | null) => {
    // The reminder leaves the list at once: keyboard focus moves on to its neighbour.
    const neighbour = (item?.nextElementSibling ?? item?.previousElementSibling) as HTMLElement | null;
    requestAnimationFrame(() => (neighbour?.querySelector('button') ?? heading.current)?.focus());
    const done =
      what === 'snooze'
        ? snooze(reminder)
        : acknowledge(reminder, what, what === 'dismissed' ? '' : visitText(what, reminder.occurrence));
    done.then(
      () => show({ message: t(`anniversaries.done.${what}`) }),
      (error: unknown) =>
        show({ message: t(`error.${error instanceof ApiError ? error.code : 'INTERNAL'}`) }),
    );
  };

  return (
    <section className="card reminders" aria-labelledby="reminders-title">
      <header className="card-header">
        <h2 id="reminders-title" ref={heading} tabIndex={-1}>
          {t('anniversaries.reminders')}
        </h2>
        {shown && shown.length > 0 && (
          <span className="muted">{t('anniversaries.reminderCount', { count: shown.length })}</span>
        )}
      </header>
      {shown === null && <p className="muted">{t('common.loading')}</p>}
      {shown?.length === 0 && <p className="muted">{t('anniversaries.noReminders')}</p>}
      {shown && shown.length > 0 && (
        <ul className="plain reminder-list" aria-labelledby="reminders-title">
          {shown.map((reminder) => (
            <ReminderItem key={reminderKey(reminder)} reminder={reminder} today={today} onAct={onAct} />
          ))}
        </ul>
      )}
    </section>
  );
}
