import { useTranslation } from 'react-i18next';
import type { ParetoCurvePoint, ParetoRow, ParetoStats } from '../../../shared/types';
import type { ChartOption } from '../../components/Chart';
import { ChartPanel, type TableColumn } from '../../components/ChartPanel';
import { useStatistics } from '../../stores/statistics';
import { nameColumn, tierColumn, yuanColumn, shareColumn } from './columns';
import { percent, windowLabel, yuan } from './format';

function curveOption(stats: ParetoStats, name: string): ChartOption {
  return {
    grid: { left: 48, right: 24, top: 16, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => percent(Number(value) / 100),
    },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'line',
        name,
        showSymbol: false,
        areaStyle: { opacity: 0.12 },
        lineStyle: { color: '#0b6bcb' },
        itemStyle: { color: '#0b6bcb' },
        data: stats.curve.map((point) => [point.rankShare * 100, point.cumulativeShare * 100]),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#b86e00' },
          label: { formatter: '{b}', position: 'insideStartTop' },
          data: [
            { name: `A ${percent(stats.bounds.a, 0)}`, yAxis: stats.bounds.a * 100 },
            { name: `B ${percent(stats.bounds.b, 0)}`, yAxis: stats.bounds.b * 100 },
          ],
        },
      },
    ],
  };
}

export function ParetoView() {
  const { t } = useTranslation();
  const stats = useStatistics((state) => state.pareto);
  const chosen = useStatistics((state) => state.filters.paretoBy);
  // Columns follow the figures shown, not a choice whose figures are still on their way.
  const by = stats?.by ?? chosen;
  const setFilters = useStatistics((state) => state.setFilters);
  const range = stats ? windowLabel(stats.window) : '';
  const topColumns: TableColumn<ParetoRow>[] = [
    { header: t('statistics.rank'), value: (row) => row.rank, numeric: true },
    nameColumn(by === 'group' ? t('statistics.group') : t('field.name'), (row) => row.account),
    ...(by === 'group'
      ? [{ header: t('statistics.members'), value: (row: ParetoRow) => row.members, numeric: true }]
      : []),
    tierColumn(
      t('field.tier'),
      (row) => row.account.tier,
      (tier) => t(`tier.${tier}`),
    ),
    yuanColumn(t('statistics.amountYuan'), (row) => row.amountFen),
    shareColumn(t('statistics.share'), (row) => row.share),
    shareColumn(t('statistics.cumulative'), (row) => row.cumulativeShare),
    {
      header: t('statistics.class'),
      value: (row) => row.abcClass,
      display: (row) => <span className={`badge abc-${row.abcClass}`}>{row.abcClass}</span>,
    },
  ];
  const curveColumns: TableColumn<ParetoCurvePoint>[] = [
    { header: t('statistics.rank'), value: (point) => point.rank, numeric: true },
    shareColumn(t('statistics.rankShare'), (point) => point.rankShare),
    shareColumn(t('statistics.cumulative'), (point) => point.cumulativeShare),
  ];
  return (
    <div className="statistics-grid">
      <div className="filters span-all" role="group" aria-label={t('statistics.rankBy')}>
        <div className="segmented">
          {(['account', 'group'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={chosen === choice}
              onClick={() => setFilters({ paretoBy: choice })}
            >
              {t(`statistics.by.${choice}`)}
            </button>
          ))}
        </div>
      </div>
      {!stats ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <ul className="plain abc-classes span-all" aria-label={t('statistics.classes')}>
            {stats.classes.map((entry) => (
              <li key={entry.abcClass} className={`abc-class abc-${entry.abcClass}`}>
                <strong>{entry.abcClass}</strong>
                <span>
                  {t('statistics.classCount', {
                    count: entry.count,
                    share: percent(entry.count / Math.max(1, stats.ranked)),
                  })}
                </span>
                <span>
                  {t('statistics.classAmount', {
                    amount: yuan(entry.amountFen),
                    share: percent(entry.share),
                  })}
                </span>
              </li>
            ))}
          </ul>
          <section className="card span-all" aria-labelledby="pareto-curve">
            <header className="card-header">
              <h2 id="pareto-curve">{t('statistics.curve', { count: stats.ranked, window: range })}</h2>
            </header>
            <ChartPanel
              option={stats.curve.length > 1 ? curveOption(stats, t('statistics.cumulative')) : null}
              columns={curveColumns}
              rows={stats.curve}
              rowKey={(point) => String(point.rank)}
              caption={t('statistics.curve', { count: stats.ranked, window: range })}
              fileName={`pareto-curve-${by}-${range}.csv`}
              height={280}
            />
          </section>
          <section className="card span-all" aria-labelledby="pareto-top">
            <header className="card-header">
              <h2 id="pareto-top">{t('statistics.topRanked', { count: stats.top.length })}</h2>
            </header>
            <ChartPanel
              option={null}
              columns={topColumns}
              rows={stats.top}
              rowKey={(row) => row.account.id}
              caption={t('statistics.topRanked', { count: stats.top.length })}
              fileName={`pareto-${by}-${range}.csv`}
            />
          </section>
        </>
      )}
    </div>
  );
}
