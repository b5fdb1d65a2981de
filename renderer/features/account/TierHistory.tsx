import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TierChange } from '../../../shared/types';
import { api } from '../../api';
import { dateTime } from './format';

/** Who changed the tier, when, from what to what and why; loaded when opened. */
export function TierHistory({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const [changes, setChanges] = useState<readonly TierChange[] | null>(null);
  return (
    <details
      className="tier-history"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open)
          void api.tiers.history({ id: accountId }).then(setChanges);
      }}
    >
      <summary>{t('tiers.history')}</summary>
      {changes === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <ol>
          {changes.map((change) => (
            <li key={`${change.at}-${change.to}`}>
              {dateTime(change.at)} · {change.actor} ·{' '}
              {t('tiers.historyEntry', {
                from: change.from ? t(`tier.${change.from}`) : '—',
                to: t(`tier.${change.to}`),
              })}{' '}
              ({change.source === 'manager' ? t('account.tierByManager') : t('account.tierSuggested')})
              {change.reason && ` · ${change.reason}`}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
