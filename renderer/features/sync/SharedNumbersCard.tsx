import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../app/router';
import { KindBadge } from '../../components/Badges';
import { useSync } from '../../stores/sync';
import { sharedNumberLabel } from './format';

/**
 * Possible duplicates after sync: live accounts that share a customer number or credit code,
 * each a link to its account, for a person to correct or delete one of them.
 */
export function SharedNumbersCard() {
  const { t } = useTranslation();
  const id = useId();
  const shared = useSync((state) => state.sharedNumbers);
  const error = useSync((state) => state.sharedNumbersError);
  return (
    <section className="card sync-card sync-shared-numbers" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>
          {t('sync.shared.title')}
          {shared && shared.total > 0 && <span className="nav-badge">{shared.total}</span>}
        </h2>
      </header>
      <p className="hint">{t('sync.shared.intro')}</p>
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
      {!shared ? (
        <p className="muted">{t('common.loading')}</p>
      ) : shared.total === 0 ? (
        <p className="empty">{t('sync.shared.none')}</p>
      ) : (
        <>
          <ul className="sync-shared-list" aria-label={t('sync.shared.list')}>
            {shared.groups.map((group) => (
              <li key={`${group.kind}-${group.value}`} className="sync-shared-group">
                <h3>
                  {sharedNumberLabel(group.kind)} <code>{group.value}</code>
                </h3>
                <ul>
                  {group.accounts.map((account) => (
                    <li key={account.id}>
                      <a href={hrefFor({ page: 'account', id: account.id })}>{account.name}</a>{' '}
                      <KindBadge kind={account.kind} />{' '}
                      <small className="muted">{t('sync.shared.owner', { owner: account.owner })}</small>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {shared.total > shared.groups.length && (
            <p className="muted">{t('sync.shared.more', { count: shared.total - shared.groups.length })}</p>
          )}
        </>
      )}
    </section>
  );
}
