import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordInput, unlockHereInput } from '../../../shared/schemas';
import type { SessionUser } from '../../../shared/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';
import { api } from '../../api';
import { useSession } from '../../stores/session';

/** Who is signed in, at the foot of the navigation: change the password, or lock the book now. */
export function SignedInAs({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);
  const [unlocking, setUnlocking] = useState(false);
  const unlockHere = useSession((store) =>
    store.session?.state === 'open' ? store.session.unlockHere : 'unavailable',
  );
  return (
    <div className="signed-in">
      <span className="signed-in-name">
        {user.name} <small>{t(`roles.${user.role}`)}</small>
      </span>
      <span className="signed-in-actions">
        <button type="button" className="link" onClick={() => setChanging(true)}>
          {t('session.changePassword')}
        </button>
        {unlockHere !== 'unavailable' && (
          <button type="button" className="link" onClick={() => setUnlocking(true)}>
            {t(unlockHere === 'on' ? 'session.unlockHereOn' : 'session.unlockHereOff')}
          </button>
        )}
        <button
          type="button"
          className="link"
          // At once, not when main's event comes back: the reload drops everything the page held.
          onClick={() => void api.session.lock().then(() => window.location.reload())}
        >
          {t('session.lock')}
        </button>
      </span>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
      {unlocking && <UnlockHereDialog on={unlockHere === 'on'} onClose={() => setUnlocking(false)} />}
    </div>
  );
}

function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const form = useForm(changePasswordInput, { current: '', next: '' }, (values) => values);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const state = await form.submit((input) =>
      api.session.changePassword(input as { current: string; next: string }),
    );
    if (state) setDone(true);
  };
  return (
    <Dialog title={t('session.changePassword')} onClose={onClose}>
      {done ? (
        <>
          <p role="status">{t('session.passwordChanged')}</p>
          <div className="dialog-footer">
            <button type="button" className="primary" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          {(['current', 'next'] as const).map((field) => (
            <Field
              key={field}
              label={t(field === 'current' ? 'session.currentPassword' : 'session.newPassword')}
              error={form.errors[field]}
              hint={field === 'next' ? t('session.passwordHint') : undefined}
            >
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete={field === 'current' ? 'current-password' : 'new-password'}
                  value={form.values[field]}
                  onChange={(event) => form.set(field, event.target.value)}
                />
              )}
            </Field>
          ))}
          <FormFooter form={form} onCancel={onClose} submitLabel={t('session.changePassword')} />
        </form>
      )}
    </Dialog>
  );
}

/** Unlocking with this computer's account (main keeps the keys with the OS): on with the password, or off. */
function UnlockHereDialog({ on, onClose }: { on: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm(unlockHereInput, { enabled: !on, password: '' }, (values) =>
    values.enabled ? values : { enabled: false },
  );
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const state = await form.submit((input) => api.session.unlockHere(input as { enabled: false }));
    if (state) {
      useSession.getState().set(state);
      onClose();
    }
  };
  return (
    <Dialog title={t('session.unlockHere')} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <p>{t('session.unlockHereIntro')}</p>
        {!on && (
          <Field label={t('session.password')} error={form.errors['password']}>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="current-password"
                value={form.values.password}
                onChange={(event) => form.set('password', event.target.value)}
              />
            )}
          </Field>
        )}
        <FormFooter
          form={form}
          onCancel={onClose}
          submitLabel={t(on ? 'session.unlockHereTurnOff' : 'session.unlockHereTurnOn')}
        />
      </form>
    </Dialog>
  );
}
