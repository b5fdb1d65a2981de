import type { Tier } from '../types';

/**
 * When to remind of an anniversary: a list of lead times, in days before it. Strategic
 * accounts get a month to prepare a gift; general ones a message on the day.
 */
export const defaultLeadDays: Readonly<Record<Tier, readonly number[]>> = {
  strategic: [30, 7, 1, 0],
  partner: [7, 1, 0],
  commercial: [3, 0],
  general: [0],
};

/**
 * The lead time whose reminder is due when the anniversary is `daysLeft` days away: the
 * shortest lead that has been reached (a week-ahead reminder stops being news once the
 * day-ahead one is due). A past anniversary (missed) is due at its shortest lead. Null: none
 * reached yet.
 */
export function dueLead(leads: readonly number[], daysLeft: number): number | null {
  let due: number | null = null;
  for (const lead of leads) {
    if (lead >= daysLeft && (due === null || lead < due)) due = lead;
  }
  return due;
}
