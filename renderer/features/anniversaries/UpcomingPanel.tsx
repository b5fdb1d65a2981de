import { useTranslation } from 'react-i18next';
import type { AnniversaryOnDate } from '../../../shared/types';
import { Options } from '../../components/Options';
import {
  largestListLimit,
  listLimit,
  rangeChoices,
  useAnniversaries,
  type RangeDays,
} from '../../stores/anniversaries';
import { daysBetween } from './days';
import { dayTitle, daysLeftText, lunarDateOf } from './format';
import { OccurrenceLine } from './OccurrenceLine';
import { WindowCount } from './WindowCount';

/** Rows by date, in the order the API ranked them (date, then tier, then name). */
function groupByDate(rows: readonly AnniversaryOnDate[]): [string, AnniversaryOnDate[]][] {
  const groups = new Map<string, AnniversaryOnDate[]>();
  for (const row of rows) groups.set(row.date, [...(groups.get(row.date) ?? []), row]);
  return [...groups];
}

/** The anniversaries of the next 7, 30 or 90 days, a heading per day. */
export function UpcomingPanel() {
  const { t } = useTranslation();
  const upcoming = useAnniversaries((state) => state.upcoming);
  const days = useAnniversaries((state) => state.days);
  const today = useAnniversaries((state) => state.today);
  const setDays = useAnniversaries((state) => state.setDays);
  const upcomingLimit = useAnniversaries((state) => state.upcomingLimit);
  const showMore = useAnniversaries((state) => state.showMoreUpcoming);
  // The list can grow as far as the contract lets it; past that, a narrower window or filter.
  const more = Math.min(listLimit, largestListLimit - upcomingLimit);
  return (
    <section className="card upcoming" aria-labelledby="upcoming-title">
      <header className="card-header">
        <h2 id="upcoming-title">{t('anniversaries.upcoming')}</h2>
        <label className="inline-filter">
          {t('anniversaries.range')}{' '}
          <select value={days} onChange={(event) => setDays(Number(event.target.value) as RangeDays)}>
            <Options values={rangeChoices} label={(count) => t('anniversaries.nextDays', { count })} />
          </select>
        </label>
      </header>
      {upcoming === null && <p className="muted">{t('common.loading')}</p>}
      {upcoming?.total === 0 && <p className="muted">{t('anniversaries.noUpcoming')}</p>}
      {upcoming && upcoming.total > 0 && (
        <>
          <WindowCount total={upcoming.total} shown={upcoming.rows.length} more={more} onMore={showMore} />
          {groupByDate(upcoming.rows).map(([date, rows]) => (
            <section key={date} className="date-group" aria-labelledby={`upcoming-${date}`}>
              <h3 id={`upcoming-${date}`}>
                {dayTitle(date, today)}
                <span className="muted">{t('anniversaries.lunarRule', { date: lunarDateOf(date) })}</span>
                <span className="days-left">{daysLeftText(daysBetween(today, date))}</span>
              </h3>
              <ul className="plain">
                {rows.map((row) => (
                  <li key={`${row.anniversary.id}|${row.date}`} className="row">
                    <OccurrenceLine occurrence={row} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {upcoming.total > upcoming.rows.length && (
            <WindowCount total={upcoming.total} shown={upcoming.rows.length} more={more} onMore={showMore} />
          )}
        </>
      )}
    </section>
  );
}
