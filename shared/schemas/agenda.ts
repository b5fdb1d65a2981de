import { z } from 'zod';
import { calendarDate, idSchema, isoDateTime, textBlock, visitKinds } from './common';

export const agendaListInput = z
  .strictObject({
    /** Defaults to today on this device. */
    today: calendarDate.optional(),
    /** Items listed per bucket (each bucket also says how many it holds in all). */
    limit: z.int().min(1).max(1000).default(200),
  })
  .optional();

/** A visit by id, for the agenda's actions on its follow-up or its plan. */
export const visitRefInput = z.strictObject({ visitId: idSchema });

export const followUpCompleteInput = z.strictObject({
  visitId: idSchema,
  /**
   * What was done, recorded on the account as a new visit of that kind. Its text is written by
   * the UI in the user's language and names the follow-up it answers.
   */
  record: z.strictObject({ kind: z.enum(visitKinds), content: textBlock(5000).min(1) }).optional(),
});

export const followUpRescheduleInput = z.strictObject({
  visitId: idSchema,
  /** Today or later, and not before the visit's own day. */
  due: calendarDate,
});

/** Every open follow-up of the agenda due before a day (today at the latest): a backlog cleared. */
export const followUpCompleteOverdueInput = z.strictObject({ before: calendarDate });

/** A planned visit moved to another day, at the same time of day. */
export const plannedVisitRescheduleInput = z.strictObject({ visitId: idSchema, day: calendarDate });

/** When a follow-up was done, as stored: an ISO instant in its canonical form, or null (open). */
export const followUpDoneAtSchema = isoDateTime.nullable();
