import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountKinds, tiers } from '../../../shared/schemas';
import type { AccountKind, Tier } from '../../../shared/types';
import { Options } from '../../components/Options';
import { firstDirection, isFiltered, useAccountList, type ListSort } from '../../stores/accountList';

/** Typing waits this long for a pause before the list follows; Enter applies at once. */
const typingPause = 300;

const sorts = ['name', 'customerNo', 'tier', 'revenue12m', 'lastContact', 'createdAt', 'updatedAt'] as const;
const sortLabel = {
  name: 'sortName',
  customerNo: 'sortCustomerNo',
  tier: 'sortTier',
  revenue12m: 'sortRevenue',
  lastContact: 'sortLastContact',
  createdAt: 'sortCreatedAt',
  updatedAt: 'sortUpdatedAt',
} as const;

/**
 * A text filter that applies as the user types (after a pause), on Enter and when it loses
 * focus. Its own text is kept while typing; a change from elsewhere (clear filters) replaces it.
 */
function TextFilter(props: {
  label: string;
  value: string | undefined;
  onApply: (value: string | undefined) => void;
  size: number;
  placeholder?: string;
  /** `search` for the name: a search box, with its clear button. */
  type?: 'text' | 'search';
}) {
  const { value, onApply } = props;
  const [text, setText] = useState(value ?? '');
  const applied = useRef(value ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if ((value ?? '') !== applied.current) {
      applied.current = value ?? '';
      setText(value ?? '');
    }
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const apply = (next: string) => {
    clearTimeout(timer.current);
    const trimmed = next.trim();
    if (trimmed === applied.current) return;
    applied.current = trimmed;
    onApply(trimmed === '' ? undefined : trimmed);
  };
  return (
    <label>
      {props.label}
      <input
        type={props.type ?? 'text'}
        size={props.size}
        value={text}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => apply(next), typingPause);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          apply(text);
        }}
        onBlur={() => apply(text)}
      />
    </label>
  );
}

export function ListFilters() {
  const { t } = useTranslation();
  const { filters, setFilter, setFilters, clearFilters } = useAccountList();
  return (
    <form
      className="filters list-filters"
      aria-label={t('list.filters')}
      onSubmit={(event) => event.preventDefault()}
    >
      <TextFilter
        label={t('list.name')}
        value={filters.name}
        onApply={(value) => setFilter('name', value)}
        size={16}
        placeholder={t('list.namePlaceholder')}
        type="search"
      />
      <label>
        {t('field.tier')}
        <select
          value={filters.tiers?.[0] ?? ''}
          onChange={(e) => {
            const tier = e.target.value as Tier | '';
            setFilter('tiers', tier ? [tier] : undefined);
          }}
        >
          <option value="">{t('list.anyTier')}</option>
          <Options values={tiers} label={(tier) => t(`tier.${tier}`)} />
        </select>
      </label>
      <label>
        {t('field.kind')}
        <select
          value={filters.kind ?? ''}
          onChange={(e) => setFilter('kind', (e.target.value as AccountKind | '') || undefined)}
        >
          <option value="">{t('list.anyKind')}</option>
          <Options values={accountKinds} label={(kind) => t(`kind.${kind}`)} />
        </select>
      </label>
      <TextFilter
        label={t('list.owner')}
        value={filters.owner}
        onApply={(value) => setFilter('owner', value)}
        size={6}
      />
      <TextFilter
        label={t('list.region')}
        value={filters.region}
        onApply={(value) => setFilter('region', value)}
        size={6}
      />
      <label>
        {t('list.status')}
        <select
          value={filters.status ?? 'active'}
          onChange={(e) => setFilter('status', e.target.value as 'active' | 'archived' | 'all')}
        >
          <option value="active">{t('list.statusActive')}</option>
          <option value="archived">{t('list.statusArchived')}</option>
          <option value="all">{t('list.statusAll')}</option>
        </select>
      </label>
      <label>
        {t('list.sort')}
        <select
          value={filters.sort ?? 'name'}
          onChange={(e) => {
            const sort = e.target.value as ListSort;
            setFilters({ sort, direction: firstDirection[sort] });
          }}
        >
          <Options values={sorts} label={(sort) => t(`list.${sortLabel[sort]}`)} />
        </select>
      </label>
      {isFiltered(filters) && (
        <button type="button" className="link clear-filters" onClick={clearFilters}>
          {t('list.clearFilters')}
        </button>
      )}
    </form>
  );
}
