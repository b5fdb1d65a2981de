import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import { syncSetPassphraseInput } from '../../../shared/schemas';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { issueMessage } from '../../i18n';
import { useSettings } from '../../stores/settings';
import { useSync } from '../../stores/sync';
import { useToast } from '../../stores/toast';

/**
 * The team passphrase of this computer: whether one is set and where it is kept, and a form to
 * set, change or forget it. The passphrase itself never comes back from the service.
 */
export function PassphraseCard() {
  const { t } = useTranslation();
  const id = useId();
  const settings = useSettings((state) => state.settings);
  const [passphrase, setPassphrase] = useState('');
  const [repeated, setRepeated] = useState('');
  const [shown, setShown] = useState(false);
  const [errors, setErrors] = useState<{ passphrase?: string; repeated?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [confirmingClear, setConfirmingClear] = useState(false);
  if (!settings) return null;
  const isSet = settings.syncPassphraseSet;

  const submit = async () => {
    const parsed = syncSetPassphraseInput.safeParse({ passphrase });
    const next: typeof errors = {};
    if (!parsed.success) next.passphrase = issueMessage(parsed.error.issues[0] ?? { message: '' });
    if (repeated !== passphrase) next.repeated = t('sync.passphrase.mismatch');
    setErrors(next);
    if (next.passphrase || next.repeated) return;
    setBusy(true);
    try {
      await useSync.getState().setPassphrase(passphrase);
      setPassphrase('');
      setRepeated('');
      setShown(false);
      useToast.getState().show({ message: t('sync.passphrase.saved') });
    } catch (error) {
      const refusal = error instanceof ApiError ? error : new ApiError('INTERNAL', String(error));
      const issue = refusal.issues?.[0];
      setErrors(issue ? { passphrase: issueMessage(issue) } : { form: t(`error.${refusal.code}`) });
    } finally {
      setBusy(false);
    }
  };

  const clear = () => {
    useSync
      .getState()
      .clearPassphrase()
      .then(
        () => useToast.getState().show({ message: t('sync.passphrase.cleared') }),
        (error: unknown) =>
          setErrors({ form: t(`error.${error instanceof ApiError ? error.code : 'INTERNAL'}`) }),
      );
  };

  const inputType = shown ? 'text' : 'password';
  return (
    <section className="card sync-card sync-passphrase" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('sync.passphrase.title')}</h2>
      </header>
      <p className={isSet ? 'sync-status sync-status-ok' : 'sync-status sync-status-missing'} role="status">
        {isSet ? t('sync.passphrase.statusSet') : t('sync.passphrase.statusNotSet')}
      </p>
      <p className="hint">
        {settings.syncPassphraseStorage === 'protected'
          ? t('sync.passphrase.keptProtected')
          : t('sync.passphrase.keptInMemory')}
      </p>
      {/* The passphrase never comes back from the service, so its length is not known here:
          whoever set one under the former 8-character rule is asked to choose a longer one. */}
      {isSet && <p className="hint sync-passphrase-older-rule">{t('sync.passphrase.olderRule')}</p>}
      <form
        noValidate
        className="sync-passphrase-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field
          label={t('sync.passphrase.newLabel')}
          hint={t('sync.passphrase.hint')}
          error={errors.passphrase}
        >
          {(control) => (
            <input
              {...control}
              type={inputType}
              autoComplete="new-password"
              spellCheck={false}
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('sync.passphrase.confirmLabel')} error={errors.repeated}>
          {(control) => (
            <input
              {...control}
              type={inputType}
              autoComplete="new-password"
              spellCheck={false}
              value={repeated}
              onChange={(event) => setRepeated(event.target.value)}
            />
          )}
        </Field>
        <div className="sync-actions">
          <button
            type="button"
            aria-pressed={shown}
            aria-label={t('sync.passphrase.showLabel')}
            onClick={() => setShown(!shown)}
          >
            {t('sync.passphrase.show')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {isSet ? t('sync.passphrase.change') : t('sync.passphrase.set')}
          </button>
          {isSet && (
            <button type="button" className="danger" onClick={() => setConfirmingClear(true)}>
              {t('sync.passphrase.clear')}
            </button>
          )}
        </div>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
      </form>
      {confirmingClear && (
        <ConfirmDialog
          title={t('sync.passphrase.clearTitle')}
          message={t('sync.passphrase.clearConfirm')}
          onConfirm={clear}
          onClose={() => setConfirmingClear(false)}
        />
      )}
    </section>
  );
}
