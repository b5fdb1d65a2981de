import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signInInput } from '../../../shared/schemas';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { api } from '../../api';
import { useSession } from '../../stores/session';

/** The locked book: a user code and a password open it (main unwraps the book's key with them). */
export function SignInScreen({ lastUser }: { lastUser: string | null }) {
  const { t } = useTranslation();
  const [values] = useState({ code: lastUser ?? '', password: '' });
  const form = useForm(signInInput, values, (typed) => typed);
  const unlockHere = useSession((store) =>
    store.session?.state === 'locked' ? store.session.unlockHere : [],
  );
  const canUnlockHere = unlockHere.some(
    (code) => code.toLowerCase() === form.values.code.trim().toLowerCase(),
  );
  const unlock = async () => {
    const state = await form.submit(() => api.session.unlock({ code: form.values.code.trim() }));
    if (state) useSession.getState().set(state);
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const state = await form.submit((input) =>
      api.session.signIn(input as { code: string; password: string }),
    );
    if (state) useSession.getState().set(state);
  };
  return (
    <main className="door">
      <form className="door-card" onSubmit={(event) => void submit(event)} aria-labelledby="door-title">
        <h1 id="door-title">{t('session.signInTitle')}</h1>
        <p className="door-intro">{t('session.signInIntro')}</p>
        <Field label={t('session.code')} error={form.errors['code']}>
          {(control) => (
            <input
              {...control}
              autoComplete="username"
              autoFocus={!lastUser}
              value={form.values.code}
              onChange={(event) => form.set('code', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('session.password')} error={form.errors['password']}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              autoFocus={Boolean(lastUser)}
              value={form.values.password}
              onChange={(event) => form.set('password', event.target.value)}
            />
          )}
        </Field>
        {form.formError && (
          <p className="form-error" role="alert">
            {form.formError}
          </p>
        )}
        <button type="submit" className="primary" disabled={form.busy}>
          {/* The key is derived slowly on purpose (a second or two): say that it is working. */}
          {form.busy ? t('session.signingIn') : t('session.signIn')}
        </button>
        {canUnlockHere && (
          <button type="button" disabled={form.busy} onClick={() => void unlock()}>
            {t('session.unlockHere')}
          </button>
        )}
      </form>
    </main>
  );
}
