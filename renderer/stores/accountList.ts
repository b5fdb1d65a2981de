import { create } from 'zustand';
import type { InputOf } from '../../shared/api';
import type { AccountSummary } from '../../shared/types';
import { api } from '../api';

/**
 * The accounts list: 100,000 rows are never all in memory. Rows are fetched in pages as the
 * virtual list scrolls to them; changing filters or data starts over.
 */
export type ListFilters = Omit<InputOf<'accounts.list'>, 'offset' | 'limit'>;

export const pageSize = 200;

interface ListState {
  readonly filters: ListFilters;
  readonly total: number | null;
  readonly pages: Readonly<Record<number, readonly AccountSummary[]>>;
  readonly version: number;
  setFilters(patch: Partial<ListFilters>): void;
  /** Sets one filter; an empty value removes it. */
  setFilter<K extends keyof ListFilters>(key: K, value: ListFilters[K] | undefined): void;
  ensure(firstRow: number, lastRow: number): void;
  invalidate(): void;
}

const requested = new Set<string>();

export const useAccountList = create<ListState>((set, get) => ({
  filters: { status: 'active', sort: 'name', direction: 'asc' },
  total: null,
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
        set({ total: result.total, pages: { ...get().pages, [page]: result.rows } });
      });
    }
  },
}));
