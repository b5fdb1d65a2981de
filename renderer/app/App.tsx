import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ToastView } from '../components/ToastView';
import { AccountPage } from '../features/account/AccountPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AgendaPage } from '../features/agenda/AgendaPage';
import { AnniversariesPage } from '../features/anniversaries/AnniversariesPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { AccountForm } from '../features/forms/AccountForm';
import { ImportPage } from '../features/import/ImportPage';
import { SearchPage } from '../features/search/SearchPage';
import { HandoverPage } from '../features/handover/HandoverPage';
import { MaintenancePage } from '../features/maintenance/MaintenancePage';
import { FirstRunDialog } from '../features/settings/FirstRunDialog';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StatisticsPage } from '../features/statistics/StatisticsPage';
import { StorageBanner } from '../features/storage/StorageBanner';
import { SyncPage } from '../features/sync/SyncPage';
import { useAgenda } from '../stores/agenda';
import { useAnniversaries } from '../stores/anniversaries';
import { useMay, useSignedInUser } from '../stores/session';
import { useSettings } from '../stores/settings';
import { useUsers } from '../stores/users';
import { SignedInAs } from '../features/session/SignedInAs';
import { UsersPage } from '../features/session/UsersPage';
import { hrefFor, navigate, useRoute, type Route } from './router';

function NavLink({
  route,
  label,
  current,
  shortcut,
  badge,
}: {
  route: Route;
  label: string;
  current: Route;
  shortcut?: string;
  /** A count worth a glance (anniversaries today, agenda items due), with its words for screen readers. */
  badge?: { count: number; label: string } | undefined;
}) {
  return (
    <a href={hrefFor(route)} aria-current={current.page === route.page ? 'page' : undefined}>
      {label}
      {shortcut && <kbd>{shortcut}</kbd>}
      {badge && badge.count > 0 && (
        <span className="nav-badge">
          <span aria-hidden="true">{badge.count}</span>
          <span className="visually-hidden">{badge.label}</span>
        </span>
      )}
    </a>
  );
}

/** The shell: navigation on the left, one screen on the right, Ctrl/Cmd+K to search anywhere. */
export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const todayCount = useAnniversaries((state) => state.todayCount) ?? 0;
  const settings = useSettings((state) => state.settings);
  const agendaDue = useAgenda((state) => state.due) ?? 0;
  const user = useSignedInUser();
  // Pages a role cannot use are not offered (main refuses their operations all the same).
  const may = useMay();
  // The users' names (managers are shown by name): loaded once the book is open to this window.
  useEffect(() => useUsers.getState().refresh(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        // Another screen: the search screen focuses its box as it mounts.
        if (route.page !== 'search') navigate({ page: 'search' });
        else {
          const box = document.getElementById('search-box') as HTMLInputElement | null;
          box?.focus();
          box?.select();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.page]);
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <span>{t('app.tagline')}</span>
        </div>
        <NavLink
          route={{ page: 'search' }}
          current={route}
          label={t('nav.search')}
          shortcut={t('nav.shortcut')}
        />
        <NavLink
          route={{ page: 'agenda' }}
          current={route}
          label={t('nav.agenda')}
          badge={{ count: agendaDue, label: t('nav.agendaBadge', { count: agendaDue }) }}
        />
        <NavLink route={{ page: 'accounts' }} current={route} label={t('nav.accounts')} />
        <NavLink
          route={{ page: 'anniversaries' }}
          current={route}
          label={t('nav.anniversaries')}
          badge={{ count: todayCount, label: t('nav.todayBadge', { count: todayCount }) }}
        />
        <NavLink route={{ page: 'statistics' }} current={route} label={t('nav.statistics')} />
        <NavLink route={{ page: 'import' }} current={route} label={t('nav.import')} />
        <NavLink route={{ page: 'sync' }} current={route} label={t('nav.sync')} />
        {may('team') && <NavLink route={{ page: 'backups' }} current={route} label={t('nav.backups')} />}
        {may('audit') && <NavLink route={{ page: 'audit' }} current={route} label={t('nav.audit')} />}
        {may('admin') && (
          <NavLink route={{ page: 'maintenance' }} current={route} label={t('nav.maintenance')} />
        )}
        {may('admin') && <NavLink route={{ page: 'users' }} current={route} label={t('nav.users')} />}
        <NavLink route={{ page: 'new' }} current={route} label={`+ ${t('nav.newAccount')}`} />
        <NavLink route={{ page: 'settings' }} current={route} label={t('nav.settings')} />
        {user && <SignedInAs user={user} />}
      </nav>
      <main>
        <StorageBanner />
        {route.page === 'search' && <SearchPage />}
        {route.page === 'new' && (
          <>
            <SearchPage />
            <AccountForm
              onClose={() => navigate({ page: 'search' })}
              onSaved={(account) => navigate({ page: 'account', id: account.id })}
            />
          </>
        )}
        {route.page === 'accounts' && <AccountsPage />}
        {route.page === 'agenda' && <AgendaPage />}
        {route.page === 'anniversaries' && <AnniversariesPage />}
        {route.page === 'statistics' && <StatisticsPage />}
        {route.page === 'import' && <ImportPage />}
        {route.page === 'sync' && <SyncPage />}
        {route.page === 'backups' && <BackupsPage />}
        {route.page === 'handover' && <HandoverPage />}
        {route.page === 'audit' && <AuditPage />}
        {route.page === 'maintenance' && <MaintenancePage />}
        {route.page === 'account' && <AccountPage key={route.id} id={route.id} />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'users' && <UsersPage />}
      </main>
      {/* Behind the sign-in door the user's code is the manager code: nothing to ask. */}
      {!user && settings && settings.managerCode === '' && <FirstRunDialog settings={settings} />}
      <ToastView />
    </div>
  );
}
