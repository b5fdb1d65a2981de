import { create } from 'zustand';
import type { AccountDetail } from '../../shared/types';
import type { ApiError } from '../../shared/errors';
import { api } from '../api';
import { latestPer } from './latest';

/** Account 360° views, cached by id and refetched when the data changes. */
interface Entry {
  readonly detail?: AccountDetail;
  readonly error?: ApiError;
}

interface AccountState {
  readonly entries: Readonly<Record<string, Entry>>;
  load(id: string): Promise<void>;
  refreshAll(): void;
}

/** Per account: a refetch asked after a change wins over an older one still on its way. */
const latest = latestPer<string>();

export const useAccounts = create<AccountState>((set, get) => ({
  entries: {},
  load(id) {
    const land = (entry: Entry) => set({ entries: { ...get().entries, [id]: entry } });
    return latest(id).ask(
      api.accounts.detail({ id }),
      (detail) => land({ detail }),
      (error) => land({ error }),
    );
  },
  refreshAll() {
    for (const id of Object.keys(get().entries)) void get().load(id);
  },
}));
