import { useTranslation } from 'react-i18next';
import type { CoverageTier, OverdueAccount } from '../../../shared/types';
import { ChartPanel, type TableColumn } from '../../components/ChartPanel';
import { useStatistics } from '../../stores/statistics';
import { dateOnly } from '../account/format';
import { accountColumns, tierColumn, shareColumn } from './columns';
import { MoreRows } from './MoreRows';

/** Active accounts not visited within their tier's cadence (set in Settings). */
export function CoverageView() {
  const { t } = useTranslation();
  const stats = useStatistics((state) => state.coverage);
  if (!stats) return <p className="muted">{t('common.loading')}</p>;
  const tierColumns: TableColumn<CoverageTier>[] = [
    tierColumn(
      t('field.tier'),
      (row) => row.tier,
      (tier) => t(`tier.${tier}`),
    ),
    {
      header: t('statistics.cadence'),
      value: (row) => row.cadenceDays,
      display: (row) => t('statistics.days', { count: row.cadenceDays }),
      numeric: true,
    },
    { header: t('statistics.accounts'), value: (row) => row.accounts, numeric: true },
    { header: t('statistics.overdue'), value: (row) => row.overdue, numeric: true },
    { header: t('statistics.neverVisited'), value: (row) => row.neverVisited, numeric: true },
    shareColumn(t('statistics.coverage'), (row) => row.coverage),
  ];
  const overdueColumns: TableColumn<OverdueAccount>[] = [
    ...accountColumns<OverdueAccount>(
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
    {
      header: t('statistics.lastVisit'),
      value: (row) => row.lastVisitAt ?? '',
      display: (row) => (row.lastVisitAt ? dateOnly(row.lastVisitAt) : t('statistics.never')),
    },
    { header: t('statistics.daysSince'), value: (row) => row.daysSinceVisit, numeric: true },
    { header: t('statistics.cadence'), value: (row) => row.cadenceDays, numeric: true },
    { header: t('statistics.overdueDays'), value: (row) => row.overdueDays, numeric: true },
  ];
  return (
    <div className="statistics-grid">
      <section className="card span-all" aria-labelledby="coverage-tiers">
        <header className="card-header">
          <h2 id="coverage-tiers">{t('statistics.coverageByTier', { count: stats.overdue })}</h2>
        </header>
        <ChartPanel
          option={null}
          columns={tierColumns}
          rows={stats.byTier}
          rowKey={(row) => row.tier}
          caption={t('statistics.coverageByTier', { count: stats.overdue })}
          fileName={`coverage-${stats.today}.csv`}
        />
      </section>
      <section className="card span-all" aria-labelledby="coverage-overdue">
        <header className="card-header">
          <h2 id="coverage-overdue">
            {stats.rows.length < stats.overdue
              ? t('statistics.overdueAccounts', {
                  shown: stats.rows.length.toLocaleString(),
                  total: stats.overdue.toLocaleString(),
                })
              : t('statistics.overdueAccountsAll', { count: stats.overdue })}
          </h2>
        </header>
        {stats.rows.length === 0 ? (
          <p className="muted">{t('statistics.allCovered')}</p>
        ) : (
          <>
            <ChartPanel
              option={null}
              columns={overdueColumns}
              rows={stats.rows}
              rowKey={(row) => row.account.id}
              caption={t('statistics.view.coverage')}
              fileName={`overdue-visits-${stats.today}.csv`}
            />
            <MoreRows view="coverage" shown={stats.rows.length} total={stats.overdue} />
          </>
        )}
      </section>
    </div>
  );
}
