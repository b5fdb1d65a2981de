import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../shared/domain/money';
import type { ContractsExpiring } from '../../../shared/types';
import { api } from '../../api';
import { useSettings } from '../../stores/settings';
import { useStatistics } from '../../stores/statistics';
import { Latest } from '../../stores/latest';
import { AccountLink } from './AccountLink';

const shown = 5;

/**
 * Contracts ending in the next 90 days and what they bring in a month (合同到期): the revenue
 * at stake unless they are renewed, in the statistics' scope (mine or everyone's).
 */
export function ContractsExpiringCard() {
  const { t } = useTranslation();
  const scope = useStatistics((state) => state.filters.scope);
  const actor = useSettings((state) => state.settings?.actor ?? '');
  const [expiring, setExpiring] = useState<ContractsExpiring | null>(null);
  useEffect(() => {
    const latest = new Latest();
    const owner = scope === 'mine' && actor !== '' ? { owner: actor } : {};
    const load = () =>
      void latest.ask(api.contracts.expiring({ days: 90, limit: shown, ...owner }), setExpiring);
    load();
    const stop = window.fieldbook.on('data.changed', load);
    return () => {
      latest.drop();
      stop();
    };
  }, [scope, actor]);
  if (!expiring) return null;
  return (
    <section className="card contracts-expiring" aria-labelledby="contracts-expiring-title">
      <header className="card-header">
        <h2 id="contracts-expiring-title">{t('contract.expiringTitle')}</h2>
        <p className="figure">
          {t('contract.expiringSummary', {
            count: expiring.count,
            value: formatYuan(expiring.monthlyFen),
          })}
        </p>
      </header>
      {expiring.items.length > 0 && (
        <ul className="plain">
          {expiring.items.map(({ contract, account, daysLeft }) => (
            <li key={contract.id} className="row">
              <AccountLink account={account} />
              <span>{contract.number}</span>
              <span className="muted">{t('contract.endsIn', { count: daysLeft })}</span>
              <span>{t('contract.perMonth', { value: formatYuan(contract.monthlyFen) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
