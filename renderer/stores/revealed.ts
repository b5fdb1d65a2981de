import { create } from 'zustand';
import type { RevealedAccount } from '../../shared/types';

/**
 * What `accounts.reveal` showed of one account (its numbers, its birth years), for the cards of
 * its page; forgotten when another account's page opens, and with the page at a lock (reload).
 */
interface RevealedStore {
  readonly accountId: string | null;
  readonly revealed: RevealedAccount | null;
  set(accountId: string, revealed: RevealedAccount): void;
}

export const useRevealedStore = create<RevealedStore>((set) => ({
  accountId: null,
  revealed: null,
  set(accountId, revealed) {
    set({ accountId, revealed });
  },
}));

/** What was revealed of this account, or null. */
export function useRevealed(accountId: string): RevealedAccount | null {
  return useRevealedStore((store) => (store.accountId === accountId ? store.revealed : null));
}
