import { z } from 'zod';
import { calendarDate, idSchema, textBlock, tiers } from './common';

const months = z.int().min(1).max(120);

/**
 * Which accounts the Maintenance page proposes for erasure: archived for more than `months`,
 * and of a tier with no bills for `months` (nor created within them). Each can be turned off.
 */
export const purgeRulesSchema = z.strictObject({
  archived: z.strictObject({ enabled: z.boolean(), months }),
  dormant: z.strictObject({ enabled: z.boolean(), months, tier: z.enum(tiers) }),
});

export const purgeCandidatesInput = z
  .strictObject({
    offset: z.int().min(0).default(0),
    limit: z.int().min(1).max(500).default(100),
    /** The day the rules are measured from; today when left out (tests fix it). */
    today: calendarDate.optional(),
  })
  .default({ offset: 0, limit: 100 });

export const purgeApplyInput = z.strictObject({
  ids: z.array(idSchema).min(1).max(10_000),
  reason: textBlock(500).min(1),
  today: calendarDate.optional(),
});
