import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { consumptionCategories } from '../../../shared/schemas';
import type { ImportCounts, ImportPreview, ImportRowErrorCode } from '../../../shared/types';
import { en } from '../../i18n/en';

// Every row error code has a message (a new code without one fails to compile).
const rowErrorMessages: Record<ImportRowErrorCode, string> = en.import.rowError;
void rowErrorMessages;

const countNames = [
  'rows',
  'create',
  'update',
  'skip',
  'unchanged',
  'errors',
] as const satisfies readonly (keyof ImportCounts)[];

/** The service names a bill may use, as the app names them: each of them reads back. */
export function categoryNames(t: TFunction): string {
  return consumptionCategories.map((category) => t(`category.${category}`)).join(t('import.listSeparator'));
}

/** What a dry run found: the counts, and the rows that stop the import, as Excel numbers them. */
export function PreviewResult({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const id = useId();
  const names = categoryNames(t);
  const unknownServices = preview.errors.some((error) => error.code === 'invalid_category');
  return (
    <div className="import-result">
      <h3 id={`${id}-counts`} className="import-subtitle">
        {t('import.counts')}
      </h3>
      <dl className="import-counts" aria-labelledby={`${id}-counts`}>
        {countNames.map((name) => (
          <div
            key={name}
            className={name === 'errors' && preview.counts.errors > 0 ? 'has-errors' : undefined}
          >
            <dt>{t(`import.count.${name}`)}</dt>
            <dd>{preview.counts[name].toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {preview.errorTotal === 0 ? (
        <p className="import-ok">{t('import.noErrors')}</p>
      ) : (
        <>
          <h3 id={`${id}-errors`} className="import-subtitle">
            {t('import.errorsTitle')}
          </h3>
          <p className="form-error">{t('import.errorsBlock')}</p>
          {unknownServices && preview.unknownCategories.length > 0 && (
            <p className="hint">{t('import.categories.seeMapping')}</p>
          )}
          {preview.errors.length < preview.errorTotal && (
            <p className="hint">
              {t('import.errorsShown', { shown: preview.errors.length, total: preview.errorTotal })}
            </p>
          )}
          <div
            className="table-scroll import-errors"
            tabIndex={0}
            role="region"
            aria-labelledby={`${id}-errors`}
          >
            <table className="data-table">
              <caption className="visually-hidden">{t('import.errorsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    {t('import.row')}
                  </th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.reason')}</th>
                  <th scope="col">{t('import.value')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((error, index) => (
                  <tr key={`${error.row}-${error.column ?? ''}-${index}`}>
                    <td className="numeric">{error.row}</td>
                    <td>{error.column ?? <span className="muted">{t('import.wholeRow')}</span>}</td>
                    <td>{t(`import.rowError.${error.code}`, { names })}</td>
                    <td>
                      <code>{error.value}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
