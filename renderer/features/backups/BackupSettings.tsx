import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsUpdateInput } from '../../../shared/schemas';
import type { Settings } from '../../../shared/types';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { SettingsForm } from '../settings/SettingsFields';

const periods = ['daily', 'weekly', 'monthly'] as const;
type Period = (typeof periods)[number];

/** The most generations the contract's schema takes, said in the error. */
const most: Record<Period, number> = { daily: 60, weekly: 52, monthly: 120 };

/** "7" → 7; an empty box stays NaN, for the schema to refuse (Number('') would be 0). */
const whole = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * Automatic backups: whether the day's backup is taken while the app runs, and how many
 * generations of them are kept (the newest of each of the last N days, weeks, months).
 */
export function BackupSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const id = useId();
  const { daily, keep } = settings.backups;
  const form = useForm(
    settingsUpdateInput,
    {
      automatic: daily,
      ...(Object.fromEntries(periods.map((period) => [period, String(keep[period])])) as Record<
        Period,
        string
      >),
    },
    (values) => ({
      backups: {
        daily: values.automatic,
        keep: Object.fromEntries(periods.map((period) => [period, whole(values[period])])),
      },
    }),
  );
  const errorOf = (period: Period) =>
    form.errors[`backups.keep.${period}`] === undefined
      ? undefined
      : t('backups.settings.keepInvalid', { most: most[period] });
  return (
    <section className="card backup-settings" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('backups.settings.title')}</h2>
      </header>
      <SettingsForm form={form}>
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              checked={form.values.automatic}
              onChange={(event) => form.set('automatic', event.target.checked)}
            />
            {t('backups.settings.dailyOn')}
          </label>
        </div>
        <fieldset className="field backup-keep">
          <legend>{t('backups.settings.keep')}</legend>
          <small id={`${id}-hint`} className="hint">
            {t('backups.settings.keepHint')}
          </small>
          <div className="backup-keep-fields">
            {periods.map((period) => (
              <Field key={period} label={t(`backups.settings.${period}`)} error={errorOf(period)}>
                {(control) => (
                  <input
                    {...control}
                    aria-describedby={[`${id}-hint`, control['aria-describedby']].filter(Boolean).join(' ')}
                    inputMode="numeric"
                    value={form.values[period]}
                    onChange={(event) => form.set(period, event.target.value)}
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>
      </SettingsForm>
    </section>
  );
}
