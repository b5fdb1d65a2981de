import { format } from 'date-fns';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/domain/lunarCalendar';
import { dateLocale } from '../../i18n';
import { useAnniversaries } from '../../stores/anniversaries';
import { addMonths, asLocalDate, firstDate, firstDayOf, lastDate, monthOf, monthWeeks } from './days';
import { dayTitle, lunarCellText, lunarDateOf, monthTitle } from './format';

/** Monday to Sunday of a week that started on a Monday (2024-01-01). */
const weekdays = Array.from({ length: 7 }, (_, i) => addDays('2024-01-01', i));

/** Arrow keys move a day or a week, Page Up/Down a month, Home/End to the week's ends. */
function moveBy(key: string, date: string): string | null {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  const moves: Record<string, () => string> = {
    ArrowLeft: () => addDays(date, -1),
    ArrowRight: () => addDays(date, 1),
    ArrowUp: () => addDays(date, -7),
    ArrowDown: () => addDays(date, 7),
    Home: () => addDays(date, -weekday),
    End: () => addDays(date, 6 - weekday),
    PageUp: () => `${addMonths(monthOf(date), -1)}-${date.slice(8)}`,
    PageDown: () => `${addMonths(monthOf(date), 1)}-${date.slice(8)}`,
  };
  const target = moves[key]?.();
  if (target === undefined) return null;
  // Page Up from the 31st lands on a month's last day, not on an invalid date.
  const [year = 0, month = 1, day = 1] = target.split('-').map(Number);
  const clamped = new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1;
  return clamped ? target : addDays(`${target.slice(0, 8)}01`, -1);
}

/**
 * A month, Monday first: each day with its lunar date and how many anniversaries fall on it
 * (one query for the month). Choosing a day lists them below. One day is in the Tab order;
 * arrows move between days.
 */
export function MonthCalendar() {
  const { t } = useTranslation();
  const { month, monthCounts, today, selectedDate, showMonth, selectDate } = useAnniversaries();
  const [cursor, setCursor] = useState(selectedDate);
  const grid = useRef<HTMLTableElement>(null);
  const focusPending = useRef(false);
  const counts = new Map(
    (monthCounts?.month === month ? monthCounts.days : []).map((day) => [day.date, day.count]),
  );
  const inMonth = (date: string) => monthOf(date) === month;
  const tabbable = [cursor, selectedDate, today].find(inMonth) ?? firstDayOf(month);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`button[data-date="${tabbable}"]`)?.focus();
  }, [tabbable]);

  const onKeyDown = (event: KeyboardEvent) => {
    const target = moveBy(event.key, tabbable);
    if (target === null || target < firstDate || target > lastDate) return;
    event.preventDefault();
    focusPending.current = true;
    setCursor(target);
    if (!inMonth(target)) showMonth(monthOf(target));
  };

  return (
    <section className="card month-calendar" aria-labelledby="calendar-title">
      <header className="card-header calendar-header">
        <h2 id="calendar-title" aria-live="polite">
          {monthTitle(month)}
        </h2>
        <span className="actions">
          <button
            type="button"
            aria-label={t('anniversaries.previousMonth')}
            disabled={month <= monthOf(firstDate)}
            onClick={() => showMonth(addMonths(month, -1))}
          >
            ‹
          </button>
          <button
            type="button"
            onClick={() => {
              setCursor(today);
              selectDate(today);
            }}
          >
            {t('anniversaries.thisMonth')}
          </button>
          <button
            type="button"
            aria-label={t('anniversaries.nextMonth')}
            disabled={month >= monthOf(lastDate)}
            onClick={() => showMonth(addMonths(month, 1))}
          >
            ›
          </button>
        </span>
      </header>
      <table ref={grid} className="calendar" aria-labelledby="calendar-title" onKeyDown={onKeyDown}>
        <thead>
          <tr>
            {weekdays.map((day) => (
              <th key={day} scope="col" abbr={format(asLocalDate(day), 'EEEE', { locale: dateLocale() })}>
                {format(asLocalDate(day), 'EEE', { locale: dateLocale() })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week.find(Boolean) ?? ''}>
              {week.map((date, index) => {
                if (date === null) return <td key={`pad-${index}`} />;
                const count = counts.get(date) ?? 0;
                const classes = ['day', date === today ? 'today' : '', count > 0 ? 'has-count' : ''];
                return (
                  <td key={date}>
                    <button
                      type="button"
                      data-date={date}
                      className={classes.filter(Boolean).join(' ')}
                      tabIndex={date === tabbable ? 0 : -1}
                      aria-pressed={date === selectedDate}
                      aria-current={date === today ? 'date' : undefined}
                      aria-label={t(count > 0 ? 'anniversaries.dayCell' : 'anniversaries.dayCellNone', {
                        date: dayTitle(date, today),
                        lunar: lunarDateOf(date),
                        count,
                      })}
                      onClick={() => {
                        setCursor(date);
                        selectDate(date);
                      }}
                    >
                      <span className="day-number">{Number(date.slice(8))}</span>
                      <span className="lunar-day">{lunarCellText(date)}</span>
                      {count > 0 && <span className="day-count">{count}</span>}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
