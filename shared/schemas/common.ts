import { z } from 'zod';
import { cleanText, invalidCharacters, isAllowedText } from '../domain/text';

/**
 * Input schemas of the contract, shared by main (which trusts nothing) and the forms (which
 * validate inline with the same rules). Objects are strict: an unknown key is an error, not
 * silently dropped. Custom refinements use a stable message key (see `validationMessages`).
 */

export const accountKinds = ['organization', 'person'] as const;
export const tiers = ['strategic', 'partner', 'commercial', 'general'] as const;
/** Where a tier came from: chosen by a person (kept), or taken from a suggestion. */
export const tierSources = ['manager', 'suggested'] as const;
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
export const text = (max: number) => textOf(max, false);
export const optionalText = (max: number) => text(max).optional();
/** Notes, visit records, follow-ups: several lines. */
export const textBlock = (max: number) => textOf(max, true);

export const tierSchema = z.enum(tiers);
export const accountKindSchema = z.enum(accountKinds);

export const isoDate = z.iso.date();
export const isoDateTime = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());

/** A billing month, `YYYY-MM`. */
export const period = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { message: 'invalid_period' });
/** Integer fen within what a double holds exactly, with room for sums. */
export const safeFen = z.int().min(-1e13).max(1e13);

/** A date the lunar tables cover (1901–2099): anniversary queries and reminders. */
export const calendarDate = isoDate.refine((date) => date >= '1901-01-01' && date <= '2099-12-31', {
  message: 'date_out_of_range',
});

/** The languages the app speaks (UI, reminder texts, CSV headers and values). */
export const appLanguages = ['zh-CN', 'en'] as const;
export const languageSetting = z.enum(appLanguages);

export const byIdInput = z.strictObject({ id: idSchema });

/** An operation that takes nothing. */
export const noInput = z.strictObject({}).optional();
