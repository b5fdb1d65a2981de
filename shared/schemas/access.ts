import { z } from 'zod';
import { text } from './common';

export const roles = ['manager', 'supervisor', 'auditor', 'admin'] as const;
export const userStatuses = ['active', 'disabled'] as const;

/** A user's code: the manager code accounts name as their owner. */
export const userCode = text(40)
  .min(1)
  .regex(/^[\w.-]+$/, { message: 'invalid_manager_code' });

/** Long enough to resist guessing on a stolen laptop; any characters, kept as typed. */
export const password = z.string().min(8, { message: 'password_too_short' }).max(200);

export const signInInput = z.strictObject({ code: userCode, password: z.string().min(1).max(200) });

/** The first user of a book: its administrator. */
export const setUpInput = z.strictObject({
  code: userCode,
  name: text(40).min(1),
  password,
});

/** Turns unlocking with this computer's account on (the password confirms it) or off. */
export const unlockHereInput = z.discriminatedUnion('enabled', [
  z.strictObject({ enabled: z.literal(true), password: z.string().min(1).max(200) }),
  z.strictObject({ enabled: z.literal(false) }),
]);

/** Signs in without a password: the keys this computer's account protects for the user. */
export const unlockInput = z.strictObject({ code: userCode });

export const changePasswordInput = z.strictObject({
  current: z.string().min(1).max(200),
  next: password,
});

export const userAddInput = z.strictObject({
  code: userCode,
  name: text(40).min(1),
  role: z.enum(roles),
  /** The supervisor whose team this user is in. */
  supervisor: userCode.nullable().default(null),
  /** The first password, told to the user, who changes it. */
  password,
});

export const userUpdateInput = z.strictObject({
  code: userCode,
  name: text(40).min(1).optional(),
  role: z.enum(roles).optional(),
  supervisor: userCode.nullable().optional(),
  status: z.enum(userStatuses).optional(),
});

export const userSetPasswordInput = z.strictObject({ code: userCode, password });

/** Minutes without use before the window locks: 1 to 240. */
export const autoLockMinutesSchema = z.int().min(1).max(240);
