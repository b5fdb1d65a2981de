import { useTranslation } from 'react-i18next';
import type { AccountKind, AccountStatus, Tier } from '../../shared/types';

/*
 * Each badge comes twice: as a component, and as a function of the labels (`t`, or a cache of
 * it) the caller already holds. A list of many rows draws the functions: every `useTranslation`
 * costs a subscription and a copy of the i18n instance when it mounts, and a new answer in the
 * search box mounts its thirty rows' badges at once.
 */

/** A label by its key (no options): `t` itself, or a cache of it. */
export type Label = (key: string) => string;

export function tierBadge(t: Label, tier: Tier) {
  return <span className={`badge tier-${tier}`}>{t(`tier.${tier}`)}</span>;
}

export function kindBadge(t: Label, kind: AccountKind) {
  return <span className={`badge kind-${kind}`}>{t(`kind.${kind}`)}</span>;
}

export function statusBadge(t: Label, status: AccountStatus) {
  if (status === 'active') return null;
  return <span className="badge status-archived">{t('status.archived')}</span>;
}

export function TierBadge({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  return tierBadge(t, tier);
}

export function KindBadge({ kind }: { kind: AccountKind }) {
  const { t } = useTranslation();
  return kindBadge(t, kind);
}

export function StatusBadge({ status }: { status: AccountStatus }) {
  const { t } = useTranslation();
  return statusBadge(t, status);
}
