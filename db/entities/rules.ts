import { z } from 'zod';
import { isStoredPhone } from '../../shared/domain/phone';

/** Rules for values in the form they are stored in, where no input field states them. */

/** A stored 0/1 flag. */
export const flag = z.union([z.literal(0), z.literal(1)]);

/** A phone as stored: the canonical form of a valid number. */
export const storedPhone = z.string().refine(isStoredPhone, { message: 'invalid_phone' });

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
