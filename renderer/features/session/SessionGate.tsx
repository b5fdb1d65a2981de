import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../api';
import { useSession } from '../../stores/session';
import { useSettings } from '../../stores/settings';
import { SetUpScreen } from './SetUpScreen';
import { SignInScreen } from './SignInScreen';

/** Use of the window tells main the user is there (idle minutes lock the book): at most twice a minute. */
const activityEveryMs = 30_000;

/**
 * Nothing of the book shows before a sign-in: set-up, sign-in, then the app. A lock (from
 * main: the user's, or after idle minutes) reloads the window, which drops every store.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession((state) => state.session);
  const [settingsLoaded, setSettingsLoaded] = useState(false);
  const open = session?.state === 'open';

  useEffect(() => {
    void useSession.getState().load();
    return window.fieldbook.on('session.changed', (state) => {
      if (state.state !== 'open' && useSession.getState().session?.state === 'open') {
        window.location.reload();
        return;
      }
      useSession.getState().set(state);
    });
  }, []);

  useEffect(() => {
    if (!open) return;
    void useSettings
      .getState()
      .load()
      .finally(() => setSettingsLoaded(true));
    let last = 0;
    const used = () => {
      const now = Date.now();
      if (now - last < activityEveryMs) return;
      last = now;
      void api.session.status();
    };
    const kinds = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const kind of kinds) window.addEventListener(kind, used, { passive: true });
    return () => {
      for (const kind of kinds) window.removeEventListener(kind, used);
    };
  }, [open]);

  if (session === null) return null;
  if (session.state === 'setup') return <SetUpScreen bookExists={session.bookExists} />;
  if (session.state === 'locked') return <SignInScreen lastUser={session.lastUser} />;
  return settingsLoaded ? children : null;
}
