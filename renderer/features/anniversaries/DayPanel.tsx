import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { useAnniversaries } from '../../stores/anniversaries';
import { firstDate, lastDate } from './days';
import { dayTitle, lunarDateOf } from './format';
import { OccurrenceLine } from './OccurrenceLine';
import { WindowCount } from './WindowCount';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** 纪念日查询: who has a special day on the date typed in, or clicked in the calendar. */
export function DayPanel() {
  const { t } = useTranslation();
  const selectedDate = useAnniversaries((state) => state.selectedDate);
  const dayWindow = useAnniversaries((state) => state.dayWindow);
  const today = useAnniversaries((state) => state.today);
  const selectDate = useAnniversaries((state) => state.selectDate);
  // An answer for another day (the query is on its way) is not shown under this one's title.
  const current = dayWindow?.from === selectedDate ? dayWindow : null;
  return (
    <section className="card day-panel" aria-labelledby="day-query-title">
      <header className="card-header">
        <h2 id="day-query-title">{t('anniversaries.dateQuery')}</h2>
      </header>
      <Field label={t('anniversaries.pickDate')}>
        {(control) => (
          <input
            {...control}
            type="date"
            min={firstDate}
            max={lastDate}
            value={selectedDate}
            onChange={(event) => {
              const date = event.target.value;
              // A year being typed digit by digit passes through 0002, 0020…: wait for a real one.
              if (isoDate.test(date) && date >= firstDate && date <= lastDate) selectDate(date);
            }}
          />
        )}
      </Field>
      <h3 className="day-title" aria-live="polite">
        {dayTitle(selectedDate, today)}
        <span className="muted">{t('anniversaries.lunarRule', { date: lunarDateOf(selectedDate) })}</span>
      </h3>
      {current === null && <p className="muted">{t('common.loading')}</p>}
      {current?.total === 0 && <p className="muted">{t('anniversaries.noneOnDay')}</p>}
      {current && current.total > 0 && (
        <>
          <WindowCount total={current.total} shown={current.rows.length} />
          <ul className="plain" aria-labelledby="day-query-title">
            {current.rows.map((row) => (
              <li key={row.anniversary.id} className="row">
                <OccurrenceLine occurrence={row} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
