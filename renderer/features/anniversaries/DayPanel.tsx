import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../components/DateInput';
import { isCalendarDay, parseDateText } from '../../components/dateText';
import { Field } from '../../components/Field';
import { useAnniversaries } from '../../stores/anniversaries';
import { firstDate, lastDate } from './days';
import { dayTitle, lunarDateOf } from './format';
import { OccurrenceLine } from './OccurrenceLine';
import { WindowCount } from './WindowCount';

/** 纪念日查询: who has a special day on the date typed in, or clicked in the calendar. */
export function DayPanel() {
  const { t } = useTranslation();
  const selectedDate = useAnniversaries((state) => state.selectedDate);
  // The text as typed; a day clicked in the calendar replaces it.
  const [typed, setTyped] = useState(selectedDate);
  useEffect(() => setTyped(selectedDate), [selectedDate]);
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
          <DateInput
            {...control}
            precision="date"
            value={typed}
            onChange={(text) => {
              setTyped(text);
              // A day being typed passes through 2026-1, 2026-11-2…: only a whole day is asked.
              const date = parseDateText(text, 'date');
              if (date !== null && isCalendarDay(date) && date >= firstDate && date <= lastDate)
                selectDate(date);
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
