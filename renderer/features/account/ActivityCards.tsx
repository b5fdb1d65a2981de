import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPlannedVisit } from '../../../shared/domain/visitRules';
import { visitKinds } from '../../../shared/schemas';
import type { AccountDetail, Visit, VisitKind } from '../../../shared/types';
import { api } from '../../api';
import { VisitForm } from '../forms/VisitForm';
import { Card } from './Cards';
import { RecordActions, useUndoableDelete } from './RecordActions';
import { dateOnly, dateTime } from './format';
import { Options } from '../../components/Options';

/** Visits newest first; filtering by kind asks the database, not the 20 shown. */
export function VisitsCard({ detail, onAdd }: { detail: AccountDetail; onAdd: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<VisitKind | ''>('');
  const [filtered, setFiltered] = useState<readonly Visit[] | null>(null);
  const accountId = detail.account.id;
  useEffect(() => {
    if (kind === '') return setFiltered(null);
    let current = true;
    void api.visits.list({ accountId, kind, limit: 50 }).then((visits) => current && setFiltered(visits));
    return () => {
      current = false;
    };
  }, [accountId, kind, detail]);
  const visits = filtered ?? detail.visits;
  const undoable = useUndoableDelete();
  const [editing, setEditing] = useState<Visit | null>(null);
  return (
    <Card
      id="visits-title"
      title={`${t('account.visits')} · ${t('account.visitCount', { count: detail.visitCount })}`}
      action={{ label: t('account.logVisit'), onClick: onAdd }}
    >
      <label className="inline-filter">
        {t('account.filterVisits')}{' '}
        <select value={kind} onChange={(event) => setKind(event.target.value as VisitKind | '')}>
          <option value="">{t('account.allVisits')}</option>
          <Options values={visitKinds} label={(value) => t(`visitKind.${value}`)} />
        </select>
      </label>
      {visits.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ol className="timeline">
        {visits.map((visit) => (
          <li key={visit.id} className={`visit visit-${visit.kind}`}>
            <div className="visit-head">
              <time dateTime={visit.occurredAt}>{dateTime(visit.occurredAt)}</time>
              <span className="badge">{t(`visitKind.${visit.kind}`)}</span>
              {isPlannedVisit(visit.occurredAt) && (
                <span className="badge planned">{t('account.plannedVisit')}</span>
              )}
              <span className="muted">{visit.manager}</span>
              <RecordActions
                name={`${t(`visitKind.${visit.kind}`)} ${dateTime(visit.occurredAt)}`}
                onEdit={() => setEditing(visit)}
                onDelete={() =>
                  undoable(
                    () => api.visits.delete({ id: visit.id }),
                    () => api.visits.undelete({ id: visit.id }),
                  )
                }
              />
            </div>
            <p>{visit.content}</p>
            {visit.feedback && (
              <p className="feedback">
                <span className="muted">{t('field.feedback')}：</span>
                {visit.feedback}
              </p>
            )}
            {visit.followUp && (
              <p className="muted">
                {t('field.followUp')}：{visit.followUp}
                {visit.followUpDue ? ` (${dateOnly(visit.followUpDue)})` : ''}
                {visit.followUpDoneAt && (
                  <span className="badge follow-up-done">
                    {t('agenda.followUpDoneOn', { date: dateOnly(visit.followUpDoneAt) })}
                  </span>
                )}
              </p>
            )}
          </li>
        ))}
      </ol>
      {editing && <VisitForm accountId={accountId} visit={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
