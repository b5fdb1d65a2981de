import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../shared/types';
import { useBackups } from '../../stores/backups';
import { useSettings } from '../../stores/settings';
import { useToast } from '../../stores/toast';
import { AuditCheck } from './AuditCheck';
import { BackupSettings } from './BackupSettings';
import { BackupTable } from './BackupTable';
import { backupTime } from './format';
import { RestoreDialog } from './RestoreDialog';
import './backups.css';

/** Where backups are kept, and "Back up now" (disabled while it runs; a toast when done). */
function BackupHeader() {
  const { t } = useTranslation();
  const folder = useBackups((state) => state.list?.folder);
  const creating = useBackups((state) => state.creating);
  const error = useBackups((state) => state.createError);
  const backUp = async () => {
    const backup = await useBackups.getState().create();
    if (backup) useToast.getState().show({ message: t('backups.created', { at: backupTime(backup) }) });
  };
  return (
    <>
      <div className="backup-header">
        <p className="backup-folder">
          {t('backups.folder')} <code>{folder ?? '…'}</code>
        </p>
        <button type="button" className="primary" disabled={creating} onClick={() => void backUp()}>
          {creating ? t('backups.creating') : t('backups.create')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
    </>
  );
}

/** Said after the window reloaded with a restored book: which backup, and where the book went. */
function RestoredNotice() {
  const { t } = useTranslation();
  const restored = useBackups((state) => state.restored);
  if (!restored) return null;
  return (
    <div className="import-done backup-restored" role="status">
      <p>
        {t('backups.restoredNotice', { file: restored.restored, safety: restored.safetyBackup })}
        {restored.erasedAgain > 0 && ` ${t('backups.restoredErased', { count: restored.erasedAgain })}`}
      </p>
      <button type="button" className="link" onClick={() => useBackups.getState().dismissRestored()}>
        {t('common.close')}
      </button>
    </div>
  );
}

/**
 * 备份: the verified copies beside the book (taken by hand, every day, before an upgrade or a
 * restore), each checked or restored from here; automatic backups; the audit log's check.
 */
export function BackupsPage() {
  const { t } = useTranslation();
  const list = useBackups((state) => state.list);
  const listError = useBackups((state) => state.listError);
  const settings = useSettings((state) => state.settings);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  useEffect(() => {
    useBackups.getState().open();
    return () => useBackups.getState().close();
  }, []);
  return (
    <section className="page backups-page" aria-labelledby="backups-title">
      <div className="page-header">
        <h1 id="backups-title">{t('backups.title')}</h1>
      </div>
      <RestoredNotice />
      <BackupHeader />
      {listError && (
        <p className="form-error" role="alert">
          {t(`error.${listError.code}`)}
        </p>
      )}
      {list ? (
        <BackupTable backups={list.backups} onRestore={setRestoring} />
      ) : (
        !listError && <p className="muted">{t('common.loading')}</p>
      )}
      <div className="backup-grid">
        {settings && <BackupSettings settings={settings} />}
        <AuditCheck />
      </div>
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </section>
  );
}
