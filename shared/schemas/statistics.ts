import { z } from 'zod';
import {
  calendarDate,
  consumptionCategories,
  idSchema,
  languageSetting,
  period,
  text,
  tierSchema,
} from './common';

/** The statistics window: ending at `to` (default: the last complete month), `months` long or from `from`. */
const statsWindow = {
  from: period.optional(),
  to: period.optional(),
  /** Ignored when `from` is given. */
  months: z.int().min(1).max(60).default(12),
  /** Only these services (none: all). */
  categories: z.array(z.enum(consumptionCategories)).max(consumptionCategories.length).optional(),
};

/** Whose accounts: one manager's, one region's, some tiers (none: everyone's). */
const statsScope = {
  owner: text(40).optional(),
  region: text(40).optional(),
  tiers: z.array(tierSchema).max(4).optional(),
};

function checkWindow(
  value: { from?: string | undefined; to?: string | undefined },
  context: z.RefinementCtx,
) {
  if (value.from !== undefined && value.to !== undefined && value.from > value.to)
    context.addIssue({ code: 'custom', message: 'period_range_reversed', path: ['from'], input: value.from });
}

/**
 * The most rows a statistics list returns at once: "show more" on the page grows the limit up to
 * this (a table of 5,000 rows still draws in well under a second); beyond it, filters narrow.
 */
export const statsRowsMax = 5000;

export const statsAccountInput = z
  .strictObject({ accountId: idSchema, ...statsWindow, months: z.int().min(1).max(60).default(24) })
  .superRefine(checkWindow);

/** `accountId` may be any company of the group: its root is found. */
export const statsGroupInput = statsAccountInput;

export const statsPortfolioInput = z
  .strictObject({ ...statsWindow, ...statsScope, top: z.int().min(1).max(500).default(20) })
  .superRefine(checkWindow);

/** Cumulative shares where classes A and B end (80/15/5 by default). */
export const abcBoundsSchema = z
  .strictObject({ a: z.number().gt(0).lt(1).default(0.8), b: z.number().gt(0).max(1).default(0.95) })
  .refine((bounds) => bounds.a < bounds.b, { message: 'abc_bounds_reversed', path: ['b'] });

export const statsParetoInput = z
  .strictObject({
    ...statsWindow,
    ...statsScope,
    /** Rank accounts, or customer groups (an account in no group is a group of one). */
    by: z.enum(['account', 'group']).default('account'),
    bounds: abcBoundsSchema.default({ a: 0.8, b: 0.95 }),
    top: z.int().min(1).max(500).default(50),
    /** Points of the cumulative curve to return (evenly spaced by rank). */
    curvePoints: z.int().min(2).max(1000).default(100),
  })
  .superRefine(checkWindow);

export const statsSlippingInput = z.strictObject({
  /** The last month of the recent 3 (default: the last complete month). */
  to: period.optional(),
  categories: statsWindow.categories,
  ...statsScope,
  /** A drop of more than this fraction of the 3 months before (0.2: down over 20%). */
  threshold: z.number().min(0).max(1).default(0.2),
  /** Ignore accounts whose 3 months before were below this (fen). */
  minPreviousFen: z.int().min(0).max(1e13).default(0),
  /** Rows returned (largest drops first); `total` counts them all. The page shows more on request. */
  limit: z.int().min(1).max(statsRowsMax).default(100),
});

export const statsCoverageInput = z
  .strictObject({
    /** Defaults to today on this device. */
    today: calendarDate.optional(),
    ...statsScope,
    /** Overdue accounts listed; `overdue` counts them all. The page shows more on request. */
    limit: z.int().min(1).max(statsRowsMax).default(100),
  })
  .optional();

export const tierSuggestionsInput = z
  .strictObject({
    owner: text(40).optional(),
    region: text(40).optional(),
    limit: z.int().min(1).max(statsRowsMax).default(200),
  })
  .optional();

export const tierApplyInput = z
  .strictObject({
    /** Accounts whose suggestion a manager accepts (their tier then follows suggestions). */
    accountIds: z.array(idSchema).min(1).max(1000).optional(),
    /** Or every account in scope whose tier follows suggestions; managers' tiers are kept. */
    allAutomatic: z.boolean().default(false),
    owner: text(40).optional(),
    /** The language the reason is written in. */
    language: languageSetting.default('zh-CN'),
  })
  .refine((input) => input.accountIds !== undefined || input.allAutomatic, {
    message: 'tier_apply_nothing',
    path: ['accountIds'],
  });
