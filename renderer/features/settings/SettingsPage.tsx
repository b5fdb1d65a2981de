import { useTranslation } from 'react-i18next';
import { settingsUpdateInput } from '../../../shared/schemas';
import { useForm } from '../../components/useForm';
import { useSettings } from '../../stores/settings';
import { PassphraseCard } from '../sync/PassphraseCard';
import { ReminderSettings } from './ReminderSettings';
import { LanguageField, ManagerFields, SettingsForm } from './SettingsFields';
import { NumberSetting } from './NumberSetting';
import { useSignedInUser } from '../../stores/session';

/**
 * Language (applies at once), who is entering data on this laptop, anniversary reminders, and
 * the team passphrase for sync files (also on the Sync page, where it is used).
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings((state) => state.settings);
  const user = useSignedInUser();
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
      {/* Signed in, the user's code is the manager code: nothing to set here. */}
      {!user && (
        <SettingsForm form={form}>
          <ManagerFields form={form} codeHint={t('settings.managerCodeHint')} />
        </SettingsForm>
      )}
      <ReminderSettings settings={settings} />
      <PassphraseCard />
      <NumberSetting
        settings={settings}
        field="maxClockDriftHours"
        title="settings.syncClock"
        label="settings.maxClockDriftHours"
        hint="settings.maxClockDriftHint"
      />
      {user && (
        <NumberSetting
          settings={settings}
          field="autoLockMinutes"
          title="settings.autoLock"
          label="settings.autoLockMinutes"
          hint="settings.autoLockHint"
        />
      )}
    </section>
  );
}
