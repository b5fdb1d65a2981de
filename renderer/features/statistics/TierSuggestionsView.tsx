import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeTierReason } from '../../../shared/domain/tiers';
import type { TierSuggestion } from '../../../shared/types';
import { ApiError } from '../../../shared/errors';
import { api } from '../../api';
import { TierBadge } from '../../components/Badges';
import { ChartPanel, type TableColumn } from '../../components/ChartPanel';
import { currentLanguage } from '../../i18n';
import { useSettings } from '../../stores/settings';
import { useStatistics } from '../../stores/statistics';
import { useToast } from '../../stores/toast';
import { accountColumns, tierColumn } from './columns';
import { windowLabel } from './format';
import { MoreRows } from './MoreRows';

/**
 * Tiers the 80/20 view suggests, where they differ from today's. Applying all moves only tiers
 * that follow suggestions; a manager's tier moves only when the manager accepts its row.
 */
export function TierSuggestionsView() {
  const { t } = useTranslation();
  const stats = useStatistics((state) => state.tiers);
  const owner = useStatistics((state) => state.filters.scope);
  const actor = useSettings((state) => state.settings?.actor ?? '');
  const show = useToast((state) => state.show);
  const [busy, setBusy] = useState(false);
  if (!stats) return <p className="muted">{t('common.loading')}</p>;
  const language = currentLanguage();
  const apply = async (input: Parameters<typeof api.tiers.apply>[0]) => {
    setBusy(true);
    try {
      const { changed } = await api.tiers.apply({ ...input, language });
      show({ message: t('tiers.applied', { count: changed }) });
    } catch (error) {
      show({ message: t(`error.${error instanceof ApiError ? error.code : 'INTERNAL'}`) });
    } finally {
      setBusy(false);
    }
  };
  const columns: TableColumn<TierSuggestion>[] = [
    ...accountColumns<TierSuggestion>(
      { name: t('field.name'), customerNo: t('field.customerNo'), owner: t('field.owner') },
      (row) => row.account,
    ),
    {
      header: t('tiers.current'),
      value: (row) => t(`tier.${row.account.tier}`),
      display: (row) => (
        <>
          <TierBadge tier={row.account.tier} />
          <span className="account-meta">
            {row.tierSource === 'manager' ? t('account.tierByManager') : t('account.tierSuggested')}
          </span>
        </>
      ),
    },
    tierColumn(
      t('tiers.suggested'),
      (row) => row.suggested,
      (tier) => t(`tier.${tier}`),
    ),
    {
      header: t('tiers.reason'),
      value: (row) => describeTierReason(row.reason, language),
      className: 'reason-cell',
      display: (row) => describeTierReason(row.reason, language),
    },
    {
      header: t('tiers.action'),
      value: () => '',
      exported: false,
      display: (row) => (
        <button
          type="button"
          className="link"
          disabled={busy}
          aria-label={t('tiers.acceptFor', { name: row.account.name })}
          onClick={() => void apply({ accountIds: [row.account.id] })}
        >
          {t('tiers.accept')}
        </button>
      ),
    },
  ];
  const managers = stats.total - stats.automatic;
  return (
    <div className="statistics-grid">
      <section className="card span-all" aria-labelledby="tiers-title">
        <header className="card-header">
          <h2 id="tiers-title">
            {t('tiers.title', { count: stats.total, window: windowLabel(stats.window) })}
          </h2>
          <button
            type="button"
            className="primary"
            disabled={busy || stats.automatic === 0}
            aria-describedby="tiers-split"
            onClick={() =>
              void apply({ allAutomatic: true, ...(owner === 'mine' && actor ? { owner: actor } : {}) })
            }
          >
            {t('tiers.applyAll', { count: stats.automatic })}
          </button>
        </header>
        {stats.total > 0 && (
          // Why "apply" may move none of the rows listed: a manager's own tier is never overwritten.
          <p id="tiers-split" className="tiers-split">
            {t('tiers.split', { automatic: stats.automatic, managers, count: stats.total })}
          </p>
        )}
        <p className="muted small">{t('tiers.explain')}</p>
        {stats.total === 0 ? (
          <p className="muted">{t('tiers.none')}</p>
        ) : (
          <>
            <ChartPanel
              option={null}
              columns={columns}
              rows={stats.rows}
              rowKey={(row) => row.account.id}
              caption={t('statistics.view.tiers')}
              fileName={`tier-suggestions-${stats.window.to}.csv`}
            />
            <MoreRows view="tiers" shown={stats.rows.length} total={stats.total} />
          </>
        )}
      </section>
    </div>
  );
}
