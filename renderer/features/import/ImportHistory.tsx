import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import type { ImportRecord } from '../../../shared/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useImports } from '../../stores/imports';
import { dateTime } from '../account/format';
import { historyHeadingId } from './PreviewStep';
import { RejectsDownload } from './RejectsDownload';

function RevertCell({
  record,
  onRevert,
}: {
  record: ImportRecord;
  onRevert: (record: ImportRecord) => void;
}) {
  const { t } = useTranslation();
  if (record.revertedAt)
    return (
      <span className="muted">
        {t('import.revertedOn', { date: dateTime(record.revertedAt), actor: record.revertedBy ?? '' })}
      </span>
    );
  return (
    <button
      type="button"
      aria-label={t('import.revertFor', { file: record.fileName, date: dateTime(record.at) })}
      onClick={() => onRevert(record)}
    >
      {t('import.revert')}
    </button>
  );
}

/** Every import made on this device, each revertible once (rows changed since are kept). */
export function ImportHistory() {
  const { t } = useTranslation();
  const history = useImports((state) => state.history);
  const historyError = useImports((state) => state.historyError);
  const revert = useImports((state) => state.revert);
  const [confirming, setConfirming] = useState<ImportRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Said here, next to the entry, not in a toast over the page's last rows.
  const [reverted, setReverted] = useState<string | null>(null);
  const run = (record: ImportRecord) => {
    setError(null);
    setReverted(null);
    revert(record.id).then(
      ({ counts }) => setReverted(t('import.revertDone', { ...counts })),
      (reason: unknown) =>
        setError(reason instanceof ApiError ? reason : new ApiError('INTERNAL', String(reason))),
    );
  };
  const shownError = error ?? historyError;
  return (
    <section className="card import-history" aria-labelledby={historyHeadingId}>
      <header className="card-header">
        <h2 id={historyHeadingId} tabIndex={-1}>
          {t('import.history')}
        </h2>
      </header>
      {shownError && (
        <p className="form-error" role="alert">
          {t(`error.${shownError.code}`)}
        </p>
      )}
      {reverted && (
        <p className="import-done" role="status">
          {reverted}
        </p>
      )}
      {!history ? (
        <p className="muted">{t('common.loading')}</p>
      ) : history.length === 0 ? (
        <p className="empty">{t('import.noHistory')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('import.historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.when')}</th>
                <th scope="col">{t('import.who')}</th>
                <th scope="col">{t('import.fileName')}</th>
                <th scope="col">{t('import.what')}</th>
                <th scope="col" className="numeric">
                  {t('import.count.rows')}
                </th>
                <th scope="col">{t('import.result')}</th>
                <th scope="col">{t('import.reverted')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((record) => (
                <tr key={record.id} className={record.revertedAt ? 'reverted' : undefined}>
                  <td>{dateTime(record.at)}</td>
                  <td>{record.actor}</td>
                  <td>{record.fileName}</td>
                  <td>{t(`import.kind.${record.kind}`)}</td>
                  <td className="numeric">{record.counts.rows.toLocaleString()}</td>
                  <td>
                    {t('import.resultCounts', { ...record.counts })}
                    {record.counts.errors > 0 && (
                      <>
                        {' · '}
                        {t('import.resultLeftOut', { count: record.counts.errors })}{' '}
                        <RejectsDownload record={record} short />
                      </>
                    )}
                  </td>
                  <td>
                    <RevertCell record={record} onRevert={setConfirming} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('import.revertTitle')}
          message={t('import.revertConfirm', { file: confirming.fileName })}
          onConfirm={() => run(confirming)}
          onClose={() => setConfirming(null)}
        />
      )}
    </section>
  );
}
