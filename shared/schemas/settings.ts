import { z } from 'zod';
import { autoLockMinutesSchema } from './access';
import { backupSettingsSchema } from './backups';
import { purgeRulesSchema } from './purge';
import { calendarDate, idSchema, languageSetting, optionalText, text, textBlock } from './common';

const tierLeadDays = z.array(z.int().min(0).max(365)).max(6);

/** Days ahead to remind of an anniversary, by the account's tier (an anniversary may override). */
export const leadDaysByTierSchema = z.strictObject({
  strategic: tierLeadDays,
  partner: tierLeadDays,
  commercial: tierLeadDays,
  general: tierLeadDays,
});

const cadenceDays = z.int().min(1).max(3650);

/** How often each tier should be visited, in days. */
export const visitCadenceByTierSchema = z.strictObject({
  strategic: cadenceDays,
  partner: cadenceDays,
  commercial: cadenceDays,
  general: cadenceDays,
});

/** Hours a sync file's clocks may run ahead of this computer's: an hour to a month. */
export const maxClockDriftHoursSchema = z.int().min(1).max(720);

export const settingsUpdateInput = z.strictObject({
  /** The manager's code, recorded as owner and author of what is entered on this device. */
  managerCode: text(40)
    .regex(/^[\w.-]*$/, { message: 'invalid_manager_code' })
    .optional(),
  managerName: optionalText(40),
  /** null: follow the system's language. */
  language: languageSetting.nullable().optional(),
  leadDays: leadDaysByTierSchema.optional(),
  /** Start hidden at login, so reminders come even when the window was never opened. */
  launchAtLogin: z.boolean().optional(),
  /** Days between visits each tier should get (visit coverage). */
  visitCadenceDays: visitCadenceByTierSchema.optional(),
  maxClockDriftHours: maxClockDriftHoursSchema.optional(),
  backups: backupSettingsSchema.optional(),
  /** Which accounts the Maintenance page proposes for erasure. */
  purge: purgeRulesSchema.optional(),
  autoLockMinutes: autoLockMinutesSchema.optional(),
});

export const remindersOpenInput = z.strictObject({ today: calendarDate.optional() }).optional();

export const reminderAcknowledgeInput = z
  .strictObject({
    anniversaryId: idSchema,
    occursOn: calendarDate,
    /** What was done: recorded as a visit of that kind; `dismissed` records nothing. */
    as: z.enum(['greeting', 'gift', 'phone', 'dismissed']),
    /** The visit's text, in the user's language (the UI writes it); ignored when dismissed. */
    content: textBlock(500).default(''),
  })
  .refine((input) => input.as === 'dismissed' || input.content !== '', {
    message: 'visit_content_needed',
    path: ['content'],
  });

export const reminderSnoozeInput = z.strictObject({
  anniversaryId: idSchema,
  occursOn: calendarDate,
  /** Defaults to tomorrow. */
  until: calendarDate.optional(),
});
