import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsUpdateInput } from '../../../shared/schemas';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { useSettings } from '../../stores/settings';
import { useToast } from '../../stores/toast';
import { PassphraseCard } from '../sync/PassphraseCard';
import { ReminderSettings } from './ReminderSettings';
import { SyncClockSetting } from './SyncClockSetting';

/**
 * Language (applies at once), who is entering data on this laptop, anniversary reminders, and
 * the team passphrase for sync files (also on the Sync page, where it is used).
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const show = useToast((state) => state.show);
  const [language, setLanguage] = useState(settings?.language ?? '');
  const form = useForm(
    settingsUpdateInput,
    { managerCode: settings?.managerCode ?? '', managerName: settings?.managerName ?? '' },
    (v) => ({ managerCode: v.managerCode, managerName: v.managerName }),
  );
  if (!settings) return <p className="page muted">{t('common.loading')}</p>;
  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <Field label={t('settings.language')}>
        {(control) => (
          <select
            {...control}
            value={language}
            onChange={(event) => {
              const value = event.target.value;
              const previous = language;
              setLanguage(value);
              // Not saved (the book locked…): the choice goes back; the refusal is shown as a toast.
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
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form
            .submit((input) => update(input as never))
            .then((done) => done !== null && show({ message: t('common.saved') }));
        }}
      >
        <Field
          label={t('settings.managerCode')}
          hint={t('settings.managerCodeHint')}
          error={form.errors['managerCode']}
        >
          {(control) => (
            <input
              {...control}
              value={form.values.managerCode}
              onChange={(e) => form.set('managerCode', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('settings.managerName')} error={form.errors['managerName']}>
          {(control) => (
            <input
              {...control}
              value={form.values.managerName}
              onChange={(e) => form.set('managerName', e.target.value)}
            />
          )}
        </Field>
        {form.formError && (
          <p className="form-error" role="alert">
            {form.formError}
          </p>
        )}
        <button type="submit" className="primary" disabled={form.busy}>
          {t('common.save')}
        </button>
      </form>
      <ReminderSettings settings={settings} />
      <PassphraseCard />
      <SyncClockSetting settings={settings} />
    </section>
  );
}
