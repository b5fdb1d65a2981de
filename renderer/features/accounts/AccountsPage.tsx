import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { accountKinds, tiers } from '../../../shared/schemas';
import type { AccountKind, Tier } from '../../../shared/types';
import { hrefFor } from '../../app/router';
import { KindBadge, StatusBadge, TierBadge } from '../../components/Badges';
import { pageSize, useAccountList } from '../../stores/accountList';
import { Options } from '../../components/Options';

const rowHeight = 40;
const sorts = ['name', 'customerNo', 'tier', 'createdAt', 'updatedAt'] as const;
type Sort = (typeof sorts)[number];
const sortLabel = {
  name: 'sortName',
  customerNo: 'sortCustomerNo',
  tier: 'sortTier',
  createdAt: 'sortCreatedAt',
  updatedAt: 'sortUpdatedAt',
} as const;

function Filters() {
  const { t } = useTranslation();
  const { filters, setFilter } = useAccountList();
  return (
    <form className="filters" aria-label={t('list.filters')} onSubmit={(event) => event.preventDefault()}>
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
      <label>
        {t('list.owner')}
        <input
          size={8}
          defaultValue={filters.owner ?? ''}
          onBlur={(e) => setFilter('owner', e.target.value.trim() || undefined)}
        />
      </label>
      <label>
        {t('list.region')}
        <input
          size={8}
          defaultValue={filters.region ?? ''}
          onBlur={(e) => setFilter('region', e.target.value.trim() || undefined)}
        />
      </label>
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
        <select value={filters.sort ?? 'name'} onChange={(e) => setFilter('sort', e.target.value as Sort)}>
          <Options values={sorts} label={(sort) => t(`list.${sortLabel[sort]}`)} />
        </select>
      </label>
    </form>
  );
}

/** Every account, filtered and sorted in SQLite, drawn as a virtual list of ~30 DOM rows. */
export function AccountsPage() {
  const { t } = useTranslation();
  const { total, pages, ensure, invalidate } = useAccountList();
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => invalidate(), [invalidate]);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => ensure(first, last), [first, last, ensure, total]);
  return (
    <section className="page list-page" aria-labelledby="list-title">
      <header className="page-header">
        <h1 id="list-title">{t('list.title')}</h1>
        <span className="muted" aria-live="polite">
          {total === null ? t('common.loading') : t('list.count', { count: total })}
        </span>
      </header>
      <Filters />
      <div ref={scroller} className="list-scroller" role="list" aria-label={t('list.table')} tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = pages[Math.floor(item.index / pageSize)]?.[item.index % pageSize];
            return (
              <div
                key={item.key}
                role="listitem"
                className="list-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: rowHeight,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {row ? (
                  <a href={hrefFor({ page: 'account', id: row.id })}>
                    <span className="list-name">{row.name}</span>
                    <span>
                      <StatusBadge status={row.status} />
                    </span>
                    <KindBadge kind={row.kind} />
                    <TierBadge tier={row.tier} />
                    <span className="muted list-number">{row.customerNo}</span>
                    <span className="muted">{row.owner}</span>
                    <span className="muted">{row.region}</span>
                  </a>
                ) : (
                  <span className="muted">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
