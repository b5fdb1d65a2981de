import { useTranslation } from 'react-i18next';

/** How many fell, and how many of them are listed when the list stops short. */
export function WindowCount(props: { total: number; shown: number }) {
  const { t } = useTranslation();
  return (
    <p className="muted window-count">
      {props.total > props.shown
        ? t('anniversaries.shownOf', { shown: props.shown, total: props.total })
        : t('anniversaries.count', { count: props.total })}
    </p>
  );
}
