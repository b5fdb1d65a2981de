import { z } from 'zod';
import { idSchema, text, tierSchema } from './common';

/**
 * Which of one manager's accounts go to another: all of them, or those matching every filter
 * given (tiers, region, an explicit list). Archived accounts go too (they are still the leaver's);
 * deleted ones stay where they are.
 */
export const handoverInput = z.strictObject({
  from: text(40).min(1),
  to: text(40).min(1),
  tiers: z.array(tierSchema).min(1).max(4).optional(),
  region: text(40).min(1).optional(),
  accountIds: z.array(idSchema).min(1).max(10_000).optional(),
  /** The leaver can no longer sign in once their accounts are handed over (same transaction). */
  disableLeaver: z.boolean().default(false),
});
