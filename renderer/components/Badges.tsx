import { useTranslation } from 'react-i18next';
import type { AccountKind, AccountStatus, Tier } from '../../shared/types';

export function TierBadge({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  return <span className={`badge tier-${tier}`}>{t(`tier.${tier}`)}</span>;
}

export function KindBadge({ kind }: { kind: AccountKind }) {
  const { t } = useTranslation();
  return <span className={`badge kind-${kind}`}>{t(`kind.${kind}`)}</span>;
}

export function StatusBadge({ status }: { status: AccountStatus }) {
  const { t } = useTranslation();
  if (status === 'active') return null;
  return <span className="badge status-archived">{t('status.archived')}</span>;
}
