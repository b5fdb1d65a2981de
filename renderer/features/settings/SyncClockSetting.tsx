import { useTranslation } from 'react-i18next';
import { settingsUpdateInput } from '../../../shared/schemas';
import type { Settings } from '../../../shared/types';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { SettingsForm } from './SettingsFields';

/**
 * How far ahead of this computer's clock a sync file's changes may be dated before the file is
 * refused: a colleague's laptop with a wrong date would otherwise win every edit until then.
 */
export function SyncClockSetting({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const form = useForm(
    settingsUpdateInput,
    { maxClockDriftHours: String(settings.maxClockDriftHours) },
    (values) => ({ maxClockDriftHours: Number(values.maxClockDriftHours) }),
  );
  return (
    <section aria-labelledby="sync-clock-title">
      <h2 id="sync-clock-title">{t('settings.syncClock')}</h2>
      <SettingsForm form={form}>
        <Field
          label={t('settings.maxClockDriftHours')}
          hint={t('settings.maxClockDriftHint')}
          error={form.errors['maxClockDriftHours']}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={form.values.maxClockDriftHours}
              onChange={(event) => form.set('maxClockDriftHours', event.target.value)}
            />
          )}
        </Field>
      </SettingsForm>
    </section>
  );
}
