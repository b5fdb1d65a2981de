import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { showUnhandledRefusals } from './app/refusalToasts';
import { navigate } from './app/router';
import './app/styles.css';
import './i18n';
import { watchDayChange } from './features/anniversaries/days';
import { SessionGate } from './features/session/SessionGate';
import { useAccountList } from './stores/accountList';
import { useAccounts } from './stores/account';
import { useAgenda } from './stores/agenda';
import { useAnniversaries } from './stores/anniversaries';
import { useBackups } from './stores/backups';
import { useImports } from './stores/imports';
import { useSearch } from './stores/search';
import { useSettings } from './stores/settings';
import { useStatistics } from './stores/statistics';
import { useSync } from './stores/sync';
import { useUsers } from './stores/users';

/**
 * Stores are caches of what SQLite holds. When main reports a change, each refetches what it
 * shows, so every screen stays true without the screens knowing about each other.
 */
window.fieldbook.on('data.changed', () => {
  useAccounts.getState().refreshAll();
  useSearch.getState().refresh();
  if (useAccountList.getState().total !== null) useAccountList.getState().invalidate();
  useAnniversaries.getState().refresh();
  useAgenda.getState().refresh();
  useImports.getState().refresh();
  useStatistics.getState().refresh();
  useSync.getState().refresh();
  useBackups.getState().refresh();
  useUsers.getState().refresh();
});

// Today's anniversaries change at midnight, and with whose accounts are "mine" (the manager
// code, also when the settings first load).
watchDayChange(() => {
  useAnniversaries.getState().newDay();
  useAgenda.getState().newDay();
});
useSettings.subscribe((state, previous) => {
  if (state.settings?.actor === previous.settings?.actor) return;
  useAnniversaries.getState().refresh();
  useAgenda.getState().refresh();
});

showUnhandledRefusals();

// A click on a reminder notification (Electron) opens the account it is about; on a follow-up's,
// the agenda, where it can be done or moved.
window.fieldbook.on('reminder.activated', (target) =>
  navigate(target.kind === 'followUp' ? { page: 'agenda' } : { page: 'account', id: target.accountId }),
);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SessionGate>
        <App />
      </SessionGate>
    </StrictMode>,
  );
}
