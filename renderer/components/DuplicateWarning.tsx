import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../shared/domain/phone';
import type { DuplicateMatch } from '../../shared/types';
import { hrefFor } from '../app/router';
import { KindBadge } from './Badges';

/** The accounts a new entry may repeat, each a link, with why it matched. */
export function DuplicateWarning({ matches }: { matches: readonly DuplicateMatch[] }) {
  const { t } = useTranslation();
  return (
    <section className="duplicates" role="alert" aria-label={t('form.duplicateTitle')}>
      <h3>{t('form.duplicateTitle')}</h3>
      <ul>
        {matches.map((match) => (
          <li key={match.account.id}>
            <a href={hrefFor({ page: 'account', id: match.account.id })} target="_self">
              {match.account.name}
            </a>{' '}
            <KindBadge kind={match.account.kind} /> <span className="muted">{match.account.customerNo}</span>{' '}
            <span className="muted">
              {t('form.duplicateBecause', {
                reasons: match.reasons.map((reason) => t(`form.reason.${reason}`)).join(' / '),
              })}
              {match.phone ? ` (${formatPhone(match.phone)})` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
