import { useTranslation } from 'react-i18next';
import { settingsUpdateInput, tiers } from '../../../shared/schemas';
import type { Settings, Tier } from '../../../shared/types';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { useSettings } from '../../stores/settings';
import { SettingsForm } from './SettingsFields';

/** "30, 7, 1, 0" → [30, 7, 1, 0]; what is not a number stays NaN, for the schema to refuse. */
export function parseLeadDays(text: string): number[] {
  return text
    .split(/[,，、;；\s]+/)
    .filter(Boolean)
    .map(Number);
}

const asText = (days: readonly number[]) => days.join(', ');

/**
 * When anniversary reminders come: lead times per tier (checked by the contract's schema), and
 * whether the desktop app starts hidden at login so they come at all.
 */
export function ReminderSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useSettings((state) => state.update);
  const form = useForm(
    settingsUpdateInput,
    Object.fromEntries(tiers.map((tier) => [tier, asText(settings.leadDays[tier])])) as Record<Tier, string>,
    (values) => ({
      leadDays: Object.fromEntries(tiers.map((tier) => [tier, parseLeadDays(values[tier])])),
    }),
  );
  // The schema reports a bad value at leadDays.<tier>.<index>, a list too long at leadDays.<tier>.
  const errorOf = (tier: Tier) =>
    Object.keys(form.errors).some((key) => key === `leadDays.${tier}` || key.startsWith(`leadDays.${tier}.`))
      ? t('settings.leadDaysInvalid')
      : undefined;
  return (
    <section aria-labelledby="reminder-settings-title">
      <h2 id="reminder-settings-title">{t('settings.reminders')}</h2>
      <SettingsForm form={form}>
        <fieldset className="field lead-days">
          <legend>{t('settings.leadDays')}</legend>
          <small id="lead-days-hint" className="hint">
            {t('settings.leadDaysHint')}
          </small>
          {tiers.map((tier) => (
            <Field key={tier} label={t(`tier.${tier}`)} error={errorOf(tier)}>
              {(control) => (
                <input
                  {...control}
                  aria-describedby={['lead-days-hint', control['aria-describedby']].filter(Boolean).join(' ')}
                  inputMode="numeric"
                  value={form.values[tier]}
                  onChange={(event) => form.set(tier, event.target.value)}
                />
              )}
            </Field>
          ))}
        </fieldset>
      </SettingsForm>
      <div className="field launch-at-login">
        <label className="choice">
          <input
            type="checkbox"
            aria-describedby="launch-at-login-hint"
            checked={settings.launchAtLogin}
            onChange={(event) => void update({ launchAtLogin: event.target.checked })}
          />
          {t('settings.launchAtLogin')}
        </label>
        <small id="launch-at-login-hint" className="hint">
          {t('settings.launchAtLoginHint')}
        </small>
      </div>
    </section>
  );
}
