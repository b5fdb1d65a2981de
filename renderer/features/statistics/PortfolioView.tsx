import { useTranslation } from 'react-i18next';
import type { MonthAmount, PortfolioSlice, RankedAccount } from '../../../shared/types';
import { ChartPanel, type TableColumn } from '../../components/ChartPanel';
import { useStatistics } from '../../stores/statistics';
import { accountColumns, tierColumn, yuanColumn, shareColumn } from './columns';
import { monthlyOption, sliceChartHeight, sliceOption, windowLabel, yuan } from './format';

/** Slices shown as bars (the largest); the heading says so, the table and the CSV keep every slice. */
const chartedSlices = 15;

function SliceCard(props: {
  readonly id: string;
  readonly title: string;
  readonly slices: readonly PortfolioSlice[];
  readonly label: (key: string) => string;
  readonly fileName: string;
}) {
  const { t } = useTranslation();
  const columns: TableColumn<PortfolioSlice>[] = [
    { header: props.title, value: (slice) => props.label(slice.key) },
    yuanColumn(t('statistics.amountYuan'), (slice) => slice.amountFen),
    shareColumn(t('statistics.share'), (slice) => slice.share),
    { header: t('statistics.accounts'), value: (slice) => slice.accounts, numeric: true },
  ];
  const charted = props.slices.slice(0, chartedSlices);
  return (
    <section className="card" aria-labelledby={props.id}>
      <header className="card-header">
        <h2 id={props.id}>{props.title}</h2>
        {charted.length < props.slices.length && (
          <span className="muted small">
            {t('statistics.chartedOf', { shown: charted.length, total: props.slices.length })}
          </span>
        )}
      </header>
      <ChartPanel
        option={
          charted.length > 0
            ? sliceOption(
                charted.map((slice) => props.label(slice.key)),
                charted.map((slice) => slice.amountFen),
                t('statistics.amount'),
              )
            : null
        }
        columns={columns}
        rows={props.slices}
        rowKey={(slice) => slice.key}
        caption={props.title}
        fileName={props.fileName}
        height={sliceChartHeight(charted.length)}
      />
    </section>
  );
}

export function PortfolioView() {
  const { t } = useTranslation();
  const stats = useStatistics((state) => state.portfolio);
  if (!stats) return <p className="muted">{t('common.loading')}</p>;
  const topColumns: TableColumn<RankedAccount>[] = [
    { header: t('statistics.rank'), value: (row) => row.rank, numeric: true },
    ...accountColumns<RankedAccount>(
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
    yuanColumn(t('statistics.amountYuan'), (row) => row.amountFen),
    shareColumn(t('statistics.share'), (row) => row.share),
  ];
  const range = windowLabel(stats.window);
  return (
    <div className="statistics-grid">
      <dl className="totals span-all">
        <div>
          <dt>{t('statistics.total')}</dt>
          <dd>{yuan(stats.totalFen)}</dd>
        </div>
        <div>
          <dt>{t('statistics.accountsBilled')}</dt>
          <dd>{stats.accounts.toLocaleString()}</dd>
        </div>
        <div>
          <dt>{t('statistics.window')}</dt>
          <dd>{range}</dd>
        </div>
      </dl>
      <section className="card span-all" aria-labelledby="portfolio-monthly">
        <header className="card-header">
          <h2 id="portfolio-monthly">{t('statistics.monthly')}</h2>
        </header>
        <ChartPanel
          option={monthlyOption(stats.series, t('statistics.amount'))}
          columns={[
            { header: t('statistics.period'), value: (month) => month.period },
            yuanColumn<MonthAmount>(t('statistics.amountYuan'), (month) => month.amountFen),
          ]}
          rows={stats.series}
          rowKey={(month) => month.period}
          caption={t('statistics.monthly')}
          fileName={`portfolio-monthly-${range}.csv`}
        />
      </section>
      <SliceCard
        id="by-tier"
        title={t('field.tier')}
        slices={stats.byTier}
        label={(key) => t(`tier.${key as 'general'}`)}
        fileName={`portfolio-tiers-${range}.csv`}
      />
      <SliceCard
        id="by-category"
        title={t('statistics.category')}
        slices={stats.byCategory}
        label={(key) => t(`category.${key as 'other'}`)}
        fileName={`portfolio-categories-${range}.csv`}
      />
      <SliceCard
        id="by-owner"
        title={t('field.owner')}
        slices={stats.byOwner}
        label={(key) => key || '—'}
        fileName={`portfolio-owners-${range}.csv`}
      />
      <SliceCard
        id="by-region"
        title={t('field.region')}
        slices={stats.byRegion}
        label={(key) => key || '—'}
        fileName={`portfolio-regions-${range}.csv`}
      />
      <section className="card span-all" aria-labelledby="portfolio-top">
        <header className="card-header">
          <h2 id="portfolio-top">{t('statistics.topAccounts', { count: stats.top.length })}</h2>
        </header>
        <ChartPanel
          option={null}
          columns={topColumns}
          rows={stats.top}
          rowKey={(row) => row.account.id}
          caption={t('statistics.topAccounts', { count: stats.top.length })}
          fileName={`portfolio-top-${range}.csv`}
        />
      </section>
    </div>
  );
}
