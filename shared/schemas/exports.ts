import { z } from 'zod';
import { appLanguages, calendarDate, optionalText, text, tierSchema } from './common';

/** What head office can export: each a CSV file (several together: one zip). */
export const csvExportTables = [
  'accounts',
  'phones',
  'relationships',
  'visits',
  'anniversaries',
  'consumption',
  'consumptionMonthly',
  'contracts',
] as const;
export const csvExportLanguages = appLanguages;

export const csvExportInput = z
  .strictObject({
    tables: z
      .array(z.enum(csvExportTables))
      .min(1)
      .max(csvExportTables.length)
      .transform((tables) => [...new Set(tables)]),
    /** Header texts and value names (tiers, kinds, services). */
    language: z.enum(csvExportLanguages).default('zh-CN'),
    /** Accounts of this manager only (and their phones, visits…). */
    owner: text(40).optional(),
    /** Why the archive leaves the book (the window asks): recorded with the rows exported. */
    purpose: optionalText(200),
    region: text(40).optional(),
    tiers: z.array(tierSchema).min(1).max(4).optional(),
    /** Inclusive days: visits by their date, consumption and the monthly summary by month. */
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  })
  .superRefine((value, context) => {
    if (value.from !== undefined && value.to !== undefined && value.from > value.to)
      context.addIssue({ code: 'custom', message: 'date_range_reversed', path: ['from'], input: value.from });
  });
