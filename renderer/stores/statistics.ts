import { create } from 'zustand';
import type { InputOf } from '../../shared/api';
import type { ApiError } from '../../shared/errors';
import { statsRowsMax } from '../../shared/schemas';
import type {
  BilledMonths,
  ConsumptionCategory,
  CoverageStats,
  ParetoStats,
  PortfolioStats,
  SlippingStats,
  Tier,
  TierSuggestions,
} from '../../shared/types';
import { api } from '../api';
import { latestPer } from './latest';
import { useSettings } from './settings';

/**
 * The Statistics screen: one set of filters, four views, each fetched when shown and again
 * when data changes. A ticket per view drops answers that arrive after a newer question.
 */
export const statisticsViews = ['portfolio', 'pareto', 'slipping', 'coverage', 'tiers'] as const;
export type StatisticsView = (typeof statisticsViews)[number];
export const windowChoices = [3, 6, 12, 24] as const;
export const thresholdChoices = [0.1, 0.2, 0.3, 0.5] as const;

/** Views that list rows a page at a time, and how many rows a page adds. */
export type ListedView = 'slipping' | 'coverage' | 'tiers';
export const pageSize: Record<ListedView, number> = { slipping: 100, coverage: 200, tiers: 200 };

export interface StatisticsFilters {
  /** Last billing month of the window, `YYYY-MM`; '' for the book's latest billed month. */
  readonly to: string;
  readonly months: (typeof windowChoices)[number];
  readonly category: ConsumptionCategory | '';
  /** `mine`: the accounts of the manager code set in Settings, else of the OS user. */
  readonly scope: 'mine' | 'all';
  readonly tier: Tier | '';
  readonly paretoBy: 'account' | 'group';
  readonly threshold: (typeof thresholdChoices)[number];
}

interface Results {
  readonly portfolio: PortfolioStats | null;
  readonly pareto: ParetoStats | null;
  readonly slipping: SlippingStats | null;
  readonly coverage: CoverageStats | null;
  readonly tiers: TierSuggestions | null;
}

interface StatisticsState extends Results {
  readonly view: StatisticsView;
  readonly filters: StatisticsFilters;
  /** Rows asked for in each listed view: a page, plus a page per "show more". */
  readonly limits: Record<ListedView, number>;
  /** The book's billed months, from the latest answer that carried them (the month choice). */
  readonly billed: BilledMonths | null;
  readonly loading: boolean;
  readonly error: ApiError | null;
  readonly active: boolean;
  open(): void;
  close(): void;
  show(view: StatisticsView): void;
  setFilters(patch: Partial<StatisticsFilters>): void;
  /** Lists the next page of a listed view (up to the contract's `statsRowsMax`). */
  showMore(view: ListedView): void;
  refresh(): void;
}

/** A question per view: its answer lands only if the view was not asked again since. */
const latest = latestPer<StatisticsView>();

function scopeOf(filters: StatisticsFilters): Pick<InputOf<'stats.portfolio'>, 'owner' | 'tiers'> {
  const actor = useSettings.getState().settings?.actor ?? '';
  return {
    ...(filters.scope === 'mine' && actor !== '' ? { owner: actor } : {}),
    ...(filters.tier === '' ? {} : { tiers: [filters.tier] }),
  };
}

function windowOf(filters: StatisticsFilters) {
  return {
    ...(filters.to === '' ? {} : { to: filters.to }),
    ...(filters.category === '' ? {} : { categories: [filters.category] }),
  };
}

function fetchView(
  view: StatisticsView,
  filters: StatisticsFilters,
  limits: Record<ListedView, number>,
): Promise<Results[StatisticsView]> {
  const scope = scopeOf(filters);
  const window = windowOf(filters);
  switch (view) {
    case 'portfolio':
      return api.stats.portfolio({ ...window, ...scope, months: filters.months, top: 20 });
    case 'pareto':
      return api.stats.pareto({ ...window, ...scope, months: filters.months, by: filters.paretoBy, top: 50 });
    case 'slipping':
      return api.stats.slipping({
        ...window,
        ...scope,
        threshold: filters.threshold,
        limit: limits.slipping,
      });
    case 'coverage':
      return api.stats.coverage({ ...scope, limit: limits.coverage });
    case 'tiers':
      return api.tiers.suggestions({
        ...(scope.owner === undefined ? {} : { owner: scope.owner }),
        limit: limits.tiers,
      });
  }
}

export const useStatistics = create<StatisticsState>()((set, get) => ({
  view: 'portfolio',
  filters: {
    to: '',
    months: 12,
    category: '',
    scope: 'all',
    tier: '',
    paretoBy: 'account',
    threshold: 0.2,
  },
  limits: pageSize,
  billed: null,
  portfolio: null,
  pareto: null,
  slipping: null,
  coverage: null,
  tiers: null,
  loading: false,
  error: null,
  active: false,
  open: () => {
    set({ active: true });
    get().refresh();
  },
  close: () => set({ active: false }),
  show: (view) => {
    set({ view });
    get().refresh();
  },
  setFilters: (patch) => {
    // Other filters ask another question: its list starts again at one page.
    set({ filters: { ...get().filters, ...patch }, limits: pageSize });
    get().refresh();
  },
  showMore: (view) => {
    const limits = get().limits;
    set({ limits: { ...limits, [view]: Math.min(statsRowsMax, limits[view] + pageSize[view]) } });
    get().refresh();
  },
  refresh: () => {
    const { view, filters, limits, active } = get();
    if (!active) return;
    set({ loading: true, error: null });
    void latest(view).ask(
      fetchView(view, filters, limits),
      (result) => {
        const billed = result && 'billed' in result ? result.billed : get().billed;
        set({ [view]: result, billed, loading: false } as Partial<StatisticsState>);
      },
      (error) => set({ loading: false, error }),
    );
  },
}));
