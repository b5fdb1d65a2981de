import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../shared/errors';
import type { DuplicateMatch } from '../../shared/types';
import { issueMessage } from '../i18n';

/**
 * Form state with the contract's own schema as the validator: the same rules inline as in
 * main. API rejections land on their fields; a possible duplicate is shown with the matches
 * and can be saved anyway; any other refusal or fault is shown in the form's language and
 * leaves the values as typed, for another Save.
 */
export interface FormState<V> {
  readonly values: V;
  readonly errors: Readonly<Record<string, string>>;
  readonly formError: string | null;
  readonly duplicates: readonly DuplicateMatch[] | null;
  /** The API refused a possible duplicate: the user may look and save anyway. */
  readonly overridable: boolean;
  readonly busy: boolean;
  set<K extends keyof V>(field: K, value: V[K]): void;
  /** Validates `toInput(values)` and sends it; resolves to the result, or null when refused. */
  submit<T>(send: (input: unknown) => Promise<T>, options?: { allowDuplicate?: boolean }): Promise<T | null>;
}

const overridableCodes = new Set<string>(['DUPLICATE_ACCOUNT', 'DUPLICATE_PHONE', 'DUPLICATE_CONSUMPTION']);

function keyOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export function useForm<V>(
  schema: z.ZodType,
  initial: V,
  toInput: (values: V) => Record<string, unknown>,
): FormState<V> {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<readonly DuplicateMatch[] | null>(null);
  const [overridable, setOverridable] = useState(false);
  const [busy, setBusy] = useState(false);

  const fieldErrors = (
    issues: readonly { path: readonly PropertyKey[]; code?: string; message: string }[],
  ) => {
    const next: Record<string, string> = {};
    for (const issue of issues) next[keyOf(issue.path)] ??= issueMessage(issue);
    setErrors(next);
    setFormError(t('form.fixErrors'));
  };

  return {
    values,
    errors,
    formError,
    duplicates,
    overridable,
    busy,
    set(field, value) {
      setValues((current) => ({ ...current, [field]: value }));
      setErrors((current) => {
        const { [String(field)]: _removed, ...rest } = current;
        return rest;
      });
    },
    async submit(send, options = {}) {
      const input = { ...toInput(values), ...(options.allowDuplicate ? { allowDuplicate: true } : {}) };
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        fieldErrors(parsed.error.issues);
        return null;
      }
      setBusy(true);
      setFormError(null);
      try {
        const result = await send(input);
        setErrors({});
        setDuplicates(null);
        setOverridable(false);
        return result;
      } catch (error) {
        // Whatever failed, the dialog stays open with what was typed: a storage fault (the book
        // locked, the disk full) or a lost connection to main must not cost the user the form.
        if (!(error instanceof ApiError)) {
          console.error(error);
          setFormError(t('error.INTERNAL'));
          return null;
        }
        if (error.code === 'VALIDATION_FAILED' && error.issues) fieldErrors(error.issues);
        else {
          const matches = (error.details as { matches?: DuplicateMatch[] } | undefined)?.matches;
          setDuplicates(matches && matches.length > 0 ? matches : null);
          setOverridable(overridableCodes.has(error.code));
          setFormError(t(`error.${error.code}`));
        }
        return null;
      } finally {
        setBusy(false);
      }
    },
  };
}
