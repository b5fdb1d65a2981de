import { z } from 'zod';
import { isStoredPhone } from '../../shared/domain/phone';

/** Rules for values in the form they are stored in, where no input field states them. */

/** A stored 0/1 flag. */
export const flag = z.union([z.literal(0), z.literal(1)]);

/**
 * A phone as stored: the canonical form of a valid Chinese number, or a number abroad in E.164.
 * Abroad, only the shape is held to: whether a number is valid there is the phone library's
 * metadata of the day, and a number stored under older metadata must still sync.
 */
export const storedPhone = z
  .string()
  .refine((value) => (value.startsWith('+') ? /^\+[1-9]\d{6,14}$/.test(value) : isStoredPhone(value)), {
    message: 'invalid_phone',
  });

/** JSON text holding a value of `schema`, written as `JSON.stringify` writes it. */
export function storedJson(schema: z.ZodType) {
  return z.string().refine((text) => {
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success && JSON.stringify(parsed.data) === text;
    } catch {
      return false;
    }
  });
}
