import { useTranslation } from 'react-i18next';
import { settingsUpdateInput } from '../../../shared/schemas';
import type { Settings } from '../../../shared/types';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { SettingsForm } from './SettingsFields';

/** A setting that is one whole number, in a section of its own with its title, label and hint. */
export function NumberSetting(props: {
  settings: Settings;
  field: 'maxClockDriftHours' | 'autoLockMinutes';
  /** i18n keys. */
  title: string;
  label: string;
  hint: string;
}) {
  const { t } = useTranslation();
  const { field } = props;
  const form = useForm(settingsUpdateInput, { [field]: String(props.settings[field]) }, (values) => ({
    [field]: Number(values[field]),
  }));
  const id = `${field}-title`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(props.title)}</h2>
      <SettingsForm form={form}>
        <Field label={t(props.label)} hint={t(props.hint)} error={form.errors[field]}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={form.values[field] ?? ''}
              onChange={(event) => form.set(field, event.target.value)}
            />
          )}
        </Field>
      </SettingsForm>
    </section>
  );
}
