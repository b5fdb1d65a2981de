import { useEffect, useRef, useState } from 'react';
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
  /** The API refused a possible duplicate (or a live check found one): Save becomes "Save anyway". */
  readonly overridable: boolean;
  /** What the refusal said beyond its code (the existing record a duplicate repeats). */
  readonly errorDetails: unknown;
  readonly busy: boolean;
  set<K extends keyof V>(field: K, value: V[K]): void;
  /** Possible duplicates found while typing (empty: none); shown like the API's. */
  showDuplicates(matches: readonly DuplicateMatch[]): void;
  /** Validates `toInput(values)` and sends it; resolves to the result, or null when refused. */
  submit<T>(send: (input: unknown) => Promise<T>, options?: { allowDuplicate?: boolean }): Promise<T | null>;
}

/** Refusals the user may override once they have seen what the entry may repeat. */
const overridableCodes = new Set<string>([
  'DUPLICATE_ACCOUNT',
  'DUPLICATE_PHONE',
  'DUPLICATE_CONSUMPTION',
  'DUPLICATE_ANNIVERSARY',
]);

type Issue = { path: readonly PropertyKey[]; code?: string; message: string };

function keyOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function messagesOf(issues: readonly Issue[]): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of issues) messages[keyOf(issue.path)] ??= issueMessage(issue);
  return messages;
}

const belongsTo = (key: string, field: string) => key === field || key.startsWith(`${field}.`);

export function useForm<V>(
  schema: z.ZodType,
  initial: V,
  toInput: (values: V) => Record<string, unknown>,
): FormState<V> {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  // Two sets in one event (a tier and its reason) must both land: each builds on the last.
  const latest = useRef(values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<readonly DuplicateMatch[] | null>(null);
  const [overridable, setOverridable] = useState(false);
  const [errorDetails, setErrorDetails] = useState<unknown>(undefined);
  // Matches found while typing are the caller's to refresh; the API's go stale with an edit.
  // A ref: the answer to a check arrives in a callback made by an earlier render.
  const duplicatesLive = useRef(false);
  const [busy, setBusy] = useState(false);
  const [invalidAttempt, setInvalidAttempt] = useState(0);
  // The form being saved: the one holding the focus (Save, or the field where Enter was pressed).
  const formElement = useRef<HTMLFormElement | null>(null);

  // After a refused Save the focus goes to the first field marked invalid, where the user must
  // act, instead of staying on Save. It runs after the render that marked the fields.
  useEffect(() => {
    if (invalidAttempt === 0) return;
    const root = formElement.current?.isConnected ? formElement.current : document;
    const invalid = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
    invalid?.scrollIntoView({ block: 'nearest' });
  }, [invalidAttempt]);

  const fieldErrors = (issues: readonly Issue[]) => {
    setErrors(messagesOf(issues));
    setFormError(t('form.fixErrors'));
    setInvalidAttempt((count) => count + 1);
  };

  return {
    values,
    errors,
    formError,
    duplicates,
    overridable,
    errorDetails,
    busy,
    set(field, value) {
      const next = { ...latest.current, [field]: value };
      latest.current = next;
      setValues(next);
      const name = String(field);
      const shown = Object.keys(errors).filter((key) => belongsTo(key, name));
      if (shown.length > 0) {
        // An error goes as soon as the field is right, and says what is still wrong while it
        // is not; the API's own refusals on the field (a taken number) go with the first edit.
        const parsed = schema.safeParse(toInput(next));
        const now = parsed.success ? {} : messagesOf(parsed.error.issues);
        const rest = Object.fromEntries(Object.entries(errors).filter(([key]) => !belongsTo(key, name)));
        for (const key of shown) if (now[key] !== undefined) rest[key] = now[key];
        setErrors(rest);
        if (Object.keys(rest).length === 0 && formError === t('form.fixErrors')) setFormError(null);
      }
      // A refusal of what was there before says nothing about what is there now.
      if (!duplicatesLive.current && (overridable || errorDetails !== undefined)) {
        setOverridable(false);
        setDuplicates(null);
        setErrorDetails(undefined);
        setFormError((current) => (current === t('form.fixErrors') ? current : null));
      }
    },
    showDuplicates(matches) {
      if (matches.length > 0) {
        duplicatesLive.current = true;
        setDuplicates(matches);
        setOverridable(true);
        return;
      }
      // No match now: what a check showed goes; a refusal from Save (and its message: a locked
      // book, a full disk) stays until the user edits.
      if (!duplicatesLive.current) return;
      duplicatesLive.current = false;
      setDuplicates(null);
      setOverridable(false);
    },
    async submit(send, options = {}) {
      const active = document.activeElement;
      formElement.current = active instanceof HTMLElement ? active.closest('form') : null;
      const input = {
        ...toInput(latest.current),
        ...(options.allowDuplicate ? { allowDuplicate: true } : {}),
      };
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
        setErrorDetails(undefined);
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
          duplicatesLive.current = false;
          setDuplicates(matches && matches.length > 0 ? matches : null);
          setOverridable(overridableCodes.has(error.code));
          setErrorDetails(error.details);
          setFormError(t(`error.${error.code}`));
        }
        return null;
      } finally {
        setBusy(false);
      }
    },
  };
}
