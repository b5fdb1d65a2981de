import { create } from 'zustand';
import type { InputOf } from '../../shared/api';
import type { AccountListRow, AccountPage } from '../../shared/types';
import { api } from '../api';

/**
 * The accounts list: 100,000 rows are never all in memory. Rows are fetched in pages as the
 * virtual list scrolls to them; changing filters or data starts over.
 */
export type ListFilters = Omit<InputOf<'accounts.list'>, 'offset' | 'limit'>;
export type ListSort = NonNullable<ListFilters['sort']>;

export const pageSize = 200;

/** The way each sort first goes: the names A→Z, the biggest revenue and the newest first, the
 * longest without a contact first (never contacted at the top). */
export const firstDirection: Record<ListSort, 'asc' | 'desc'> = {
  name: 'asc',
  customerNo: 'asc',
  tier: 'asc',
  createdAt: 'desc',
  updatedAt: 'desc',
  revenue12m: 'desc',
  lastContact: 'asc',
};

const defaultFilters: ListFilters = { status: 'active', sort: 'name', direction: 'asc' };

/** Filters that narrow the list (sort and direction only order it). */
const narrowing = ['kind', 'tiers', 'owner', 'region', 'name'] as const;

interface ListState {
  readonly filters: ListFilters;
  readonly total: number | null;
  readonly revenueWindow: AccountPage['revenueWindow'];
  readonly pages: Readonly<Record<number, readonly AccountListRow[]>>;
  readonly version: number;
  setFilters(patch: Partial<ListFilters>): void;
  /** Sets one filter; an empty value removes it. */
  setFilter<K extends keyof ListFilters>(key: K, value: ListFilters[K] | undefined): void;
  /** Orders by `sort`: the other way round when it already is, else its first way. */
  sortBy(sort: ListSort): void;
  /** Back to every active account, keeping the order. */
  clearFilters(): void;
  ensure(firstRow: number, lastRow: number): void;
  invalidate(): void;
}

/** Some filter other than the default status narrows the list. */
export function isFiltered(filters: ListFilters): boolean {
  return (filters.status ?? 'active') !== 'active' || narrowing.some((key) => filters[key] !== undefined);
}

const requested = new Set<string>();

export const useAccountList = create<ListState>((set, get) => ({
  filters: defaultFilters,
  total: null,
  revenueWindow: null,
  pages: {},
  version: 0,
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
    get().invalidate();
  },
  setFilter(key, value) {
    const entries = Object.entries({ ...get().filters, [key]: value });
    set({
      filters: Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== '')) as ListFilters,
    });
    get().invalidate();
  },
  sortBy(sort) {
    const { filters } = get();
    const direction =
      filters.sort === sort ? (filters.direction === 'asc' ? 'desc' : 'asc') : firstDirection[sort];
    get().setFilters({ sort, direction });
  },
  clearFilters() {
    const { sort, direction } = get().filters;
    set({ filters: { ...defaultFilters, sort, direction } });
    get().invalidate();
  },
  invalidate() {
    requested.clear();
    set({ pages: {}, total: null, version: get().version + 1 });
    get().ensure(0, pageSize - 1);
  },
  ensure(firstRow, lastRow) {
    const { version, filters } = get();
    for (let page = Math.floor(firstRow / pageSize); page <= Math.floor(lastRow / pageSize); page++) {
      const key = `${version}:${page}`;
      if (requested.has(key) || get().pages[page]) continue;
      requested.add(key);
      void api.accounts.list({ ...filters, offset: page * pageSize, limit: pageSize }).then((result) => {
        if (get().version !== version) return;
        set({
          total: result.total,
          revenueWindow: result.revenueWindow,
          pages: { ...get().pages, [page]: result.rows },
        });
      });
    }
  },
}));
