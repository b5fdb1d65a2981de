import { useTranslation } from 'react-i18next';
import { tiers } from '../../../shared/schemas';
import { settingsUpdateInput } from '../../../shared/schemas';
import type { Settings, Tier } from '../../../shared/types';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { SettingsForm } from '../settings/SettingsFields';

/** "12" → 12; an empty box stays NaN, for the schema to refuse (Number('') would be 0). */
const whole = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The purge rules of this device: each on or off, its months, the dormant rule's tier. */
export function PurgeRules({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { archived, dormant } = settings.purge;
  const form = useForm(
    settingsUpdateInput,
    {
      archivedOn: archived.enabled,
      archivedMonths: String(archived.months),
      dormantOn: dormant.enabled,
      dormantMonths: String(dormant.months),
      tier: dormant.tier,
    },
    (values) => ({
      purge: {
        archived: { enabled: values.archivedOn, months: whole(values.archivedMonths) },
        dormant: { enabled: values.dormantOn, months: whole(values.dormantMonths), tier: values.tier },
      },
    }),
  );
  const monthsError = (key: string) =>
    form.errors[`purge.${key}.months`] === undefined ? undefined : t('maintenance.monthsInvalid');
  return (
    <SettingsForm form={form} submitLabel={t('maintenance.saveRules')}>
      <div className="purge-rule">
        <label className="choice">
          <input
            type="checkbox"
            checked={form.values.archivedOn}
            onChange={(event) => form.set('archivedOn', event.target.checked)}
          />
          {t('maintenance.archivedRule')}
        </label>
        <Field label={t('maintenance.months')} error={monthsError('archived')}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={form.values.archivedMonths}
              onChange={(event) => form.set('archivedMonths', event.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="purge-rule">
        <label className="choice">
          <input
            type="checkbox"
            checked={form.values.dormantOn}
            onChange={(event) => form.set('dormantOn', event.target.checked)}
          />
          {t('maintenance.dormantRule')}
        </label>
        <Field label={t('maintenance.months')} error={monthsError('dormant')}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={form.values.dormantMonths}
              onChange={(event) => form.set('dormantMonths', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('maintenance.tier')}>
          {(control) => (
            <select
              {...control}
              value={form.values.tier}
              onChange={(event) => form.set('tier', event.target.value as Tier)}
            >
              {tiers.map((tier) => (
                <option key={tier} value={tier}>
                  {t(`tier.${tier}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </SettingsForm>
  );
}
