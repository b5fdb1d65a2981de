import { useMay } from '../../stores/session';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountListRow } from '../../../shared/types';
import { hrefFor } from '../../app/router';
import { StatusBadge, TierBadge } from '../../components/Badges';
import { useManagerName } from '../../components/managerName';
import { LastContact } from '../../components/LastContact';
import { pageSize, useAccountList } from '../../stores/accountList';
import { wholeYuan } from './format';
import { ListColumns } from './ListColumns';
import { ListFilters } from './ListFilters';

const rowHeight = 52;

/**
 * One account: the name links to it (the link covers the row), with its number, kind and
 * status below. A cell cut short shows its whole text on hover.
 */
function Row({ row }: { row: AccountListRow }) {
  const { t } = useTranslation();
  const managerName = useManagerName();
  return (
    <>
      <div role="cell" className="list-name-cell">
        <a href={hrefFor({ page: 'account', id: row.id })} className="list-name" title={row.name}>
          {row.name}
        </a>
        <span className="list-sub muted">
          <span className="list-number">{row.customerNo}</span>
          <span>{t(`kind.${row.kind}`)}</span>
          <StatusBadge status={row.status} />
        </span>
      </div>
      <div role="cell">
        <TierBadge tier={row.tier} />
      </div>
      <div role="cell" className="list-text" title={managerName(row.owner)}>
        {managerName(row.owner)}
      </div>
      <div role="cell" className="list-text" title={row.region}>
        {row.region}
      </div>
      <div role="cell" className="numeric">
        {wholeYuan(row.revenue12mFen)}
      </div>
      <div role="cell">
        <LastContact at={row.lastContactAt} className="list-text" />
      </div>
    </>
  );
}

function NoMatch() {
  const { t } = useTranslation();
  const clearFilters = useAccountList((state) => state.clearFilters);
  return (
    <div className="list-empty" role="status">
      <p>{t('list.noMatch')}</p>
      <button type="button" onClick={clearFilters}>
        {t('list.clearFilters')}
      </button>
    </div>
  );
}

/** Every account, filtered and sorted in SQLite, drawn as a virtual table of ~30 DOM rows. */
export function AccountsPage() {
  const { t } = useTranslation();
  const may = useMay();
  const { total, pages, revenueWindow, ensure, invalidate } = useAccountList();
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
        {revenueWindow && (
          <span className="muted small">
            {t('list.revenueWindow', { from: revenueWindow.from, to: revenueWindow.to })}
          </span>
        )}
        {may('team') && (
          <a href={hrefFor({ page: 'handover' })} className="list-handover">
            {t('handover.open')}
          </a>
        )}
      </header>
      <ListFilters />
      {total === 0 ? (
        <NoMatch />
      ) : (
        <div
          ref={scroller}
          className="list-scroller"
          role="table"
          aria-label={t('list.table')}
          aria-rowcount={(total ?? 0) + 1}
          tabIndex={0}
        >
          <ListColumns />
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = pages[Math.floor(item.index / pageSize)]?.[item.index % pageSize];
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="list-row"
                  style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
                >
                  {row ? (
                    <Row row={row} />
                  ) : (
                    <div role="cell" className="muted">
                      …
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
