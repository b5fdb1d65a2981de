import { managerCodes } from '../../db/seed/data/people';
import type { Fieldbook } from '../../db/service';
import type { Agenda } from '../../shared/types';
import { percentile } from './stats';

/**
 * `agenda.list` — what the agenda page and the navigation's count ask on every data change —
 * for every manager of the book, through the dispatcher. Twice: on the book as seeded (a few
 * recent follow-ups open), and as a book upgraded to migration 0010 would be, every follow-up
 * ever written still open (set in a transaction that is rolled back).
 */
export interface AgendaRun {
  readonly openFollowUps: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** The manager with the most overdue and due today, and how many. */
  readonly busiest: { readonly manager: string; readonly due: number };
}

export interface AgendaFigures {
  readonly managers: number;
  readonly plannedVisits: number;
  readonly seeded: AgendaRun;
  readonly upgraded: AgendaRun;
}

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function run(fieldbook: Fieldbook, rounds: number): AgendaRun {
  const sqlite = fieldbook.db.sqlite;
  const openFollowUps = sqlite
    .prepare('SELECT count(*) FROM visits WHERE follow_up_due IS NOT NULL AND follow_up_done_at IS NULL')
    .pluck()
    .get() as number;
  const times: number[] = [];
  let busiest = { manager: '', due: -1 };
  for (let round = 0; round < rounds; round++) {
    for (const manager of managerCodes) {
      let agenda: Agenda | undefined;
      times.push(
        time(() => {
          const result = fieldbook.dispatch('agenda.list', undefined, { actor: manager });
          if (result.ok) agenda = result.value as Agenda;
        }),
      );
      if (agenda && agenda.due > busiest.due) busiest = { manager, due: agenda.due };
    }
  }
  return {
    openFollowUps,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: Math.max(...times),
    busiest,
  };
}

export function benchAgenda(fieldbook: Fieldbook, rounds = 5): AgendaFigures {
  const sqlite = fieldbook.db.sqlite;
  const plannedVisits = sqlite
    .prepare('SELECT count(*) FROM visits WHERE occurred_at > ?')
    .pluck()
    .get(new Date().toISOString()) as number;
  const seeded = run(fieldbook, rounds);
  sqlite.exec('BEGIN');
  try {
    sqlite.exec('UPDATE visits SET follow_up_done_at = NULL WHERE follow_up_done_at IS NOT NULL');
    const upgraded = run(fieldbook, rounds);
    return { managers: managerCodes.length, plannedVisits, seeded, upgraded };
  } finally {
    sqlite.exec('ROLLBACK');
  }
}

export function formatAgenda(figures: AgendaFigures): string {
  const ms = (value: number) => value.toFixed(1);
  const line = (label: string, run: AgendaRun) =>
    `  ${label} (${run.openFollowUps.toLocaleString('en-US')} follow-ups open): p50 ${ms(run.p50)} ms, ` +
    `p95 ${ms(run.p95)} ms, max ${ms(run.max)} ms; busiest ${run.busiest.manager} with ${run.busiest.due} due`;
  return [
    `agenda.list for each of ${figures.managers} managers (${figures.plannedVisits} visits planned after now):`,
    line('as seeded', figures.seeded),
    line('upgraded, every follow-up open', figures.upgraded),
  ].join('\n');
}
