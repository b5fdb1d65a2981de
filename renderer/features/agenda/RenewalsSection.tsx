import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../shared/domain/money';
import type { RenewalReminder } from '../../../shared/types';
import { hrefFor } from '../../app/router';

/**
 * Contracts to renew (合同到期): each of the manager's contracts within its tier's lead time
 * (90, 30 or 7 days before its end), until the day it ends or is extended.
 */
export function RenewalsSection({ renewals }: { renewals: readonly RenewalReminder[] }) {
  const { t } = useTranslation();
  return (
    <section className="card agenda-bucket agenda-renewals" aria-labelledby="agenda-renewals">
      <header className="card-header">
        <h2 id="agenda-renewals">
          {t('contract.renewalsTitle')} <span className="muted">{renewals.length}</span>
        </h2>
      </header>
      {renewals.length === 0 ? (
        <p className="muted">{t('contract.noRenewals')}</p>
      ) : (
        <ul className="plain">
          {renewals.map(({ contract, account, daysLeft }) => (
            <li key={contract.id} className="renewal-item">
              <a href={hrefFor({ page: 'account', id: account.id })}>{account.name}</a>
              <span>
                {contract.number} · {t(`category.${contract.service}`)}
              </span>
              <span className={daysLeft <= 7 ? 'warning' : 'muted'}>
                {t('contract.endsOn', { day: contract.endDate, count: daysLeft })}
                {contract.autoRenew ? ` · ${t('contract.autoRenews')}` : ''}
              </span>
              <span className="muted">
                {t('contract.perMonth', { value: formatYuan(contract.monthlyFen) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
