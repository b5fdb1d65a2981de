import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormState } from './useForm';
import { DuplicateWarning } from './DuplicateWarning';

/**
 * The end of every form: what went wrong, possible duplicates, and one primary button. It
 * stays in view at the bottom of a dialog that scrolls (see `.form-footer`), so Save is never
 * below the fold. When the entry may repeat one already there, Save says "Save anyway" and
 * saves knowingly: one primary action, never two competing ones.
 */
export function FormFooter<V>(props: {
  form: FormState<V>;
  onCancel: () => void;
  /** Saves with `allowDuplicate`; without it a duplicate refusal cannot be overridden. */
  onSaveAnyway?: () => void;
  /** What the refusal is about, beyond its message (the record a duplicate repeats). */
  children?: ReactNode;
  /** The primary button's words when it does something other than save (Reveal, Set password). */
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const { form } = props;
  const anyway = form.overridable && props.onSaveAnyway !== undefined;

  return (
    <div className="form-footer span-2">
      {form.duplicates && <DuplicateWarning matches={form.duplicates} />}
      {props.children}
      {form.formError && (
        <p className="form-error" role="alert">
          {form.formError}
        </p>
      )}
      <footer className="dialog-footer">
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        {anyway ? (
          <button
            key="anyway"
            type="button"
            className="primary warning"
            onClick={props.onSaveAnyway}
            disabled={form.busy}
          >
            {t('common.saveAnyway')}
          </button>
        ) : (
          <button key="save" type="submit" className="primary" disabled={form.busy}>
            {props.submitLabel ?? t('common.save')}
          </button>
        )}
      </footer>
    </div>
  );
}
