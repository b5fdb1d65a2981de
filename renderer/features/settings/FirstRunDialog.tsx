import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsUpdateInput } from '../../../shared/schemas';
import type { Settings } from '../../../shared/types';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { useSettings } from '../../stores/settings';

/**
 * The first start on a laptop asks who is using it: the manager code is recorded as the owner and
 * author of everything entered here, and "my accounts" (reminders, the agenda, statistics) are
 * that manager's. Without it they would be the operating system's user name (often `admin` or
 * `root`), and a new manager would see empty pages. The language is asked first, so the rest of
 * the questions read in it. Closing the dialog asks again at the next start. A book that cannot
 * be written is not asked about.
 */
export function FirstRunDialog({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useSettings((state) => state.update);
  const [closed, setClosed] = useState(false);
  // A book that takes no changes (read-only, damaged) cannot record the answer: not asked.
  const [writable, setWritable] = useState(false);
  useEffect(() => {
    let current = true;
    api.storage.get().then(
      (status) => current && setWritable(status.writable),
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);
  const [language, setLanguage] = useState(settings.language ?? '');
  const form = useForm(
    settingsUpdateInput,
    { managerCode: settings.actor, managerName: settings.managerName },
    (values) => ({ managerCode: values.managerCode.trim(), managerName: values.managerName }),
  );
  if (closed || !writable) return null;
  const requireCode = (input: unknown) => {
    const code = (input as { managerCode?: string }).managerCode ?? '';
    return update({ ...(input as object), managerCode: code });
  };
  return (
    <Dialog title={t('firstRun.title')} onClose={() => setClosed(true)}>
      <form
        className="first-run"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (form.values.managerCode.trim() === '') return;
          void form.submit(requireCode);
        }}
      >
        <p>{t('firstRun.intro')}</p>
        <Field label={t('settings.language')}>
          {(control) => (
            <select
              {...control}
              value={language}
              onChange={(event) => {
                const value = event.target.value;
                setLanguage(value);
                void update({ language: value === 'zh-CN' || value === 'en' ? value : null });
              }}
            >
              <option value="">{t('settings.languageSystem')}</option>
              <option value="zh-CN">简体中文</option>
              <option value="en">English</option>
            </select>
          )}
        </Field>
        <Field
          label={t('settings.managerCode')}
          hint={t('firstRun.managerCodeHint')}
          error={
            form.errors['managerCode'] ??
            (form.values.managerCode.trim() === '' ? t('firstRun.managerCodeNeeded') : undefined)
          }
        >
          {(control) => (
            <input
              {...control}
              autoFocus
              required
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
        {form.formError && (
          <p className="form-error" role="alert">
            {form.formError}
          </p>
        )}
        <footer className="dialog-footer">
          <button
            type="submit"
            className="primary"
            disabled={form.busy || form.values.managerCode.trim() === ''}
          >
            {t('firstRun.start')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
