import { useTranslation } from 'react-i18next';
import type { FormState } from './useForm';
import { DuplicateWarning } from './DuplicateWarning';

/** The end of every form: what went wrong, possible duplicates, and the buttons. */
export function FormFooter<V>(props: {
  form: FormState<V>;
  onCancel: () => void;
  onSaveAnyway?: () => void;
}) {
  const { t } = useTranslation();
  const { form } = props;
  return (
    <>
      {form.duplicates && <DuplicateWarning matches={form.duplicates} />}
      {form.formError && (
        <p className="form-error" role="alert">
          {form.formError}
        </p>
      )}
      <footer className="dialog-footer">
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        {form.overridable && props.onSaveAnyway && (
          <button type="button" className="warning" onClick={props.onSaveAnyway} disabled={form.busy}>
            {t('common.saveAnyway')}
          </button>
        )}
        <button type="submit" className="primary" disabled={form.busy}>
          {t('common.save')}
        </button>
      </footer>
    </>
  );
}
