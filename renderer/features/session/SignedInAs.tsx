import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordInput } from '../../../shared/schemas';
import type { SessionUser } from '../../../shared/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';
import { api } from '../../api';

/** Who is signed in, at the foot of the navigation: change the password, or lock the book now. */
export function SignedInAs({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);
  return (
    <div className="signed-in">
      <span className="signed-in-name">
        {user.name} <small>{t(`roles.${user.role}`)}</small>
      </span>
      <span className="signed-in-actions">
        <button type="button" className="link" onClick={() => setChanging(true)}>
          {t('session.changePassword')}
        </button>
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
