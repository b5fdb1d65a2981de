import { create } from 'zustand';
import type { AccountDetail } from '../../shared/types';
import { ApiError } from '../../shared/errors';
import { api } from '../api';

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

export const useAccounts = create<AccountState>((set, get) => ({
  entries: {},
  async load(id) {
    try {
      const detail = await api.accounts.detail({ id });
      set({ entries: { ...get().entries, [id]: { detail } } });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('INTERNAL', String(error));
      set({ entries: { ...get().entries, [id]: { error: apiError } } });
    }
  },
  refreshAll() {
    for (const id of Object.keys(get().entries)) void get().load(id);
  },
}));
