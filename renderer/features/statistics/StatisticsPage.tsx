import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { addMonths } from '../../../shared/domain/period';
import { monthsBetween } from '../../../shared/domain/statistics';
import { consumptionCategories, tiers } from '../../../shared/schemas';
import type { BilledMonths, ConsumptionCategory, Tier } from '../../../shared/types';
import { Options } from '../../components/Options';
import {
  statisticsViews,
  useStatistics,
  windowChoices,
  type StatisticsFilters,
  type StatisticsView,
} from '../../stores/statistics';
import { ContractsExpiringCard } from './ContractsExpiringCard';
import { CoverageView } from './CoverageView';
import { ParetoView } from './ParetoView';
import { PortfolioView } from './PortfolioView';
import { SlippingView } from './SlippingView';
import { TierSuggestionsView } from './TierSuggestionsView';

/** Months to choose a window's end from, newest first: every month from the first bill to the latest. */
function monthChoices(billed: BilledMonths, chosen: string): string[] {
  const ends = [billed.defaultTo, chosen, billed.first ?? '', billed.last ?? ''].filter(Boolean).sort();
  const oldest = ends[0] ?? billed.defaultTo;
  const newest = ends.at(-1) ?? billed.defaultTo;
  return Array.from({ length: monthsBetween(oldest, newest) }, (_, back) => addMonths(newest, -back));
}

/**
 * The last month of the figures: a choice of the months that hold bills, starting at the latest
 * (bills come weeks after their month; a calendar month without them would show everyone down
 * 100%). The latest billed month says so.
 */
function MonthChoice() {
  const { t } = useTranslation();
  const billed = useStatistics((state) => state.billed);
  const chosen = useStatistics((state) => state.filters.to);
  const setFilters = useStatistics((state) => state.setFilters);
  const shown = chosen || billed?.defaultTo || '';
  return (
    <label>
      {t('statistics.to')}
      <select value={shown} disabled={!billed} onChange={(event) => setFilters({ to: event.target.value })}>
        {!billed && <option value="">{t('common.loading')}</option>}
        {billed &&
          monthChoices(billed, chosen).map((month) => (
            <option key={month} value={month}>
              {month === billed.last ? t('statistics.latestBilled', { month }) : month}
            </option>
          ))}
      </select>
    </label>
  );
}

function Filters() {
  const { t } = useTranslation();
  const filters = useStatistics((state) => state.filters);
  const view = useStatistics((state) => state.view);
  const setFilters = useStatistics((state) => state.setFilters);
  const windowed = view === 'portfolio' || view === 'pareto';
  // Coverage is as of today; tier suggestions use the last 12 months of every service.
  const periodic = view !== 'coverage' && view !== 'tiers';
  return (
    <div className="filters" role="group" aria-label={t('list.filters')}>
      {periodic && <MonthChoice />}
      {windowed && (
        <label>
          {t('statistics.months')}
          <select
            value={filters.months}
            onChange={(event) =>
              setFilters({ months: Number(event.target.value) as StatisticsFilters['months'] })
            }
          >
            {windowChoices.map((months) => (
              <option key={months} value={months}>
                {t('statistics.monthsCount', { count: months })}
              </option>
            ))}
          </select>
        </label>
      )}
      {periodic && (
        <label>
          {t('statistics.category')}
          <select
            value={filters.category}
            onChange={(event) => setFilters({ category: event.target.value as ConsumptionCategory | '' })}
          >
            <option value="">{t('statistics.allCategories')}</option>
            <Options values={consumptionCategories} label={(category) => t(`category.${category}`)} />
          </select>
        </label>
      )}
      <label>
        {t('anniversaries.scope')}
        <select
          value={filters.scope}
          onChange={(event) => setFilters({ scope: event.target.value as 'mine' | 'all' })}
        >
          <option value="all">{t('anniversaries.scopeAll')}</option>
          <option value="mine">{t('anniversaries.scopeMine')}</option>
        </select>
      </label>
      {view !== 'tiers' && (
        <label>
          {t('field.tier')}
          <select
            value={filters.tier}
            onChange={(event) => setFilters({ tier: event.target.value as Tier | '' })}
          >
            <option value="">{t('list.anyTier')}</option>
            <Options values={tiers} label={(tier) => t(`tier.${tier}`)} />
          </select>
        </label>
      )}
    </div>
  );
}

const panels: Record<StatisticsView, () => React.JSX.Element> = {
  portfolio: PortfolioView,
  pareto: ParetoView,
  slipping: SlippingView,
  coverage: CoverageView,
  tiers: TierSuggestionsView,
};

/** 消费统计: the portfolio, the 80/20 view, slipping accounts and visit coverage. */
export function StatisticsPage() {
  const { t } = useTranslation();
  const view = useStatistics((state) => state.view);
  const error = useStatistics((state) => state.error);
  const show = useStatistics((state) => state.show);
  useEffect(() => {
    useStatistics.getState().open();
    return () => useStatistics.getState().close();
  }, []);
  const Panel = panels[view];
  const moveTab = (event: React.KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const index = statisticsViews.indexOf(view);
    const next = statisticsViews[(index + step + statisticsViews.length) % statisticsViews.length] ?? view;
    show(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <section className="page statistics-page" aria-labelledby="statistics-title">
      <div className="page-header">
        <h1 id="statistics-title">{t('statistics.title')}</h1>
        <Filters />
      </div>
      <ContractsExpiringCard />
      <div className="tabs" role="tablist" aria-label={t('statistics.views')} onKeyDown={moveTab}>
        {statisticsViews.map((name) => (
          <button
            key={name}
            id={`tab-${name}`}
            type="button"
            role="tab"
            aria-selected={view === name}
            aria-controls="statistics-panel"
            tabIndex={view === name ? 0 : -1}
            onClick={() => show(name)}
          >
            {t(`statistics.view.${name}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
      <div id="statistics-panel" role="tabpanel" aria-labelledby={`tab-${view}`}>
        <Panel />
      </div>
    </section>
  );
}
