import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visitKinds } from '../../../shared/schemas';
import type { AccountDetail, Visit, VisitKind } from '../../../shared/types';
import { api } from '../../api';
import { Card } from './Cards';
import { dateOnly, dateTime, money } from './format';
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
              </p>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** Last 12 months as bars (with the figures as a table for screen readers), totals, trend. */
export function ConsumptionCard({ detail, onAdd }: { detail: AccountDetail; onAdd: () => void }) {
  const { t } = useTranslation();
  const c = detail.consumption;
  const max = Math.max(1, ...c.months.map((month) => month.amountFen));
  const change =
    c.previous12MonthsFen > 0 ? (c.last12MonthsFen - c.previous12MonthsFen) / c.previous12MonthsFen : null;
  return (
    <Card
      id="consumption-title"
      title={t('account.consumption')}
      action={{ label: t('account.recordConsumption'), onClick: onAdd }}
    >
      <dl className="totals">
        <div>
          <dt>{t('account.last12')}</dt>
          <dd>{money(c.last12MonthsFen)}</dd>
        </div>
        <div>
          <dt>{t('account.previous12')}</dt>
          <dd>{money(c.previous12MonthsFen)}</dd>
        </div>
        <div>
          <dt>{t('account.trend')}</dt>
          <dd className={change === null ? '' : change >= 0 ? 'up' : 'down'}>
            {change === null ? '—' : `${change >= 0 ? '▲' : '▼'} ${Math.abs(change * 100).toFixed(1)}%`}
          </dd>
        </div>
        <div>
          <dt>{t('account.lifetime')}</dt>
          <dd>{money(c.lifetimeFen)}</dd>
        </div>
      </dl>
      {c.lifetimeFen === 0 ? (
        <p className="muted">{t('account.noConsumption')}</p>
      ) : (
        <figure className="bars" aria-label={t('account.monthly')}>
          <svg viewBox="0 0 240 80" role="img" aria-hidden="true" preserveAspectRatio="none">
            {c.months.map((month, index) => {
              const height = (month.amountFen / max) * 72;
              return (
                <rect
                  key={month.period}
                  x={index * 20 + 3}
                  y={76 - height}
                  width={14}
                  height={Math.max(height, 0.5)}
                />
              );
            })}
          </svg>
          <figcaption className="bar-labels">
            {c.months.map((month) => (
              <span key={month.period}>{month.period.slice(5)}</span>
            ))}
          </figcaption>
          <table className="visually-hidden">
            <caption>{t('account.monthly')}</caption>
            <tbody>
              {c.months.map((month) => (
                <tr key={month.period}>
                  <th scope="row">{month.period}</th>
                  <td>{money(month.amountFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
      {c.byCategory.length > 0 && (
        <ul className="plain categories" aria-label={t('account.byCategory')}>
          {c.byCategory.map((entry) => (
            <li key={entry.category} className="row">
              <span>{t(`category.${entry.category}`)}</span>
              <span>{money(entry.amountFen)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
