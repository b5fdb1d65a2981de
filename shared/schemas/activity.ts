import { z } from 'zod';
import { ruleProblem } from '../domain/anniversaryRule';
import { followUpProblems } from '../domain/visitRules';
import {
  anniversaryKinds,
  calendarDate,
  calendars,
  consumptionCategories,
  idSchema,
  isoDateTime,
  optionalText,
  period,
  safeFen,
  text,
  textBlock,
  tierSchema,
  visitKinds,
} from './common';

/** A follow-up's due day; the message says how to write one (the forms take typed dates). */
const followUpDueDate = z.iso.date({ message: 'invalid_date' });
const visitInstant = z.iso
  .datetime({ offset: true, message: 'invalid_date_time' })
  .transform((value) => new Date(value).toISOString());

function checkFollowUp(
  visit: {
    occurredAt?: string | undefined;
    followUp?: string | undefined;
    followUpDue?: string | null | undefined;
  },
  context: z.RefinementCtx,
): void {
  // On an update only what is given can be checked here; the handler checks the merged visit.
  if (visit.followUpDue === undefined || visit.followUpDue === null) return;
  const problems = followUpProblems({
    occurredAt: visit.occurredAt,
    followUp: visit.followUp,
    followUpDue: visit.followUpDue,
  });
  for (const problem of problems)
    context.addIssue({
      code: 'custom',
      message: problem.key,
      path: [problem.path],
      input: visit[problem.path],
    });
}

export const visitCreateInput = z
  .strictObject({
    accountId: idSchema,
    /** Defaults to now. A time in the future makes it a planned visit. */
    occurredAt: visitInstant.optional(),
    kind: z.enum(visitKinds),
    participants: text(200).default(''),
    content: textBlock(5000).min(1),
    feedback: textBlock(5000).default(''),
    followUp: textBlock(2000).default(''),
    /** Needs `followUp`, and falls on or after the visit's day. */
    followUpDue: followUpDueDate.nullable().default(null),
    /** Defaults to the current manager. */
    manager: optionalText(40),
  })
  .superRefine((visit, context) =>
    checkFollowUp({ ...visit, occurredAt: visit.occurredAt ?? new Date().toISOString() }, context),
  );

export const visitUpdateInput = z
  .strictObject({
    id: idSchema,
    occurredAt: visitInstant.optional(),
    kind: z.enum(visitKinds).optional(),
    participants: optionalText(200),
    content: textBlock(5000).min(1).optional(),
    feedback: textBlock(5000).optional(),
    followUp: textBlock(2000).optional(),
    followUpDue: followUpDueDate.nullable().optional(),
    manager: optionalText(40),
  })
  .superRefine(checkFollowUp);

export const visitListInput = z.strictObject({
  accountId: idSchema,
  kind: z.enum(visitKinds).optional(),
  /** Paging: visits strictly before this time. */
  before: isoDateTime.optional(),
  limit: z.int().min(1).max(500).default(50),
});

const leadDays = z.array(z.int().min(0).max(365)).max(6);

const anniversaryRuleFields = {
  calendar: z.enum(calendars),
  month: z.int().min(1).max(12),
  day: z.int().min(1).max(31),
  leapMonth: z.boolean().default(false),
  year: z.int().min(1900).max(2100).nullable().default(null),
};

type RuleShape = {
  calendar: 'gregorian' | 'lunar';
  month: number;
  day: number;
  leapMonth: boolean;
  year: number | null;
};

function checkRule(rule: RuleShape, context: z.RefinementCtx): void {
  const problem = ruleProblem(rule);
  if (problem) context.addIssue({ code: 'custom', message: problem, path: ['day'], input: rule.day });
}

export const anniversaryCreateInput = z
  .strictObject({
    accountId: idSchema,
    kind: z.enum(anniversaryKinds),
    /** The name of a custom anniversary (入职纪念日); optional otherwise. */
    label: text(60).default(''),
    ...anniversaryRuleFields,
    /** Days ahead to remind; null uses the tier's default. */
    leadDays: leadDays.nullable().default(null),
    note: textBlock(500).default(''),
    /** The user has seen the account's like anniversary (a second birthday) and keeps both. */
    allowDuplicate: z.boolean().default(false),
  })
  .superRefine((value, context) => {
    checkRule(value, context);
    if (value.kind === 'custom' && value.label === '')
      context.addIssue({
        code: 'custom',
        message: 'custom_needs_label',
        path: ['label'],
        input: value.label,
      });
  });

export const anniversaryUpdateInput = z.strictObject({
  id: idSchema,
  kind: z.enum(anniversaryKinds).optional(),
  label: optionalText(60),
  calendar: z.enum(calendars).optional(),
  month: z.int().min(1).max(12).optional(),
  day: z.int().min(1).max(31).optional(),
  leapMonth: z.boolean().optional(),
  year: z.int().min(1900).max(2100).nullable().optional(),
  leadDays: leadDays.nullable().optional(),
  note: textBlock(500).optional(),
  allowDuplicate: z.boolean().default(false),
});

export const consumptionCreateInput = z.strictObject({
  accountId: idSchema,
  /** Billing month, `YYYY-MM`. */
  period,
  category: z.enum(consumptionCategories),
  amountFen: safeFen,
  quantity: z.number().finite().min(0).nullable().default(null),
  source: text(40).default('manual'),
  note: textBlock(500).default(''),
  allowDuplicate: z.boolean().default(false),
});

export const consumptionUpdateInput = z.strictObject({
  id: idSchema,
  period: period.optional(),
  category: z.enum(consumptionCategories).optional(),
  amountFen: safeFen.optional(),
  quantity: z.number().finite().min(0).nullable().optional(),
  source: optionalText(40),
  note: textBlock(500).optional(),
  /** Moving the record onto a month and service that already has one, knowingly. */
  allowDuplicate: z.boolean().default(false),
});

export const consumptionListInput = z.strictObject({
  accountId: idSchema,
  from: period.optional(),
  to: period.optional(),
  limit: z.int().min(1).max(5000).default(500),
});

const anniversaryFilters = {
  /** Only the accounts of this manager (the UI passes the current one). */
  owner: text(40).optional(),
  tiers: z.array(tierSchema).max(4).optional(),
  limit: z.int().min(1).max(5000).default(200),
};

export const anniversariesUpcomingInput = z.strictObject({
  /** Defaults to today on this device. */
  from: calendarDate.optional(),
  days: z.int().min(1).max(366).default(30),
  ...anniversaryFilters,
});

export const anniversariesOnDateInput = z.strictObject({ date: calendarDate, ...anniversaryFilters });

/** How many anniversaries fall on each day of a window (a month calendar's numbers). */
export const anniversariesCountByDayInput = z.strictObject({
  from: calendarDate,
  days: z.int().min(1).max(366),
  owner: anniversaryFilters.owner,
  tiers: anniversaryFilters.tiers,
});

/** The anniversary rule checks, for forms that edit a rule piece by piece. */
export { checkRule as checkAnniversaryRule };
