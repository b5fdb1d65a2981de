import { z } from 'zod';
import { isValidCreditCode, normalizeCreditCode } from '../domain/creditCode';
import { normalizeCustomerNumber } from '../domain/customerNumber';
import { normalizePhone } from '../domain/phone';
import {
  accountKindSchema,
  idSchema,
  optionalText,
  phoneLabels,
  relationshipTypes,
  text,
  textBlock,
  tierSchema,
} from './common';

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

export const lookupCountLimit = 1000;

export const lookupInput = z.strictObject({
  query: z.string().max(100),
  /** "Show more" asks again with a larger limit. */
  limit: z.int().min(1).max(500).default(20),
  includeArchived: z.boolean().default(true),
});

/** Why the masked values are needed (查阅登记): recorded with who, when and which account. */
export const revealInput = z.strictObject({ id: idSchema, purpose: text(200).min(1) });
