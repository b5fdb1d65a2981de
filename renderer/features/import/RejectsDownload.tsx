import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import type { ImportRecord } from '../../../shared/types';
import { useImports } from '../../stores/imports';
import { downloadBase64 } from '../sync/format';

/**
 * The rows an import left out, as a CSV file to correct and import again (UTF-8 with BOM, the
 * file's columns and one saying what is wrong), made in the UI's language when clicked.
 */
export function RejectsDownload({ record, short = false }: { record: ImportRecord; short?: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await useImports.getState().rejects(record.id);
      downloadBase64(file.fileName, file.contentBase64, 'text/csv;charset=utf-8');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError('INTERNAL', String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="link"
        disabled={busy}
        aria-label={t('import.rejectsFor', { count: record.counts.errors, file: record.fileName })}
        onClick={() => void download()}
      >
        {t(short ? 'import.rejectsShort' : 'import.rejects')}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {' '}
          {t(`error.${error.code}`)}
        </span>
      )}
    </>
  );
}
