import { create } from 'zustand';
import { api } from '../api';

/**
 * The book's users by code (lower case) → name: how a manager code is shown to people
 * (`useManagerName`). Empty in a book without users; refreshed with every change main reports.
 */
interface UsersStore {
  readonly names: Readonly<Record<string, string>>;
  refresh(): void;
}

export const useUsers = create<UsersStore>((set) => ({
  names: {},
  refresh() {
    api.users.list().then(
      (users) =>
        set({ names: Object.fromEntries(users.map((user) => [user.code.toLowerCase(), user.name])) }),
      // Only the names are missing: codes are shown as they are.
      () => undefined,
    );
  },
}));
