import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { PurgeCandidatePage, PurgeReason } from '../../../shared/types';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSettings } from '../../stores/settings';
import { asApiError } from '../../stores/latest';
import { useToast } from '../../stores/toast';
import { PurgeRules } from './PurgeRules';
import './maintenance.css';

const pageSize = 200;

function ReasonText({ reason }: { reason: PurgeReason }) {
  const { t } = useTranslation();
  if (reason.rule === 'archived')
    return <>{t('maintenance.reasonArchived', { since: reason.since.slice(0, 10) })}</>;
  return (
    <>
      {reason.lastBillMonth === null
        ? t('maintenance.reasonNeverBilled', {
            tier: t(`tier.${reason.tier}`),
            created: reason.createdAt.slice(0, 10),
          })
        : t('maintenance.reasonLastBill', { tier: t(`tier.${reason.tier}`), month: reason.lastBillMonth })}
    </>
  );
}

/**
 * 系统维护: the purge rules (saved as this device's settings), the accounts they propose with
 * each reason, and the erasure of those a person picks, behind a confirmation.
 */
export function MaintenancePage() {
  const { t } = useTranslation();
  const settings = useSettings((state) => state.settings);
  const [page, setPage] = useState<PurgeCandidatePage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [erasing, setErasing] = useState(false);
  const rulesKey = JSON.stringify(settings?.purge);
  const load = useCallback(async () => {
    try {
      const value = await api.purge.candidates({ limit: pageSize });
      setPage(value);
      setChosen((before) => new Set([...before].filter((id) => value.candidates.some((c) => c.id === id))));
    } catch (caught) {
      setError(asApiError(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, rulesKey]);
  const erase = async () => {
    setErasing(true);
    try {
      const result = await api.purge.apply({ ids: [...chosen], reason: reason.trim() });
      setError(null);
      setChosen(new Set());
      useToast.getState().show({ message: t('maintenance.erased', { count: result.erased.length }) });
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setErasing(false);
    }
    await load();
  };
  const candidates = page?.candidates ?? [];
  return (
    <section className="page maintenance-page" aria-labelledby="maintenance-title">
      <div className="page-header">
        <h1 id="maintenance-title">{t('maintenance.title')}</h1>
      </div>
      <p className="hint">{t('maintenance.intro')}</p>
      <section className="card" aria-labelledby="maintenance-rules">
        <header className="card-header">
          <h2 id="maintenance-rules">{t('maintenance.rules')}</h2>
        </header>
        {settings && <PurgeRules key={rulesKey} settings={settings} />}
      </section>
      <section className="card" aria-labelledby="maintenance-candidates">
        <header className="card-header purge-header">
          <h2 id="maintenance-candidates">{t('maintenance.candidates', { count: page?.total ?? 0 })}</h2>
          <button
            type="button"
            className="link"
            onClick={() => setChosen(new Set(candidates.map((c) => c.id)))}
          >
            {t('maintenance.selectAll')}
          </button>
          <button type="button" className="link" onClick={() => setChosen(new Set())}>
            {t('maintenance.selectNone')}
          </button>
        </header>
        {page && candidates.length === 0 && <p className="muted">{t('maintenance.none')}</p>}
        {candidates.length > 0 && (
          <div className="table-scroll purge-table">
            <table>
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">{t('maintenance.choose')}</span>
                  </th>
                  <th>{t('maintenance.customerNo')}</th>
                  <th>{t('maintenance.name')}</th>
                  <th>{t('maintenance.tier')}</th>
                  <th>{t('maintenance.owner')}</th>
                  <th>{t('maintenance.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((candidate) => (
                  <tr key={candidate.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('maintenance.chooseOne', { name: candidate.name })}
                        checked={chosen.has(candidate.id)}
                        onChange={(event) => {
                          const next = new Set(chosen);
                          if (event.target.checked) next.add(candidate.id);
                          else next.delete(candidate.id);
                          setChosen(next);
                        }}
                      />
                    </td>
                    <td>{candidate.customerNo}</td>
                    <td>{candidate.name}</td>
                    <td>{t(`tier.${candidate.tier}`)}</td>
                    <td>{candidate.owner}</td>
                    <td>
                      <ul className="purge-reasons">
                        {candidate.reasons.map((reason) => (
                          <li key={reason.rule}>
                            <ReasonText reason={reason} />
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page && page.total > candidates.length && (
          <p className="hint">{t('maintenance.more', { shown: candidates.length, total: page.total })}</p>
        )}
        <div className="purge-actions">
          <label>
            {t('maintenance.reason')}
            <input value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
          </label>
          <button
            type="button"
            className="danger"
            disabled={chosen.size === 0 || reason.trim() === '' || erasing}
            onClick={() => setConfirming(true)}
          >
            {t('maintenance.eraseSelected', { count: chosen.size })}
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {t(`error.${error.code}`)}
          </p>
        )}
      </section>
      {confirming && (
        <ConfirmDialog
          title={t('maintenance.confirmTitle')}
          message={t('maintenance.confirmMessage', { count: chosen.size })}
          onConfirm={() => void erase()}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
