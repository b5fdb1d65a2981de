import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visitKinds } from '../../../shared/schemas';
import type { AccountDetail, Visit, VisitKind } from '../../../shared/types';
import { api } from '../../api';
import { Card } from './Cards';
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
              <span className="muted">{visit.manager}</span>
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
    </Card>
  );
}
