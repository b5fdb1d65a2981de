import { useTranslation } from 'react-i18next';
import { settingsUpdateInput } from '../../../shared/schemas';
import type { Settings } from '../../../shared/types';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { useSettings } from '../../stores/settings';
import { useToast } from '../../stores/toast';

/**
 * How far ahead of this computer's clock a sync file's changes may be dated before the file is
 * refused: a colleague's laptop with a wrong date would otherwise win every edit until then.
 */
export function SyncClockSetting({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useSettings((state) => state.update);
  const show = useToast((state) => state.show);
  const form = useForm(
    settingsUpdateInput,
    { maxClockDriftHours: String(settings.maxClockDriftHours) },
    (values) => ({ maxClockDriftHours: Number(values.maxClockDriftHours) }),
  );
  return (
    <section aria-labelledby="sync-clock-title">
      <h2 id="sync-clock-title">{t('settings.syncClock')}</h2>
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
        {form.formError && (
          <p className="form-error" role="alert">
            {form.formError}
          </p>
        )}
        <button type="submit" className="primary" disabled={form.busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
