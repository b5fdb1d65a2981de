import { useTranslation } from 'react-i18next';
import type { StagedImport } from '../../../shared/types';

/** The first rows as read, under the file's own headers, so the user sees what each column holds. */
export function SampleTable({ staged }: { staged: StagedImport }) {
  const { t } = useTranslation();
  const caption = t('import.sampleCaption', { count: staged.sample.length, file: staged.fileName });
  return (
    <div className="table-scroll import-sample" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t('import.row')}
            </th>
            {staged.headers.map((header, index) => (
              <th key={`${index}-${header}`} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {staged.sample.map((row, rowIndex) => (
            // The header is row 1, as Excel numbers it.
            <tr key={rowIndex}>
              <td className="numeric muted">{rowIndex + 2}</td>
              {staged.headers.map((header, index) => (
                <td key={`${index}-${header}`}>{row[index] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
