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
