import { useTranslation } from 'react-i18next';

/**
 * How many fell, and how many of them are listed when the list stops short; with `onMore`,
 * a button to list `more` more.
 */
export function WindowCount(props: { total: number; shown: number; more?: number; onMore?: () => void }) {
  const { t } = useTranslation();
  const { total, shown, more, onMore } = props;
  return (
    <p className="muted window-count">
      {total > shown
        ? t('anniversaries.shownOf', { shown, total })
        : t('anniversaries.count', { count: total })}
      {total > shown && onMore && more !== undefined && more > 0 && (
        <>
          {' '}
          <button type="button" className="link show-more" onClick={onMore}>
            {t('anniversaries.showMore', { count: Math.min(more, total - shown) })}
          </button>
        </>
      )}
    </p>
  );
}
