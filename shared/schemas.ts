import { z } from 'zod';
import { cleanText, invalidCharacters, isAllowedText } from './domain/text';
import { isValidCreditCode, normalizeCreditCode } from './domain/creditCode';
import { normalizeCustomerNumber } from './domain/customerNumber';
import { normalizePhone } from './domain/phone';
import { ruleProblem } from './domain/anniversaryRule';
import { followUpProblems } from './domain/visitRules';
import {
  importBadRows,
  importFields,
  importKinds,
  importMatchKeys,
  importOnExisting,
} from './domain/importFields';

/**
 * Input schemas of the contract, shared by main (which trusts nothing) and the forms (which
 * validate inline with the same rules). Objects are strict: an unknown key is an error, not
 * silently dropped. Custom refinements use a stable message key (see `validationMessages`).
 */

export const accountKinds = ['organization', 'person'] as const;
export const tiers = ['strategic', 'partner', 'commercial', 'general'] as const;
export const accountStatuses = ['active', 'archived'] as const;
export const phoneLabels = ['mobile', 'office', 'home', 'fax', 'other'] as const;
export const relationshipTypes = ['employs', 'holds', 'family', 'other'] as const;
export const visitKinds = [
  'onsite',
  'walk_in',
  'phone',
  'online',
  'complaint',
  'suggestion',
  'marketing',
  // Acknowledging an anniversary reminder: a greeting or a gift sent (a call is `phone`).
  'greeting',
  'gift',
] as const;
export const anniversaryKinds = ['birthday', 'wedding', 'founding', 'contract', 'custom'] as const;
export const calendars = ['gregorian', 'lunar'] as const;
export const consumptionCategories = [
  'voice',
  'data',
  'broadband',
  'leased_line',
  'cloud',
  'idc',
  'iot',
  'sms',
  'other',
] as const;

export const idSchema = z.uuid();

/**
 * Text as it is stored (`shared/domain/text.ts`): cleaned (NFC, line breaks as `\n`, invisible
 * characters trimmed at both ends), refused with control characters, lone surrogates or
 * bidirectional overrides (`invalid_characters`), at most `max` long. One-line fields (names,
 * codes, places) also refuse tabs and line breaks inside; `textBlock` (notes, records) takes them.
 */
const textOf = (max: number, multiLine: boolean) =>
  z
    .string()
    .overwrite(cleanText)
    .refine((value) => isAllowedText(value, multiLine), { message: invalidCharacters, abort: true })
    .max(max);
const text = (max: number) => textOf(max, false);
const optionalText = (max: number) => text(max).optional();
/** Notes, visit records, follow-ups: several lines. */
const textBlock = (max: number) => textOf(max, true);

export const tierSchema = z.enum(tiers);
export const accountKindSchema = z.enum(accountKinds);

export const creditCodeSchema = z
  .string()
  .transform(normalizeCreditCode)
  .refine(isValidCreditCode, { message: 'invalid_credit_code' });

/** A credit code, or empty / null to clear it. */
const optionalCreditCode = z
  .union([z.literal('').transform(() => null), z.null(), creditCodeSchema])
  .optional();

export const customerNoSchema = z
  .string()
  .transform(normalizeCustomerNumber)
  .pipe(z.string().regex(/^[0-9A-Z]{1,32}$/, { message: 'invalid_customer_no' }));

export const phoneNumberSchema = z.string().transform((value, context) => {
  const phone = normalizePhone(value);
  if (!phone) {
    context.addIssue({ code: 'custom', message: 'invalid_phone', input: value });
    return z.NEVER;
  }
  return phone;
});

export const phoneInput = z.strictObject({
  number: phoneNumberSchema,
  /** Derived from the number when left out: mobile → mobile, landline → office. */
  label: z.enum(phoneLabels).optional(),
  note: textBlock(200).optional(),
});

const accountCommon = {
  name: text(100).min(1),
  /** A tier chosen by a person (kept); absent: general until a suggestion is applied. */
  tier: tierSchema.optional(),
  /** Why this tier, in the manager's words. */
  tierReason: text(200).default(''),
  /** The account manager's code; defaults to whoever creates the account. */
  owner: optionalText(40),
  region: text(40).default(''),
  industry: text(40).default(''),
  address: text(200).default(''),
  postcode: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, { message: 'invalid_postcode' })
    .default(''),
  notes: textBlock(4000).default(''),
  /** Left out: a collision-free number is generated on this device. */
  customerNo: customerNoSchema.optional(),
  phones: z.array(phoneInput).max(20).default([]),
  /** The user has seen the possible duplicates and creates the account anyway. */
  allowDuplicate: z.boolean().default(false),
};

export const accountCreateInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('organization'),
    ...accountCommon,
    creditCode: optionalCreditCode,
  }),
  z.strictObject({ kind: z.literal('person'), ...accountCommon }),
]);

