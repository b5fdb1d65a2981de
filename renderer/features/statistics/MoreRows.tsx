import { useTranslation } from 'react-i18next';
import { statsRowsMax } from '../../../shared/schemas';
import { pageSize, useStatistics, type ListedView } from '../../stores/statistics';

/**
 * Under a list cut to a page: how many rows of how many are shown, and a button for the next
 * page; past `statsRowsMax` rows, a word that the filters narrow the list instead.
 */
export function MoreRows({ view, shown, total }: { view: ListedView; shown: number; total: number }) {
  const { t } = useTranslation();
  const showMore = useStatistics((state) => state.showMore);
  const loading = useStatistics((state) => state.loading);
  if (shown >= total) return null;
  const next = Math.min(pageSize[view], total - shown, statsRowsMax - shown);
  return (
    <div className="more-rows" role="status">
      <span>{t('statistics.shownOf', { shown: shown.toLocaleString(), total: total.toLocaleString() })}</span>
      {next > 0 ? (
        <button type="button" disabled={loading} onClick={() => showMore(view)}>
          {t('statistics.showMore', { count: next })}
        </button>
      ) : (
        <span className="muted">
          {t('statistics.narrowToSeeMore', { max: statsRowsMax.toLocaleString() })}
        </span>
      )}
    </div>
  );
}
