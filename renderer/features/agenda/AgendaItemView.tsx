import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '../../../shared/types';
import { hrefFor } from '../../app/router';
import { TierBadge } from '../../components/Badges';
import type { ReminderAction } from '../../stores/agenda';
import { anniversaryName } from '../anniversaries/format';
import { OccurrenceLine } from '../anniversaries/OccurrenceLine';
import { dayText, followUpWhat, timeText, visitDay, whenText } from './format';

/** What the manager can do about an item, each one click (the `…` ones open a small dialog). */
export type AgendaAction =
  'done' | 'doneWithRecord' | 'recordVisit' | 'snooze' | 'reschedule' | ReminderAction;

const reminderActions = ['greeting', 'gift', 'phone'] as const;

function AccountLink({ item }: { item: AgendaItem }) {
  return (
    <>
      <a className="agenda-account" href={hrefFor({ page: 'account', id: item.account.id })}>
        {item.account.name}
      </a>
      <TierBadge tier={item.account.tier} />
    </>
  );
}

/** The item's line: what it is, for whom, and where it came from. */
function What({ item, today, titleId }: { item: AgendaItem; today: string; titleId: string }) {
  const { t } = useTranslation();
  if (item.type === 'anniversary') {
    return (
      <div className="agenda-what">
        <span className="agenda-title">
          <span className="badge agenda-type">{t('agenda.type.anniversary')}</span>
          <OccurrenceLine occurrence={item.reminder.occurrence} titleId={titleId} />
        </span>
      </div>
    );
  }
  const { visit } = item;
  const from = t('agenda.fromVisit', {
    date: visitDay(visit, today),
    kind: t(`visitKind.${visit.kind}`),
    content: visit.content,
  });
  const source =
    visit.manager === item.account.owner
      ? from
      : `${from} · ${t('agenda.loggedBy', { manager: visit.manager, owner: item.account.owner })}`;
  if (item.type === 'plannedVisit') {
    return (
      <div className="agenda-what">
        <span id={titleId} className="agenda-title">
          <span className="badge agenda-type planned">{t('agenda.type.plannedVisit')}</span>
          <strong className="agenda-time">{timeText(visit.occurredAt)}</strong>
          <span>{t(`visitKind.${visit.kind}`)}</span>
          <AccountLink item={item} />
        </span>
        <p className="agenda-text">{visit.content}</p>
      </div>
    );
  }
  return (
    <div className="agenda-what">
      <span id={titleId} className="agenda-title">
        <span className="badge agenda-type follow-up">{t('agenda.type.followUp')}</span>
        <AccountLink item={item} />
      </span>
      <p className="agenda-text">{followUpWhat(visit)}</p>
      <p className="agenda-source muted" title={source}>
        {source}
      </p>
    </div>
  );
}

/** One thing on the agenda: when, what, and its actions. */
export function AgendaItemView(props: {
  item: AgendaItem;
  today: string;
  onAct: (item: AgendaItem, action: AgendaAction, row: HTMLLIElement | null) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const row = useRef<HTMLLIElement>(null);
  const { item, today } = props;
  const act = (action: AgendaAction) => props.onAct(item, action, row.current);
  const what =
    item.type === 'anniversary'
      ? anniversaryName(item.reminder.occurrence.anniversary)
      : t(`agenda.type.${item.type}`);
  const later = item.daysLeft > 0;
  return (
    <li
      ref={row}
      className={['agenda-item', item.type === 'anniversary' && 'anniversary', item.daysLeft < 0 && 'overdue']
        .filter(Boolean)
        .join(' ')}
      aria-labelledby={titleId}
    >
      <span className="agenda-when">
        <strong className={item.daysLeft < 0 ? 'days-left overdue' : 'days-left'}>{whenText(item)}</strong>
        <span className="muted">{dayText(item, today)}</span>
      </span>
      <What item={item} today={today} titleId={titleId} />
      <div
        className="agenda-actions"
        role="group"
        aria-label={t('agenda.actionsFor', { what, name: item.account.name })}
      >
        {item.type === 'followUp' && (
          <>
            <button type="button" className="primary" onClick={() => act('done')}>
              {t('agenda.action.done')}
            </button>
            <button type="button" onClick={() => act('doneWithRecord')}>
              {t('agenda.action.doneWithRecord')}
            </button>
          </>
        )}
        {item.type === 'plannedVisit' && (
          <button type="button" className="primary" onClick={() => act('recordVisit')}>
            {t('agenda.action.recordVisit')}
          </button>
        )}
        {item.type === 'anniversary' &&
          reminderActions.map((action) => (
            <button key={action} type="button" onClick={() => act(action)}>
              {t(`anniversaries.action.${action}`)}
            </button>
          ))}
        <button type="button" onClick={() => act('snooze')}>
          {t(later ? 'agenda.action.dayLater' : 'agenda.action.tomorrow')}
        </button>
        <button type="button" onClick={() => act('reschedule')}>
          {t('agenda.action.reschedule')}
        </button>
        {item.type === 'anniversary' && (
          <button type="button" className="link" onClick={() => act('dismissed')}>
            {t('anniversaries.action.dismissed')}
          </button>
        )}
      </div>
    </li>
  );
}
