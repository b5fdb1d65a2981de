import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncHistoryEntry } from '../../../shared/types';
import { useSync } from '../../stores/sync';
import { dateTime } from '../account/format';
import { exportTotal, importTotals, shortDevice } from './format';

function Counts({ entry }: { entry: SyncHistoryEntry }) {
  const { t } = useTranslation();
  if (entry.direction === 'export')
    return <>{t('sync.history.exportCounts', { count: exportTotal(entry.counts) })}</>;
  return <>{t('sync.history.importCounts', { ...importTotals(entry.counts) })}</>;
}

/** Every sync file made or imported on this computer. */
export function SyncHistory() {
  const { t } = useTranslation();
  const id = useId();
  const history = useSync((state) => state.history);
  const error = useSync((state) => state.historyError);
  return (
    <section className="card sync-card sync-history" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('sync.history.title')}</h2>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
      {!history ? (
        <p className="muted">{t('common.loading')}</p>
      ) : history.length === 0 ? (
        <p className="empty">{t('sync.history.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('sync.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sync.history.when')}</th>
                <th scope="col">{t('sync.history.direction')}</th>
                <th scope="col">{t('sync.history.device')}</th>
                <th scope="col">{t('sync.history.who')}</th>
                <th scope="col">{t('sync.history.what')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={`${entry.direction}-${entry.bundleId}`}>
                  <td>{dateTime(entry.at)}</td>
                  <td>
                    {entry.direction === 'import'
                      ? t('sync.history.import')
                      : entry.full
                        ? t('sync.history.exportFull')
                        : t('sync.history.export')}
                  </td>
                  <td>
                    <code>{shortDevice(entry.sourceNode)}</code>
                  </td>
                  <td>{entry.actor}</td>
                  <td>
                    <Counts entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
