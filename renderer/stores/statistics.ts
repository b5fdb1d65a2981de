import { create } from 'zustand';
import type { InputOf } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type {
  ConsumptionCategory,
  CoverageStats,
  ParetoStats,
  PortfolioStats,
  SlippingStats,
  Tier,
  TierSuggestions,
} from '../../shared/types';
import { api } from '../api';
import { useSettings } from './settings';

/**
 * The Statistics screen: one set of filters, four views, each fetched when shown and again
 * when data changes. A ticket per view drops answers that arrive after a newer question.
 */
export const statisticsViews = ['portfolio', 'pareto', 'slipping', 'coverage', 'tiers'] as const;
export type StatisticsView = (typeof statisticsViews)[number];
export const windowChoices = [3, 6, 12, 24] as const;
export const thresholdChoices = [0.1, 0.2, 0.3, 0.5] as const;

export interface StatisticsFilters {
  /** Last billing month of the window, `YYYY-MM`; '' for the last complete month. */
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
  readonly loading: boolean;
  readonly error: ApiError | null;
  readonly active: boolean;
  open(): void;
  close(): void;
  show(view: StatisticsView): void;
  setFilters(patch: Partial<StatisticsFilters>): void;
  refresh(): void;
}

const tickets: Record<StatisticsView, number> = {
  portfolio: 0,
  pareto: 0,
  slipping: 0,
  coverage: 0,
  tiers: 0,
};

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

function fetchView(view: StatisticsView, filters: StatisticsFilters): Promise<Results[StatisticsView]> {
  const scope = scopeOf(filters);
  const window = windowOf(filters);
  switch (view) {
    case 'portfolio':
      return api.stats.portfolio({ ...window, ...scope, months: filters.months, top: 20 });
    case 'pareto':
      return api.stats.pareto({ ...window, ...scope, months: filters.months, by: filters.paretoBy, top: 50 });
    case 'slipping':
      return api.stats.slipping({ ...window, ...scope, threshold: filters.threshold, limit: 100 });
    case 'coverage':
      return api.stats.coverage({ ...scope, limit: 200 });
    case 'tiers':
      return api.tiers.suggestions({
        ...(scope.owner === undefined ? {} : { owner: scope.owner }),
        limit: 200,
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
    set({ filters: { ...get().filters, ...patch } });
    get().refresh();
  },
  refresh: () => {
    const { view, filters, active } = get();
    if (!active) return;
    const ticket = ++tickets[view];
    set({ loading: true, error: null });
    fetchView(view, filters).then(
      (result) => {
        if (ticket === tickets[view]) set({ [view]: result, loading: false } as Partial<StatisticsState>);
      },
      (error: unknown) => {
        if (ticket === tickets[view])
          set({
            loading: false,
            error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)),
          });
      },
    );
  },
}));
