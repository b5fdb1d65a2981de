import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSync } from '../../stores/sync';
import { ConflictInbox } from './ConflictInbox';
import { CsvExportCard } from './CsvExportCard';
import { ExportCard } from './ExportCard';
import { ImportCard } from './ImportCard';
import { PassphraseCard } from './PassphraseCard';
import { SharedNumbersCard } from './SharedNumbersCard';
import { SyncHistory } from './SyncHistory';
import './sync.css';

/** The page's cards by their titles: one click brings a task below the fold into view. */
const jumps = [
  ['.sync-export', 'sync.export.title'],
  ['.sync-import', 'sync.import.title'],
  ['.sync-conflicts', 'sync.conflicts.title'],
  ['.sync-shared-numbers', 'sync.shared.title'],
  ['.sync-history', 'sync.history.title'],
  ['.csv-export-card', 'csvExport.title'],
] as const;

function Jumps() {
  const { t } = useTranslation();
  return (
    // A group, not a second navigation landmark: the app's navigation is the sidebar.
    <div className="sync-jumps" role="group" aria-label={t('sync.jumps')}>
      {jumps.map(([selector, title]) => (
        <button
          key={selector}
          type="button"
          className="link"
          onClick={() => document.querySelector(`.sync-page ${selector}`)?.scrollIntoView({ block: 'start' })}
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
 * CSV export.
 */
export function SyncPage() {
  const { t } = useTranslation();
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
      <Jumps />
      <div className="sync-grid">
        <PassphraseCard />
        <ExportCard />
        <ImportCard />
        <ConflictInbox />
        <SharedNumbersCard />
        <SyncHistory />
        <CsvExportCard />
      </div>
    </section>
  );
}
