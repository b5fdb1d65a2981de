import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSync } from '../../stores/sync';
import { ConflictItem } from './ConflictItem';

/** Edits that lost a merge without anyone having seen them, for a person to decide about. */
export function ConflictInbox() {
  const { t } = useTranslation();
  const id = useId();
  const conflicts = useSync((state) => state.conflicts);
  const error = useSync((state) => state.conflictsError);
  const names = useSync((state) => state.accountNames);
  const resolvedOne = useSync((state) => state.resolvedOne);
  return (
    <section className="card sync-card sync-conflicts" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>
          {t('sync.conflicts.title')}
          {conflicts && conflicts.length > 0 && <span className="nav-badge">{conflicts.length}</span>}
        </h2>
      </header>
      <p className="hint">{t('sync.conflicts.intro')}</p>
      {/* In the inbox, not in a toast over the page. */}
      {resolvedOne && (
        <p className="import-done" role="status">
          {t('sync.conflicts.resolved')}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
      {!conflicts ? (
        <p className="muted">{t('common.loading')}</p>
      ) : conflicts.length === 0 ? (
        <p className="empty">{t('sync.conflicts.none')}</p>
      ) : (
        <ul className="sync-conflict-list" aria-label={t('sync.conflicts.list')}>
          {conflicts.map((conflict) => (
            <ConflictItem
              key={conflict.id}
              conflict={conflict}
              {...(conflict.accountId && names[conflict.accountId]
                ? { accountName: names[conflict.accountId] }
                : {})}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
