import { useTranslation } from 'react-i18next';
import { settingsUpdateInput } from '../../../shared/schemas';
import { useForm } from '../../components/useForm';
import { useSettings } from '../../stores/settings';
import { PassphraseCard } from '../sync/PassphraseCard';
import { ReminderSettings } from './ReminderSettings';
import { LanguageField, ManagerFields, SettingsForm } from './SettingsFields';
import { SyncClockSetting } from './SyncClockSetting';

/**
 * Language (applies at once), who is entering data on this laptop, anniversary reminders, and
 * the team passphrase for sync files (also on the Sync page, where it is used).
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings((state) => state.settings);
  const form = useForm(
    settingsUpdateInput,
    { managerCode: settings?.managerCode ?? '', managerName: settings?.managerName ?? '' },
    (v) => ({ managerCode: v.managerCode, managerName: v.managerName }),
  );
  if (!settings) return <p className="page muted">{t('common.loading')}</p>;
  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <LanguageField settings={settings} />
      <SettingsForm form={form}>
        <ManagerFields form={form} codeHint={t('settings.managerCodeHint')} />
      </SettingsForm>
      <ReminderSettings settings={settings} />
      <PassphraseCard />
      <SyncClockSetting settings={settings} />
    </section>
  );
}
