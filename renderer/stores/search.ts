import { create } from 'zustand';
import type { LookupResult } from '../../shared/types';
import { api } from '../api';

/**
 * The one search box. Every keystroke asks; answers that arrive after a newer question are
 * dropped, so the list always matches what is in the box.
 */
interface SearchState {
  readonly query: string;
  readonly result: LookupResult | null;
  readonly selected: number;
  setQuery(query: string): void;
  move(delta: number): void;
  select(index: number): void;
  refresh(): void;
}

let latest = 0;

export const useSearch = create<SearchState>((set, get) => ({
  query: '',
  result: null,
  selected: 0,
  setQuery(query) {
    set({ query });
    const ticket = ++latest;
    if (query.trim() === '') {
      set({ result: null, selected: 0 });
      return;
    }
    void api.lookup.search({ query, limit: 30 }).then(
      (result) => {
        if (ticket === latest) set({ result, selected: 0 });
      },
      () => {
        if (ticket === latest) set({ result: { query, kind: 'empty', hits: [] }, selected: 0 });
      },
    );
  },
  move(delta) {
    const count = get().result?.hits.length ?? 0;
    if (count === 0) return;
    set({ selected: (get().selected + delta + count) % count });
  },
  select(index) {
    set({ selected: index });
  },
  refresh() {
    const { query, selected } = get();
    if (query.trim() === '') return;
    const ticket = ++latest;
    void api.lookup.search({ query, limit: 30 }).then((result) => {
      if (ticket === latest)
        set({ result, selected: Math.min(selected, Math.max(0, result.hits.length - 1)) });
    });
  },
}));
