import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInUser } from '../../stores/session';
import { useSync } from '../../stores/sync';
import { ConflictInbox } from './ConflictInbox';
import { CsvExportCard } from './CsvExportCard';
import { ExportCard } from './ExportCard';
import { ImportCard } from './ImportCard';
import { PassphraseCard } from './PassphraseCard';
import { SharedNumbersCard } from './SharedNumbersCard';
import { SyncHistory } from './SyncHistory';
import { UserFileCard } from './UserFileCard';
import './sync.css';

/** The page's cards by their titles: one click brings a task below the fold into view. */
const jumps = [
  ['.sync-export', 'sync.export.title'],
  ['.sync-user-file', 'sync.forUser.title'],
  ['.sync-import', 'sync.import.title'],
  ['.sync-conflicts', 'sync.conflicts.title'],
  ['.sync-shared-numbers', 'sync.shared.title'],
  ['.sync-history', 'sync.history.title'],
  ['.csv-export-card', 'csvExport.title'],
] as const;

function Jumps({ forUser }: { forUser: boolean }) {
  const { t } = useTranslation();
  return (
    // A group, not a second navigation landmark: the app's navigation is the sidebar.
    <div className="sync-jumps" role="group" aria-label={t('sync.jumps')}>
      {jumps
        .filter(([selector]) => forUser || selector !== '.sync-user-file')
        .map(([selector, title]) => (
          <button
            key={selector}
            type="button"
            className="link"
            onClick={() =>
              document.querySelector(`.sync-page ${selector}`)?.scrollIntoView({ block: 'start' })
            }
          >
            {t(title)}
          </button>
        ))}
    </div>
  );
}

/**
 * 同步: the team passphrase, export and import of sync files (with a preview), the conflicts a
 * merge left for a person, accounts sharing a number, the record of files, and head office's
 * CSV export. An administrator also writes a file for one user, to join from on a new computer.
 */
export function SyncPage() {
  const { t } = useTranslation();
  // Only an administrator may write a file for another user (the service refuses the rest).
  const forUser = useSignedInUser()?.role === 'admin';
  useEffect(() => {
    useSync.getState().open();
    return () => useSync.getState().close();
  }, []);
  return (
    <section className="page sync-page" aria-labelledby="sync-title">
      <div className="page-header">
        <h1 id="sync-title">{t('sync.title')}</h1>
      </div>
      <p className="muted sync-intro">{t('sync.intro')}</p>
      <Jumps forUser={forUser} />
      <div className="sync-grid">
        <PassphraseCard />
        {/* Beside the passphrase: the two exports, one under the other. */}
        <div className="sync-exports">
          <ExportCard />
          {forUser && <UserFileCard />}
        </div>
        <ImportCard />
        <ConflictInbox />
        <SharedNumbersCard />
        <SyncHistory />
        <CsvExportCard />
      </div>
    </section>
  );
}
