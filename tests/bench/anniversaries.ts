import { addDays } from '../../shared/domain/lunarCalendar';
import type { Fieldbook } from '../../db/service';
import { percentile } from './stats';

/**
 * "Who has a special day?" over the whole book: the upcoming 30 days and single dates, from
 * start dates spread over a year (lunar New Year, Feb 29 and month ends included), through the
 * dispatcher as the UI and the CLI call them.
 */
export interface AnniversaryFigures {
  readonly rules: number;
  readonly upcomingP50: number;
  readonly upcomingP95: number;
  readonly upcomingMeanTotal: number;
  readonly onDateP50: number;
  readonly onDateP95: number;
  readonly ownerUpcomingP95: number;
}

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function benchAnniversaries(fieldbook: Fieldbook, samples = 120): AnniversaryFigures {
  const context = { actor: 'bench' };
  const rules = fieldbook.db.sqlite
    .prepare('SELECT count(*) FROM anniversaries WHERE deleted = 0')
    .pluck()
    .get() as number;
  const upcoming: number[] = [];
  const onDate: number[] = [];
  const owner: number[] = [];
  let totals = 0;
  for (let i = 0; i < samples; i++) {
    const date = addDays('2026-01-01', Math.floor((i * 366) / samples));
    upcoming.push(
      time(() => {
        const result = fieldbook.dispatch('anniversaries.upcoming', { from: date, days: 30 }, context);
        if (result.ok) totals += (result.value as { total: number }).total;
      }),
    );
    onDate.push(time(() => fieldbook.dispatch('anniversaries.onDate', { date }, context)));
    owner.push(
      time(() =>
        fieldbook.dispatch('anniversaries.upcoming', { from: date, days: 30, owner: 'm007' }, context),
      ),
    );
  }
  return {
    rules,
    upcomingP50: percentile(upcoming, 50),
    upcomingP95: percentile(upcoming, 95),
    upcomingMeanTotal: totals / samples,
    onDateP50: percentile(onDate, 50),
    onDateP95: percentile(onDate, 95),
    ownerUpcomingP95: percentile(owner, 95),
  };
}
