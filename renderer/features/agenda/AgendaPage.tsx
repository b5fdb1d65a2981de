import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaBuckets, snoozedDay } from '../../../shared/domain/agenda';
import { ApiError } from '../../../shared/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { AgendaItem, FollowUpCompletion } from '../../../shared/types';
import { useAgenda } from '../../stores/agenda';
import { useToast } from '../../stores/toast';
import { dayTitle, visitText } from '../anniversaries/format';
import { AgendaSection } from './AgendaSection';
import type { AgendaAction } from './AgendaItemView';
import { FollowUpDoneDialog } from './FollowUpDoneDialog';
import { PlannedVisitDialog } from './PlannedVisitDialog';
import { RenewalsSection } from './RenewalsSection';
import { RescheduleDialog } from './RescheduleDialog';
import './agenda.css';

type Open =
  | { readonly action: 'doneWithRecord' | 'recordVisit' | 'reschedule'; readonly item: AgendaItem }
  | { readonly action: 'completeAll'; readonly count: number };

/**
 * 待办: what the acting manager has to do — overdue, today and the next seven days: follow-ups
 * of visits, planned visits and anniversary reminders, each done, snoozed or moved in one click.
 */
export function AgendaPage() {
  const { t } = useTranslation();
  const agenda = useAgenda((state) => state.agenda);
  const pending = useAgenda((state) => state.pending);
  const today = useAgenda((state) => state.today);
  const error = useAgenda((state) => state.error);
  const store = useAgenda.getState();
  const show = useToast((state) => state.show);
  const [open, setOpen] = useState<Open | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    useAgenda.getState().open();
    return () => useAgenda.getState().close();
  }, []);

  const refused = (caught: unknown) =>
    show({ message: t(`error.${caught instanceof ApiError ? caught.code : 'INTERNAL'}`) });
  const completed = (completion: FollowUpCompletion) =>
    show({
      message: t(completion.record ? 'agenda.done.recorded' : 'agenda.done.followUp'),
      actionLabel: t('common.undo'),
      action: () => void store.undoCompletion(completion).catch(refused),
    });
  const moved = (item: AgendaItem, day: string) =>
    show({
      message:
        item.type === 'anniversary'
          ? t('agenda.done.remindOn', { day: dayTitle(day, today) })
          : t('agenda.done.moved', { day: dayTitle(day, today) }),
    });

  const onAct = (item: AgendaItem, action: AgendaAction, row: HTMLLIElement | null) => {
    if (action === 'doneWithRecord' || action === 'recordVisit' || action === 'reschedule') {
      setOpen({ action, item });
      return;
    }
    // The item leaves the list at once: keyboard focus moves on to its neighbour.
    const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling) as HTMLElement | null;
    requestAnimationFrame(() => (neighbour?.querySelector('button') ?? heading.current)?.focus());
    if (action === 'done') return void store.completeFollowUp(item).then(completed, refused);
    if (action === 'snooze') {
      const day = snoozedDay(item.day, today);
      return void store.snooze(item).then(() => moved(item, day), refused);
    }
    if (item.type !== 'anniversary') return;
    const content = action === 'dismissed' ? '' : visitText(action, item.reminder.occurrence);
    void store
      .acknowledge(item, action, content)
      .then(() => show({ message: t(`anniversaries.done.${action}`) }), refused);
  };

  return (
    <section className="page agenda-page" aria-labelledby="agenda-title">
      <div className="page-header">
        <h1 id="agenda-title" ref={heading} tabIndex={-1}>
          {t('agenda.title')}
        </h1>
        <p className="muted">{t('agenda.scope')}</p>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
      <div className="agenda-layout">
        {agendaBuckets.map((bucket) => (
          <AgendaSection
            key={bucket}
            bucket={bucket}
            list={agenda?.buckets[bucket] ?? null}
            pending={pending}
            today={today}
            onAct={onAct}
            bulk={
              bucket === 'overdue' && agenda
                ? {
                    followUps: agenda.overdueFollowUps,
                    onCompleteAll: () => setOpen({ action: 'completeAll', count: agenda.overdueFollowUps }),
                  }
                : undefined
            }
          />
        ))}
        {agenda && <RenewalsSection renewals={agenda.renewals} />}
      </div>
      {open?.action === 'completeAll' && (
        <ConfirmDialog
          title={t('agenda.completeAllTitle')}
          message={t('agenda.completeAllMessage', { count: open.count })}
          onConfirm={() =>
            void store
              .completeOverdue()
              .then(
                (completed) => show({ message: t('agenda.done.completedAll', { count: completed }) }),
                refused,
              )
          }
          onClose={() => setOpen(null)}
        />
      )}
      {open?.action === 'reschedule' && (
        <RescheduleDialog
          item={open.item}
          today={today}
          onSave={(day) => store.reschedule(open.item, day).then(() => moved(open.item, day))}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.action === 'doneWithRecord' && open.item.type === 'followUp' && (
        <FollowUpDoneDialog
          item={open.item}
          onSave={(record) => store.completeFollowUp(open.item, record).then(completed)}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.action === 'recordVisit' && open.item.type === 'plannedVisit' && (
        <PlannedVisitDialog
          item={open.item}
          onSave={({ id: _id, ...input }) =>
            store.recordPlannedVisit(open.item, input).then(() => show({ message: t('agenda.done.visit') }))
          }
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
