import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { BackupInfo, BackupPreview } from '../../../shared/types';
import { Dialog } from '../../components/Dialog';
import { useBackups } from '../../stores/backups';
import { asApiError } from '../../stores/latest';
import { backupTime, countText, countedTables, reasonText } from './format';

/** What the book would hold after the restore, against what it holds now. */
function PreviewTable({ preview }: { preview: BackupPreview }) {
  const { t } = useTranslation();
  return (
    <table className="data-table backup-preview">
      <caption className="visually-hidden">{t('backups.restoreDialog.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('backups.restoreDialog.what')}</th>
          <th scope="col" className="numeric">
            {t('backups.restoreDialog.inBackup')}
          </th>
          <th scope="col" className="numeric">
            {t('backups.restoreDialog.now')}
          </th>
        </tr>
      </thead>
      <tbody>
        {countedTables.map(([table, label]) => (
          <tr key={table}>
            <th scope="row">{t(label)}</th>
            <td className="numeric">{countText(preview.backup.rows, table)}</td>
            <td className="numeric">{countText(preview.current, table)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Restore…: what the backup holds against the book now, what a restore does (the book now is
 * replaced, kept first as a safety backup), then Cancel or Restore. A refusal is said here.
 */
export function RestoreDialog({ backup, onClose }: { backup: BackupInfo; onClose: () => void }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [restoring, setRestoring] = useState(false);
  useEffect(() => {
    let current = true;
    useBackups
      .getState()
      .preview(backup.file)
      .then(
        (answer) => current && setPreview(answer),
        (refusal: unknown) => current && setError(asApiError(refusal)),
      );
    return () => {
      current = false;
    };
  }, [backup.file]);
  const restore = async () => {
    setRestoring(true);
    setError(null);
    try {
      // On success the window reloads with the restored book.
      await useBackups.getState().restore(backup.file);
    } catch (refusal) {
      setError(asApiError(refusal));
      setRestoring(false);
    }
  };
  return (
    <Dialog title={t('backups.restoreDialog.title')} onClose={restoring ? () => undefined : onClose}>
      <p>{t('backups.restoreDialog.taken', { at: backupTime(backup), kind: reasonText(backup) })}</p>
      {preview ? (
        <PreviewTable preview={preview} />
      ) : (
        !error && <p className="muted">{t('common.loading')}</p>
      )}
      {preview !== null && preview.erasedAgain > 0 && (
        <p className="notice backup-erased">
          {t('backups.restoreDialog.erasedAgain', { count: preview.erasedAgain })}
        </p>
      )}
      <p className="notice backup-warning">{t('backups.restoreDialog.warning')}</p>
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
      <footer className="dialog-footer">
        <button type="button" onClick={onClose} disabled={restoring}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={restoring || !preview}
          onClick={() => void restore()}
        >
          {restoring ? t('backups.restoreDialog.restoring') : t('backups.restoreDialog.confirm')}
        </button>
      </footer>
    </Dialog>
  );
}
