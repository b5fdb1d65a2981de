import { z } from 'zod';
import { consumptionCategories, idSchema, isoDate, safeFen, text, textBlock } from './common';

/** A contract's number as stored: trimmed, upper case, not empty. */
export const contractNumberSchema = text(40)
  .overwrite((value) => value.toUpperCase())
  .min(1);

const monthlyFen = safeFen.min(0);

export const contractCreateInput = z
  .strictObject({
    accountId: idSchema,
    number: contractNumberSchema,
    service: z.enum(consumptionCategories),
    startDate: isoDate,
    /** The last day it runs; not before its start. */
    endDate: isoDate,
    monthlyFen: monthlyFen.default(0),
    autoRenew: z.boolean().default(false),
    notes: textBlock(1000).default(''),
  })
  .superRefine((contract, context) => {
    if (contract.endDate < contract.startDate)
      context.addIssue({
        code: 'custom',
        message: 'contract_ends_before_start',
        path: ['endDate'],
        input: contract.endDate,
      });
  });

/** Only what is given changes; the handler checks the dates of the contract it makes. */
export const contractUpdateInput = z.strictObject({
  id: idSchema,
  number: contractNumberSchema.optional(),
  service: z.enum(consumptionCategories).optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  monthlyFen: monthlyFen.optional(),
  autoRenew: z.boolean().optional(),
  notes: textBlock(1000).optional(),
});

export const contractListInput = z.strictObject({ accountId: idSchema });

/** Contracts by number: the exact number or its start (`HT-2026` finds `HT-2026-001`). */
export const contractFindInput = z.strictObject({
  number: text(40).min(1),
  limit: z.int().min(1).max(100).default(20),
});

export const contractsExpiringInput = z
  .strictObject({
    /** Defaults to today on this device. */
    today: isoDate.optional(),
    days: z.int().min(1).max(366).default(90),
    /** Only the accounts of this manager (the statistics' scope). */
    owner: text(40).optional(),
    limit: z.int().min(1).max(500).default(20),
  })
  .optional();
