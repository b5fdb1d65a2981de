import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/types';
import { Field } from '../../components/Field';
import type { FormState } from '../../components/useForm';
import { useSettings } from '../../stores/settings';
import { useToast } from '../../stores/toast';

/** The pieces the settings page and the first-run dialog share. */

/** The language, applied as soon as it is chosen; a refusal (the book locked…) puts it back. */
export function LanguageField({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useSettings((state) => state.update);
  const [language, setLanguage] = useState(settings.language ?? '');
  return (
    <Field label={t('settings.language')}>
      {(control) => (
        <select
          {...control}
          value={language}
          onChange={(event) => {
            const value = event.target.value;
            const previous = language;
            setLanguage(value);
            // The refusal itself is shown as a toast (renderer/app/refusalToasts.ts).
            void update({ language: value === 'zh-CN' || value === 'en' ? value : null }).catch(
              (error: unknown) => {
                setLanguage(previous);
                throw error;
              },
            );
          }}
        >
          <option value="">{t('settings.languageSystem')}</option>
          <option value="zh-CN">简体中文</option>
          <option value="en">English</option>
        </select>
      )}
    </Field>
  );
}

/** Who uses this laptop: the manager code (recorded as owner and author) and the name. */
export function ManagerFields({
  form,
  codeHint,
  autoFocus = false,
}: {
  form: FormState<{ managerCode: string; managerName: string }>;
  codeHint: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('settings.managerCode')} hint={codeHint} error={form.errors['managerCode']}>
        {(control) => (
          <input
            {...control}
            autoFocus={autoFocus}
            value={form.values.managerCode}
            onChange={(event) => form.set('managerCode', event.target.value)}
          />
        )}
      </Field>
      <Field label={t('settings.managerName')} error={form.errors['managerName']}>
        {(control) => (
          <input
            {...control}
            value={form.values.managerName}
            onChange={(event) => form.set('managerName', event.target.value)}
          />
        )}
      </Field>
    </>
  );
}

/**
 * A settings form: saved through `settings.update` (the contract's schema checks it first),
 * "Saved" confirmed, a refusal shown above the button, which says `submitLabel` (Save).
 */
export function SettingsForm<V>({
  form,
  children,
  submitLabel,
  quiet = false,
}: {
  form: FormState<V>;
  children: ReactNode;
  submitLabel?: string;
  /** No "Saved" toast (the first-run dialog closes instead). */
  quiet?: boolean;
}) {
  const { t } = useTranslation();
  const update = useSettings((state) => state.update);
  const show = useToast((state) => state.show);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form
          .submit((input) => update(input as never))
          .then((done) => done !== null && !quiet && show({ message: t('common.saved') }));
      }}
    >
      {children}
      {form.formError && (
        <p className="form-error" role="alert">
          {form.formError}
        </p>
      )}
      <button type="submit" className="primary" disabled={form.busy}>
        {submitLabel ?? t('common.save')}
      </button>
    </form>
  );
}
