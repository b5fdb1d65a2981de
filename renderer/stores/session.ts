import { create } from 'zustand';
import type { Access } from '../../shared/api';
import { roleMayRun } from '../../shared/scopes';
import type { SessionState } from '../../shared/types';
import { api } from '../api';

/**
 * Who is signed in, as main's sign-in door says. A lock (the user's, or after idle minutes)
 * reloads the window: nothing of the book stays in its memory (../features/session/).
 */
interface SessionStore {
  readonly session: SessionState | null;
  load(): Promise<void>;
  set(session: SessionState): void;
}

export const useSession = create<SessionStore>((set) => ({
  session: null,
  async load() {
    set({ session: await api.session.status() });
  },
  set(session) {
    set({ session });
  },
}));

/** The signed-in user, when the book is behind the door; null otherwise. */
export function useSignedInUser() {
  return useSession((state) =>
    state.session?.state === 'open' && state.session.guarded ? state.session.user : null,
  );
}

/** Whether the signed-in user's role may use what needs `access` (always, behind no door). */
export function useMay(): (access: Access) => boolean {
  const user = useSignedInUser();
  return (access) => user === null || roleMayRun(user.role, access);
}
