import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consumptionCategories } from '../../../shared/schemas';
import type { AccountDetail, AccountStats, ConsumptionTrend } from '../../../shared/types';
import { api } from '../../api';
import type { ChartOption } from '../../components/Chart';
import { ChartPanel, type TableColumn } from '../../components/ChartPanel';
import { axisYuan, change, changeClass, monthAxis, yuan } from '../statistics/format';
import { Card } from './Cards';

/** One colour per service (in `consumptionCategories` order), the same on every account. */
const palette = [
  '#0b6bcb',
  '#2f9e6e',
  '#e08a1e',
  '#8e5cc7',
  '#d0453b',
  '#3aa7b5',
  '#c2a400',
  '#e377c2',
  '#8a8f96',
];

function trendOption(trend: ConsumptionTrend, label: (category: string) => string): ChartOption {
  return {
    grid: { left: 56, right: 12, top: 28, bottom: 36 },
    legend: { top: 0, type: 'plain', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => yuan(Math.round(Number(value) * 100)),
    },
    // Half a card cannot label 24 months: a label each quarter, the tooltip names every month.
    xAxis: monthAxis(
      trend.series.map((month) => month.period),
      trend.series.length > 12 ? 3 : 1,
    ),
    yAxis: { type: 'value', axisLabel: { formatter: axisYuan } },
    series: trend.byCategory.map((entry) => ({
      type: 'bar' as const,
      stack: 'total',
      name: label(entry.category),
      itemStyle: { color: palette[consumptionCategories.indexOf(entry.category)] ?? '#8a8f96' },
      data: entry.series.map((month) => month.amountFen / 100),
    })),
  };
}

/** Refetched whenever the account's detail is (a new object after every data change). */
function useAccountTrend(detail: AccountDetail): AccountStats | null {
  const [stats, setStats] = useState<AccountStats | null>(null);
  const accountId = detail.account.id;
  useEffect(() => {
    let current = true;
    api.stats.account({ accountId, months: 24 }).then(
      (result) => current && setStats(result),
      // The card then shows the totals of the detail without the chart.
      () => current && setStats(null),
    );
    return () => {
      current = false;
    };
  }, [accountId, detail]);
  // Another account: never show the previous one's figures while its own load.
  if (stats && stats.account.id !== accountId) return null;
  return stats;
}

type MonthRow = ConsumptionTrend['series'][number];

/** 24 months stacked by service, with month-on-month and year-on-year change and a table/CSV. */
export function ConsumptionCard({ detail, onAdd }: { detail: AccountDetail; onAdd: () => void }) {
  const { t } = useTranslation();
  const stats = useAccountTrend(detail);
  const trend = stats?.trend;
  const categoryLabel = (category: string) => t(`category.${category as 'other'}`);
  const columns: TableColumn<MonthRow>[] = [
    { header: t('statistics.period'), value: (month) => month.period },
    ...(trend?.byCategory ?? []).map((entry) => ({
      header: `${categoryLabel(entry.category)} (¥)`,
      value: (month: MonthRow) =>
        (entry.series.find((point) => point.period === month.period)?.amountFen ?? 0) / 100,
      display: (month: MonthRow) =>
        yuan(entry.series.find((point) => point.period === month.period)?.amountFen ?? 0),
      numeric: true,
    })),
    {
      header: t('statistics.amountYuan'),
      value: (month) => month.amountFen / 100,
      display: (month) => yuan(month.amountFen),
      numeric: true,
    },
  ];
  return (
    <Card
      id="consumption-title"
      title={t('account.consumption')}
      action={{ label: t('account.recordConsumption'), onClick: onAdd }}
    >
      {trend && (
        <dl className="totals">
          <div>
            <dt>{t('account.last12')}</dt>
            <dd>{yuan(trend.trailing12Fen)}</dd>
          </div>
          <div>
            <dt>{t('account.yoy')}</dt>
            <dd className={changeClass(trend.trailing12Change)}>{change(trend.trailing12Change)}</dd>
          </div>
          <div>
            <dt>{t('account.latestMonth', { period: trend.window.to })}</dt>
            <dd>{yuan(trend.latestFen)}</dd>
          </div>
          <div>
            <dt>{t('account.mom')}</dt>
            <dd className={changeClass(trend.momChange)}>{change(trend.momChange)}</dd>
          </div>
        </dl>
      )}
      {detail.consumption.lifetimeFen === 0 ? (
        <p className="muted">{t('account.noConsumption')}</p>
      ) : (
        trend && (
          <ChartPanel
            option={trendOption(trend, categoryLabel)}
            columns={columns}
            rows={trend.series}
            rowKey={(month) => month.period}
            caption={t('account.monthly')}
            fileName={`${detail.account.customerNo}-consumption-${trend.window.from}-${trend.window.to}.csv`}
            height={220}
          />
        )
      )}
      <p className="muted small">
        {t('account.lifetime')} {yuan(detail.consumption.lifetimeFen)}
        {detail.consumption.latestPeriod &&
          ` · ${t('account.latestBill', { period: detail.consumption.latestPeriod })}`}
      </p>
    </Card>
  );
}
