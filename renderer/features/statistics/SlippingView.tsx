import { useTranslation } from 'react-i18next';
import type { SlippingAccount } from '../../../shared/types';
import { ChartPanel, type TableColumn } from '../../components/ChartPanel';
import { thresholdChoices, useStatistics, type StatisticsFilters } from '../../stores/statistics';
import { accountColumns, tierColumn, yuanColumn } from './columns';
import { change, percent, windowLabel } from './format';
import { MoreRows } from './MoreRows';

/** Accounts whose last 3 months fell by more than the threshold against the 3 before. */
export function SlippingView() {
  const { t } = useTranslation();
  const stats = useStatistics((state) => state.slipping);
  const threshold = useStatistics((state) => state.filters.threshold);
  const setFilters = useStatistics((state) => state.setFilters);
  const columns: TableColumn<SlippingAccount>[] = [
    ...accountColumns<SlippingAccount>(
      { name: t('field.name'), customerNo: t('field.customerNo'), owner: t('field.owner') },
      (row) => row.account,
      [
        tierColumn(
          t('field.tier'),
          (row) => row.account.tier,
          (tier) => t(`tier.${tier}`),
        ),
      ],
    ),
    yuanColumn(t('statistics.previous3'), (row) => row.previousFen),
    yuanColumn(t('statistics.recent3'), (row) => row.recentFen),
    yuanColumn(t('statistics.changeYuan'), (row) => row.changeFen),
    {
      header: t('statistics.changePercent'),
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
            <>
              <ChartPanel
                option={null}
                columns={columns}
                rows={stats.rows}
                rowKey={(row) => row.account.id}
                caption={t('statistics.view.slipping')}
                fileName={`slipping-${windowLabel(stats.recent)}.csv`}
              />
              <MoreRows view="slipping" shown={stats.rows.length} total={stats.total} />
            </>
          )}
        </section>
      )}
    </div>
  );
}
