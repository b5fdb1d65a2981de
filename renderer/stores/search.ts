import { create } from 'zustand';
import type { LookupResult } from '../../shared/types';
import { api } from '../api';
import { Latest } from './latest';

/**
 * The one search box. Every keystroke asks; answers that arrive after a newer question are
 * dropped, so the list always matches what is in the box — once its answer is in. Until then
 * the list on screen is the previous text's, so Enter waits for the answer to the text in the
 * box (`choose`) instead of opening what happens to be listed.
 */
interface SearchState {
  readonly query: string;
  readonly result: LookupResult | null;
  readonly selected: number;
  /** How many hits to ask for: `firstPage`, more after "show more". */
  readonly limit: number;
  setQuery(query: string): void;
  move(delta: number): void;
  select(index: number): void;
  /** Asks again for the same text with `morePage` more hits. */
  showMore(): void;
  /**
   * The id of the account Enter opens: the selected hit among the results for the text in the
   * box, waiting for them if they are not in yet. null when nothing matches, or when the text
   * changed while waiting (that Enter was for a text no longer there).
   */
  choose(): Promise<string | null>;
  refresh(): void;
}

export const firstPage = 30;
export const morePage = 100;
/** The contract's largest limit; past it the query needs narrowing. */
export const largestPage = 500;

const latest = new Latest();
/** The answer to the latest question, settled (landed or dropped) or not. */
let answer: Promise<void> = Promise.resolve();

/** The result is the answer to exactly this text (not a previous one still on screen). */
export function isCurrent(result: LookupResult | null, query: string): result is LookupResult {
  return result !== null && result.query === query;
}

export const useSearch = create<SearchState>((set, get) => {
  const ask = (query: string, limit: number, keepSelection: boolean) => {
    answer = latest.ask(
      api.lookup.search({ query, limit }),
      (result) => {
        const selected = keepSelection ? Math.min(get().selected, Math.max(0, result.hits.length - 1)) : 0;
        set({ result, selected });
      },
      () => set({ result: { query, kind: 'empty', hits: [], total: 0, totalCapped: false }, selected: 0 }),
    );
  };
  return {
    query: '',
    result: null,
    selected: 0,
    limit: firstPage,
    setQuery(query) {
      set({ query, limit: firstPage });
      if (query.trim() === '') {
        latest.drop();
        answer = Promise.resolve();
        set({ result: null, selected: 0 });
        return;
      }
      ask(query, firstPage, false);
    },
    move(delta) {
      const count = get().result?.hits.length ?? 0;
      if (count === 0) return;
      set({ selected: (get().selected + delta + count) % count });
    },
    select(index) {
      set({ selected: index });
    },
    showMore() {
      const { query, limit } = get();
      if (query.trim() === '' || limit >= largestPage) return;
      const next = Math.min(largestPage, limit === firstPage ? morePage : limit + morePage);
      set({ limit: next });
      ask(query, next, true);
    },
    async choose() {
      const query = get().query;
      if (query.trim() === '') return null;
      // An answer that lands may be dropped for a newer question: wait until the one on screen
      // is for this text, or the text has changed.
      while (!isCurrent(get().result, query)) {
        const waiting = answer;
        await waiting;
        if (get().query !== query) return null;
        if (waiting === answer && !isCurrent(get().result, query)) return null;
      }
      const { result, selected } = get();
      return result?.hits[selected]?.account.id ?? null;
    },
    refresh() {
      const { query, limit } = get();
      if (query.trim() === '') return;
      ask(query, limit, true);
    },
  };
});
