import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reminder } from '../../../shared/types';
import type { ReminderAction } from '../../stores/anniversaries';
import { anniversaryName, dayTitle, daysLeftText } from './format';
import { OccurrenceLine } from './OccurrenceLine';

const actions = ['greeting', 'gift', 'phone'] as const;

/** One reminder: what is coming, and what the manager did about it. */
export function ReminderItem(props: {
  reminder: Reminder;
  today: string;
  onAct: (reminder: Reminder, act: ReminderAction | 'snooze', item: HTMLLIElement | null) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const item = useRef<HTMLLIElement>(null);
  const { reminder } = props;
  const { occurrence } = reminder;
  const soon = occurrence.daysLeft <= 1;
  const act = (what: ReminderAction | 'snooze') => props.onAct(reminder, what, item.current);
  return (
    <li ref={item} className={reminder.missed ? 'reminder missed' : 'reminder'} aria-labelledby={titleId}>
      <span className="reminder-when">
        <strong className={reminder.missed ? 'days-left overdue' : soon ? 'days-left soon' : 'days-left'}>
          {daysLeftText(occurrence.daysLeft)}
        </strong>
        <span className="muted">{dayTitle(occurrence.date, props.today)}</span>
      </span>
      <OccurrenceLine occurrence={occurrence} titleId={titleId} />
      <div
        className="reminder-actions"
        role="group"
        aria-label={t('anniversaries.actionsFor', {
          name: occurrence.account.name,
          what: anniversaryName(occurrence.anniversary),
        })}
      >
        {actions.map((action) => (
          <button key={action} type="button" onClick={() => act(action)}>
            {t(`anniversaries.action.${action}`)}
          </button>
        ))}
        <button type="button" onClick={() => act('snooze')}>
          {t('anniversaries.action.snooze')}
        </button>
        <button type="button" className="link" onClick={() => act('dismissed')}>
          {t('anniversaries.action.dismissed')}
        </button>
      </div>
    </li>
  );
}
