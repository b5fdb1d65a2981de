import { useTranslation } from 'react-i18next';
import { tiers } from '../../../shared/schemas';
import type { Tier } from '../../../shared/types';
import { Options } from '../../components/Options';
import { useAnniversaries, type Scope } from '../../stores/anniversaries';

/** Whose accounts and which tiers the upcoming list, the calendar and the date query cover. */
export function ScopeFilters() {
  const { t } = useTranslation();
  const filters = useAnniversaries((state) => state.filters);
  const setFilters = useAnniversaries((state) => state.setFilters);
  return (
    <div className="filters" role="group" aria-label={t('list.filters')}>
      <label>
        {t('anniversaries.scope')}
        <select
          value={filters.scope}
          onChange={(event) => setFilters({ scope: event.target.value as Scope })}
        >
          <option value="mine">{t('anniversaries.scopeMine')}</option>
          <option value="all">{t('anniversaries.scopeAll')}</option>
        </select>
      </label>
      <label>
        {t('field.tier')}
        <select
          value={filters.tier}
          onChange={(event) => setFilters({ tier: event.target.value as Tier | '' })}
        >
          <option value="">{t('list.anyTier')}</option>
          <Options values={tiers} label={(tier) => t(`tier.${tier}`)} />
        </select>
      </label>
    </div>
  );
}
