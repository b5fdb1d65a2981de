/**
 * What makes a visit's follow-up coherent, and when a visit is a plan rather than a record.
 * Dates are the laptop's: a visit's day is the local day of its instant, the day a manager
 * sees in the form, and a follow-up is due on a local day.
 */

/** Why a visit's follow-up cannot be stored as given, by validation message key. */
export type FollowUpProblem = 'follow_up_before_visit' | 'follow_up_text_needed';

/** A visit's fields that a follow-up depends on; one left undefined is not checked. */
export interface FollowUpFields {
  /** ISO instant of the visit. */
  readonly occurredAt: string | undefined;
  readonly followUp: string | undefined;
  /** Local day `YYYY-MM-DD`, or null for none. */
  readonly followUpDue: string | null;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The local calendar day of an instant, `YYYY-MM-DD`. */
export function localDayOf(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The problems of a visit's follow-up, each at the field the user must change: a due date
 * with no text would be stored and never shown (the visit shows the follow-up's text, with its
 * date beside it); a follow-up cannot fall due before the visit it comes from.
 */
export function followUpProblems(
  visit: FollowUpFields,
): { readonly path: 'followUp' | 'followUpDue'; readonly key: FollowUpProblem }[] {
  const problems: { path: 'followUp' | 'followUpDue'; key: FollowUpProblem }[] = [];
  if (visit.followUpDue === null) return problems;
  if (visit.followUp !== undefined && visit.followUp.trim() === '')
    problems.push({ path: 'followUp', key: 'follow_up_text_needed' });
  if (visit.occurredAt !== undefined && visit.followUpDue < localDayOf(visit.occurredAt))
    problems.push({ path: 'followUpDue', key: 'follow_up_before_visit' });
  return problems;
}

/**
 * A visit dated in the future is a planned visit: it is stored like any other and becomes the
 * record of what happened when it is edited after the event.
 */
export function isPlannedVisit(occurredAt: string, now: Date = new Date()): boolean {
  const time = Date.parse(occurredAt);
  return !Number.isNaN(time) && time > now.getTime();
}
