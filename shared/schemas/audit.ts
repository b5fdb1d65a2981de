import { z } from 'zod';
import { appLanguages, idSchema, isoDate, isoDateTime } from './common';

/** The most entries one page of the audit log holds. */
export const auditPageLimit = 500;
/** The most entries one audit CSV export holds (a window builds the file in memory). */
export const auditExportLimit = 200_000;

/** A time bound: an instant (the Audit page sends local midnights), or a UTC day. */
const auditBound = z.union([isoDate, isoDateTime]);

/**
 * Which entries: each filter narrows, all together. `accountId` finds the entries about an
 * account: its own and those of its rows (phones, visits, contracts…, both ends of a
 * relationship), found through the entity registry's account columns. `to` is exclusive for an
 * instant, inclusive for a day.
 */
export const auditFilterShape = {
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.string().max(40).optional(),
  accountId: idSchema.optional(),
  action: z.string().max(40).optional(),
  from: auditBound.optional(),
  to: auditBound.optional(),
};

export const auditListInput = z.strictObject({
  ...auditFilterShape,
  /** Entries older than this one (the id of the last entry of the page before). */
  beforeId: z.int().min(1).optional(),
  limit: z.int().min(1).max(auditPageLimit).default(100),
});

export const auditExportInput = z.strictObject({
  ...auditFilterShape,
  /** Header texts. */
  language: z.enum(appLanguages).default('zh-CN'),
});
