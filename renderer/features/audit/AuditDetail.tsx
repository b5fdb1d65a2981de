import { useTranslation } from 'react-i18next';
import type { AuditListedEntry } from '../../../shared/types';
import { dateTime } from '../account/format';
import { columnName } from '../sync/format';
import { actionName, fieldChanges, recordName, valueText } from './format';

/** One entry: who did what when, and before → after field by field, the changed fields marked. */
export function AuditDetail({ entry, onClose }: { entry: AuditListedEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const changes = fieldChanges(entry.before, entry.after);
  return (
    <aside className="card audit-detail" aria-label={t('audit.detail.title', { id: entry.id })}>
      <header className="card-header">
        <h2>{t('audit.detail.title', { id: entry.id })}</h2>
        <button type="button" className="link" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      <dl className="audit-facts">
        <dt>{t('audit.column.time')}</dt>
        <dd>{dateTime(entry.at)}</dd>
        <dt>{t('audit.column.actor')}</dt>
        <dd>{entry.actor}</dd>
        <dt>{t('audit.column.action')}</dt>
        <dd>{actionName(entry.action)}</dd>
        <dt>{t('audit.column.entity')}</dt>
        <dd>
          {recordName(entry.entity)} <code>{entry.entityId ?? ''}</code>
        </dd>
        {entry.accountName !== null && (
          <>
            <dt>{t('audit.column.account')}</dt>
            <dd>{entry.accountName}</dd>
          </>
        )}
      </dl>
      {entry.erased !== null ? (
        <p className="hint">{t('audit.detail.erased', { details: valueText(entry.erased) })}</p>
      ) : changes.length === 0 ? (
        <p className="hint">{t('audit.detail.noValues')}</p>
      ) : (
        <table className="data-table audit-diff">
          <thead>
            <tr>
              <th scope="col">{t('audit.detail.field')}</th>
              <th scope="col">{t('audit.detail.before')}</th>
              <th scope="col">{t('audit.detail.after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field} className={change.changed ? 'audit-changed' : undefined}>
                <th scope="row">{columnName(change.field)}</th>
                <td>
                  <pre>{valueText(change.before)}</pre>
                </td>
                <td>
                  <pre>{valueText(change.after)}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