export const accountUpdateInput = z.strictObject({
  id: idSchema,
  name: text(100).min(1).optional(),
  /** Setting a tier by hand makes it the manager's: suggestions no longer move it. */
  tier: tierSchema.optional(),
  tierReason: optionalText(200),
  owner: text(40).optional(),
  region: optionalText(40),
  industry: optionalText(40),
  address: optionalText(200),
  postcode: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, { message: 'invalid_postcode' })
    .optional(),
  notes: textBlock(4000).optional(),
  customerNo: customerNoSchema.optional(),
  creditCode: optionalCreditCode,
  allowDuplicate: z.boolean().default(false),
});

export const duplicateCheckInput = z.strictObject({
  kind: accountKindSchema,
  name: text(100).optional(),
  creditCode: optionalCreditCode,
  customerNo: customerNoSchema.optional(),
  phones: z.array(phoneNumberSchema).max(20).default([]),
  /** When editing: the account itself is not its own duplicate. */
  excludeId: idSchema.optional(),
});

/** Live accounts sharing a customer number or credit code (sync can bring such pairs). */
export const sharedNumbersInput = z.strictObject({ limit: z.int().min(1).max(1000).default(200) }).optional();

export const accountListSorts = [
  'name',
  'customerNo',
  'tier',
  'createdAt',
  'updatedAt',
  'revenue12m',
  'lastContact',
] as const;

export const accountListInput = z.strictObject({
  kind: accountKindSchema.optional(),
  tiers: z.array(tierSchema).max(4).optional(),
  owner: text(40).optional(),
  region: text(40).optional(),
  /** Any part of the name, its pinyin or its initials (the lookup's name keys). */
  name: text(40).optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  /**
   * `revenue12m`: consumption over the 12 months ending at the book's latest billed month;
   * `lastContact`: the latest visit of any kind up to now (never visited sorts as the oldest).
   */
  sort: z.enum(accountListSorts).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(1000).default(100),
});

export const byIdInput = z.strictObject({ id: idSchema });
export const byCustomerNoInput = z.strictObject({ customerNo: customerNoSchema });

export const phoneAddInput = z.strictObject({
  accountId: idSchema,
  number: phoneNumberSchema,
  label: z.enum(phoneLabels).optional(),
  note: textBlock(200).default(''),
  allowDuplicate: z.boolean().default(false),
});

export const phoneUpdateInput = z.strictObject({
  id: idSchema,
  number: phoneNumberSchema.optional(),
  label: z.enum(phoneLabels).optional(),
  note: textBlock(200).optional(),
  allowDuplicate: z.boolean().default(false),
});

export const relationshipCreateInput = z.strictObject({
  fromId: idSchema,
  toId: idSchema,
  type: z.enum(relationshipTypes),
  /** Job title for `employs` (总经理), kinship for `family` (配偶). */
  role: text(60).default(''),
  note: textBlock(500).default(''),
});

export const relationshipUpdateInput = z.strictObject({
  id: idSchema,
  role: optionalText(60),
  note: textBlock(500).optional(),
});

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());

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

const period = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { message: 'invalid_period' });
const safeFen = z.int().min(-1e13).max(1e13);

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

