import type { z } from 'zod';
import { ApiError, type FieldIssue } from '../shared/errors';
import { isValidationMessageKey, validationMessages } from '../shared/validationMessages';

/**
 * Zod's issues as the API reports them: our own rules carry their message key as the code, and
 * a length bound carries the bound (the message is English; the UI words it in its language).
 * `under` places the issues at a field of the input (a rule applied to one value of it).
 */
export function toIssues(error: z.ZodError, under: readonly (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [...under, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
    if (isValidationMessageKey(issue.message)) {
      return { path, code: issue.message, message: validationMessages[issue.message].en };
    }
    const bound =
      issue.code === 'too_small'
        ? { origin: issue.origin, minimum: Number(issue.minimum) }
        : issue.code === 'too_big'
          ? { origin: issue.origin, maximum: Number(issue.maximum) }
          : {};
    return { path, code: issue.code, message: issue.message, ...bound };
  });
}

/** VALIDATION_FAILED for these issues, the first one named in the message. */
export function validationFailed(what: string, issues: readonly FieldIssue[]): ApiError {
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return new ApiError('VALIDATION_FAILED', `Invalid input for ${what}: ${where}${first?.message ?? ''}`, {
    issues,
  });
}
