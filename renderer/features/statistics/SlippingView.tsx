import { useTranslation } from 'react-i18next';
import type { SlippingAccount } from '../../../shared/types';
import { TierBadge } from '../../components/Badges';
import { ChartPanel, type TableColumn } from '../../components/ChartPanel';
import { thresholdChoices, useStatistics, type StatisticsFilters } from '../../stores/statistics';
import { AccountLink } from './AccountLink';
import { change, percent, windowLabel, yuan } from './format';

/** Accounts whose last 3 months fell by more than the threshold against the 3 before. */
export function SlippingView() {
  const { t } = useTranslation();
  const stats = useStatistics((state) => state.slipping);
  const threshold = useStatistics((state) => state.filters.threshold);
  const setFilters = useStatistics((state) => state.setFilters);
  const columns: TableColumn<SlippingAccount>[] = [
    {
      header: t('field.name'),
      value: (row) => row.account.name,
      display: (row) => <AccountLink account={row.account} />,
    },
    { header: t('field.customerNo'), value: (row) => row.account.customerNo, asText: true },
    {
      header: t('field.tier'),
      value: (row) => t(`tier.${row.account.tier}`),
      display: (row) => <TierBadge tier={row.account.tier} />,
    },
    { header: t('field.owner'), value: (row) => row.account.owner },
    {
      header: t('statistics.previous3'),
      value: (row) => row.previousFen / 100,
      display: (row) => yuan(row.previousFen),
      numeric: true,
    },
    {
      header: t('statistics.recent3'),
      value: (row) => row.recentFen / 100,
      display: (row) => yuan(row.recentFen),
      numeric: true,
    },
    {
      header: t('statistics.changeYuan'),
      value: (row) => row.changeFen / 100,
      display: (row) => yuan(row.changeFen),
      numeric: true,
    },
    {
      header: t('statistics.change'),
      value: (row) => row.change,
      display: (row) => <span className="down">{change(row.change)}</span>,
      numeric: true,
    },
  ];
  return (
    <div className="statistics-grid">
      <div className="filters span-all">
        <label>
          {t('statistics.threshold')}
          <select
            value={threshold}
            onChange={(event) =>
              setFilters({ threshold: Number(event.target.value) as StatisticsFilters['threshold'] })
            }
          >
            {thresholdChoices.map((choice) => (
              <option key={choice} value={choice}>
                {t('statistics.dropOver', { percent: percent(choice, 0) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!stats ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <section className="card span-all" aria-labelledby="slipping-title">
          <header className="card-header">
            <h2 id="slipping-title">
              {t('statistics.slippingCount', {
                count: stats.total,
                recent: windowLabel(stats.recent),
                previous: windowLabel(stats.previous),
              })}
            </h2>
          </header>
          {stats.total === 0 ? (
            <p className="muted">{t('statistics.noneSlipping')}</p>
          ) : (
            <ChartPanel
              option={null}
              columns={columns}
              rows={stats.rows}
              rowKey={(row) => row.account.id}
              caption={t('statistics.view.slipping')}
              fileName={`slipping-${windowLabel(stats.recent)}.csv`}
            />
          )}
        </section>
      )}
    </div>
  );
}
