import { z } from 'zod';
import {
  importBadRows,
  importFields,
  importKinds,
  importMatchKeys,
  importOnExisting,
} from '../domain/importFields';
import { consumptionCategories, idSchema, text } from './common';

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
