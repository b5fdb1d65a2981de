import { useTranslation } from 'react-i18next';
import { useAccountList, type ListSort } from '../../stores/accountList';

/** The direction a column is sorted in, for `aria-sort`; `none` when the list is sorted by another. */
function ariaSort(current: ListSort, direction: 'asc' | 'desc', sorts: readonly ListSort[]) {
  if (!sorts.includes(current)) return 'none' as const;
  return direction === 'asc' ? ('ascending' as const) : ('descending' as const);
}

/** A column heading that sorts the list by `sort` (again: the other way round). */
function SortButton({ sort, label }: { sort: ListSort; label: string }) {
  const filters = useAccountList((state) => state.filters);
  const sortBy = useAccountList((state) => state.sortBy);
  const active = filters.sort === sort;
  return (
    <button type="button" className={active ? 'sort active' : 'sort'} onClick={() => sortBy(sort)}>
      {label}
      <span className="sort-arrow" aria-hidden="true">
        {active ? (filters.direction === 'desc' ? '▼' : '▲') : ''}
      </span>
    </button>
  );
}

/** The column headings of the accounts list; name, number, tier, revenue and last contact sort. */
export function ListColumns() {
  const { t } = useTranslation();
  const filters = useAccountList((state) => state.filters);
  const sort = filters.sort ?? 'name';
  const direction = filters.direction ?? 'asc';
  return (
    <div role="rowgroup" className="list-head">
      <div role="row" aria-rowindex={1} className="list-columns">
        <div role="columnheader" aria-sort={ariaSort(sort, direction, ['name', 'customerNo'])}>
          <SortButton sort="name" label={t('list.columnName')} />
          <span className="muted"> · </span>
          <SortButton sort="customerNo" label={t('list.columnNumber')} />
        </div>
        <div role="columnheader" aria-sort={ariaSort(sort, direction, ['tier'])}>
          <SortButton sort="tier" label={t('list.columnTier')} />
        </div>
        <div role="columnheader">{t('list.columnOwner')}</div>
        <div role="columnheader">{t('list.columnRegion')}</div>
        <div role="columnheader" className="numeric" aria-sort={ariaSort(sort, direction, ['revenue12m'])}>
          <SortButton sort="revenue12m" label={t('list.columnRevenue')} />
        </div>
        <div role="columnheader" aria-sort={ariaSort(sort, direction, ['lastContact'])}>
          <SortButton sort="lastContact" label={t('list.columnLastContact')} />
        </div>
      </div>
    </div>
  );
}