/** A date the lunar tables cover (1901–2099): anniversary queries and reminders. */
const calendarDate = isoDate.refine((date) => date >= '1901-01-01' && date <= '2099-12-31', {
  message: 'date_out_of_range',
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

/** Lookup counts the accounts that match up to this many (a count past it says "at least"). */
export const lookupCountLimit = 1000;

export const lookupInput = z.strictObject({
  query: z.string().max(100),
  /** "Show more" asks again with a larger limit. */
  limit: z.int().min(1).max(500).default(20),
  includeArchived: z.boolean().default(true),
});

export const auditListInput = z.strictObject({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  limit: z.int().min(1).max(1000).default(100),
});

export const languageSetting = z.enum(['zh-CN', 'en']);

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

// --- Agenda (待办) ---

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

// --- CSV import ---

/** The largest file `imports.stage` takes, in bytes (a year of a large branch's bills). */
export const importMaxFileBytes = 200 * 1024 * 1024;

export const importStageInput = z.strictObject({
  fileName: text(255).min(1),
  /** The file's bytes, base64: its encoding (UTF-8, UTF-8 with BOM, GB18030) is detected. */
  contentBase64: z
    .string()
    .max(Math.ceil(importMaxFileBytes / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'invalid_base64' }),
});

/** How to read a staged file: what to import, which column is which, what to do with existing rows. */
export const importOptionsInput = z.strictObject({
  stageId: idSchema,
  kind: z.enum(importKinds),
  mapping: z.partialRecord(z.enum(importFields), z.string().max(200)),
  matchKey: z.enum(importMatchKeys).default('customerNo'),
  onExisting: z.enum(importOnExisting).default('skip'),
  /**
   * Rows with errors: `refuse` the whole file (nothing is imported while any row is bad), or
   * `skip` them, import the rest and keep them for `imports.rejects`.
   */
  badRows: z.enum(importBadRows).default('refuse'),
  /** The file's own service names read as categories (bills), keyed by `categoryKey(name)`. */
  categoryMap: z
    .record(z.string().min(1).max(200), z.enum(consumptionCategories))
    .refine((map) => Object.keys(map).length <= 200, { message: 'too_many_categories' })
    .default({}),
});

/** The rows a partial import left out, as a CSV file; its error column in this language. */
export const importRejectsInput = z.strictObject({
  id: idSchema,
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export const importListInput = z.strictObject({ limit: z.int().min(1).max(500).default(50) }).optional();

// --- end of CSV import ---

// --- Consumption statistics ---

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

// --- end of consumption statistics ---

// --- Tier suggestions ---

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

// --- end of tier suggestions ---

// --- Sync ---

/**
 * The team passphrase: set once per device (`sync.setPassphrase`), or given with a call (CLI).
 * One chosen now — set, or given for an export (a file others must open with it) — has at least
 * 12 characters; one given to read a file needs only the former 8, so files made under the
 * earlier rule still open. A short passphrase already set on a device keeps working (the
 * Sync page asks for a longer one).
 */
const syncPassphrase = z.string().min(8, { message: 'sync_passphrase_short' }).max(1024);
const syncNewPassphrase = z.string().min(12, { message: 'sync_new_passphrase_short' }).max(1024);
/**
 * The largest sync file a device imports at once, in bytes. The file travels as one base64
 * string (IPC, HTTP, the CLI alike), and JavaScript strings stop at 2^29 − 24 characters in
 * V8 (Node, Chromium): 360 MiB makes 503 million characters, with room for the JSON around them.
 */
export const syncMaxFileBytes = 360 * 1024 * 1024;
/** A sync file's bytes, base64. */
const syncFileBase64 = z
  .string()
  .min(1)
  .max(Math.ceil(syncMaxFileBytes / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'invalid_base64' });

export const syncExportInput = z.strictObject({
  /** Every row, not only the rows changed since this device's last export. */
  full: z.boolean().default(false),
  /** Absent: the one this device keeps (SYNC_NO_PASSPHRASE when none is set). */
  passphrase: syncNewPassphrase.optional(),
  /**
   * The caller's time zone, in minutes east of UTC (China: 480), for the local time in the
   * file's name. Absent: this computer's.
   */
  utcOffsetMinutes: z
    .int()
    .min(-14 * 60)
    .max(14 * 60)
    .optional(),
});

export const syncPreviewInput = z.strictObject({
  contentBase64: syncFileBase64,
  passphrase: syncPassphrase.optional(),
});

export const syncImportInput = z.strictObject({
  contentBase64: syncFileBase64,
  passphrase: syncPassphrase.optional(),
  /** The preview's `digest`: the import refuses a file other than the one previewed. */
  expectedDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

/** Kept protected by the OS where it can be (Electron safeStorage), else in memory only. */
export const syncSetPassphraseInput = z.strictObject({ passphrase: syncNewPassphrase });

export const syncHistoryInput = z.strictObject({ limit: z.int().min(1).max(500).default(50) }).optional();

export const syncConflictsInput = z
  .strictObject({
    /** Also the conflicts already decided. */
    includeResolved: z.boolean().default(false),
    limit: z.int().min(1).max(1000).default(200),
  })
  .optional();

export const syncConflictResolutions = ['keep', 'replace', 'merge'] as const;

export const syncResolveConflictInput = z
  .strictObject({
    id: idSchema,
    /** keep: the current value stays; replace: the losing value comes back; merge: `value`. */
    resolution: z.enum(syncConflictResolutions),
    /**
     * The merged text: required with `merge` and refused with `keep` or `replace` (which take
     * no text), rather than silently dropped. The handler checks it, and a value `replace`
     * brings back, against the rule of the field's own edit operation (blank names, lengths);
     * this bound only caps the message (the longest free-text field, a visit's content).
     */
    value: z.string().max(5000).optional(),
  })
  .superRefine((input, context) => {
    if (input.resolution === 'merge' && input.value === undefined)
      context.addIssue({
        code: 'custom',
        message: 'sync_merge_needs_value',
        path: ['value'],
        input: undefined,
      });
    if (input.resolution !== 'merge' && input.value !== undefined)
      context.addIssue({
        code: 'custom',
        message: 'sync_value_only_with_merge',
        path: ['value'],
        input: input.value,
      });
  });

// --- end of sync ---

// --- CSV export ---

/** What head office can export: each a CSV file (several together: one zip). */
export const csvExportTables = [
  'accounts',
  'phones',
  'relationships',
  'visits',
  'anniversaries',
  'consumption',
  'consumptionMonthly',
] as const;
export const csvExportLanguages = ['zh-CN', 'en'] as const;

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

// --- end of CSV export ---

export const noInput = z.strictObject({}).optional();

/** The anniversary rule checks, for forms that edit a rule piece by piece. */
export { checkRule as checkAnniversaryRule };
