import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnniversaries } from '../../stores/anniversaries';
import { DayPanel } from './DayPanel';
import { MonthCalendar } from './MonthCalendar';
import { RemindersPanel } from './RemindersPanel';
import { ScopeFilters } from './ScopeFilters';
import { UpcomingPanel } from './UpcomingPanel';

/** 纪念日: reminders to act on, the next days, a month calendar and a lookup by date. */
export function AnniversariesPage() {
  const { t } = useTranslation();
  const error = useAnniversaries((state) => state.error);
  useEffect(() => {
    useAnniversaries.getState().open();
    return () => useAnniversaries.getState().close();
  }, []);
  return (
    <section className="page anniversaries-page" aria-labelledby="anniversaries-title">
      <div className="page-header">
        <h1 id="anniversaries-title">{t('anniversaries.title')}</h1>
        <ScopeFilters />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
      <div className="anniversaries-layout">
        <div className="column">
          <RemindersPanel />
          <UpcomingPanel />
        </div>
        <div className="column">
          <MonthCalendar />
          <DayPanel />
        </div>
      </div>
    </section>
  );
}
