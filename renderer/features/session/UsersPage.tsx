import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, userAddInput } from '../../../shared/schemas';
import type { Role, User } from '../../../shared/types';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { Options } from '../../components/Options';
import { useForm } from '../../components/useForm';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { userSetPasswordInput } from '../../../shared/schemas';

interface NewUser {
  readonly code: string;
  readonly name: string;
  readonly role: Role;
  readonly supervisor: string;
  readonly password: string;
}

const blank: NewUser = { code: '', name: '', role: 'manager', supervisor: '', password: '' };

/**
 * The book's users (administrators only): who may sign in, with which role and in whose team;
 * a disabled user cannot sign in. A new user's first password is told to them to change.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<readonly User[] | null>(null);
  const [settingPassword, setSettingPassword] = useState<string | null>(null);
  // A refusal nobody catches here shows as a toast (app/refusalToasts.ts).
  const load = useCallback(() => {
    void api.users.list().then(setUsers);
  }, []);
  useEffect(load, [load]);
  const supervisors = (users ?? []).filter((user) => user.role === 'supervisor');
  const update = (code: string, patch: Partial<Pick<User, 'role' | 'status' | 'supervisor'>>) =>
    void api.users.update({ code, ...patch }).finally(load);
  return (
    <section className="page users-page" aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <p className="page-intro">{t('users.intro')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('session.code')}</th>
            <th>{t('session.name')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.supervisor')}</th>
            <th>{t('users.status')}</th>
            <th>
              <span className="visually-hidden">{t('users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((user) => (
            <tr key={user.code}>
              <td>{user.code}</td>
              <td>{user.name}</td>
              <td>
                <select
                  aria-label={t('users.roleOf', { code: user.code })}
                  value={user.role}
                  onChange={(event) => update(user.code, { role: event.target.value as Role })}
                >
                  <Options values={roles} label={(role) => t(`roles.${role}`)} />
                </select>
              </td>
              <td>
                {user.role === 'manager' ? (
                  <select
                    aria-label={t('users.supervisorOf', { code: user.code })}
                    value={user.supervisor ?? ''}
                    onChange={(event) => update(user.code, { supervisor: event.target.value || null })}
                  >
                    <option value="">{t('users.noSupervisor')}</option>
                    {supervisors.map((supervisor) => (
                      <option key={supervisor.code} value={supervisor.code}>
                        {supervisor.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {t(`users.${user.status}`)}
                {!user.canSignIn && <small className="hint"> · {t('users.noPassword')}</small>}
              </td>
              <td className="row-actions">
                <button type="button" className="link" onClick={() => setSettingPassword(user.code)}>
                  {t('users.setPassword')}
                </button>
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    update(user.code, { status: user.status === 'active' ? 'disabled' : 'active' })
                  }
                >
                  {t(user.status === 'active' ? 'users.disable' : 'users.enable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddUser supervisors={supervisors} onAdded={load} />
      {settingPassword && (
        <SetPasswordDialog
          code={settingPassword}
          onClose={() => {
            setSettingPassword(null);
            load();
          }}
        />
      )}
    </section>
  );
}

function AddUser({ supervisors, onAdded }: { supervisors: readonly User[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const form = useForm<NewUser>(userAddInput, blank, (values) => ({
    ...values,
    supervisor: values.supervisor === '' ? null : values.supervisor,
  }));
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const added = await form.submit((input) => api.users.add(input as Parameters<typeof api.users.add>[0]));
    if (added) {
      for (const field of Object.keys(blank) as (keyof NewUser)[]) form.set(field, blank[field]);
      onAdded();
    }
  };
  const text = (field: 'code' | 'name' | 'password', label: string) => (
    <Field label={label} error={form.errors[field]}>
      {(control) => (
        <input
          {...control}
          type={field === 'password' ? 'password' : 'text'}
          autoComplete={field === 'password' ? 'new-password' : 'off'}
          value={form.values[field]}
          onChange={(event) => form.set(field, event.target.value)}
        />
      )}
    </Field>
  );
  return (
    <form className="add-user" onSubmit={(event) => void submit(event)} aria-labelledby="add-user-title">
      <h2 id="add-user-title">{t('users.add')}</h2>
      <div className="add-user-fields">
        {text('code', t('session.code'))}
        {text('name', t('session.name'))}
        <Field label={t('users.role')} error={form.errors['role']}>
          {(control) => (
            <select
              {...control}
              value={form.values.role}
              onChange={(event) => form.set('role', event.target.value as Role)}
            >
              <Options values={roles} label={(role) => t(`roles.${role}`)} />
            </select>
          )}
        </Field>
        <Field label={t('users.supervisor')} error={form.errors['supervisor']}>
          {(control) => (
            <select
              {...control}
              value={form.values.supervisor}
              onChange={(event) => form.set('supervisor', event.target.value)}
            >
              <option value="">{t('users.noSupervisor')}</option>
              {supervisors.map((supervisor) => (
                <option key={supervisor.code} value={supervisor.code}>
                  {supervisor.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('password', t('users.firstPassword'))}
      </div>
      {form.formError && (
        <p className="form-error" role="alert">
          {form.formError}
        </p>
      )}
      <button type="submit" className="primary" disabled={form.busy}>
        {t('users.add')}
      </button>
    </form>
  );
}

/** A forgotten password replaced: the user is told the new one and changes it. */
function SetPasswordDialog({ code, onClose }: { code: string; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm(userSetPasswordInput, { code, password: '' }, (values) => values);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const done = await form.submit((input) =>
      api.users.setPassword(input as { code: string; password: string }),
    );
    if (done) onClose();
  };
  return (
    <Dialog title={t('users.newPasswordFor', { code })} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <Field
          label={t('session.newPassword')}
          error={form.errors['password']}
          hint={t('session.passwordHint')}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={form.values.password}
              onChange={(event) => form.set('password', event.target.value)}
            />
          )}
        </Field>
        <FormFooter form={form} onCancel={onClose} submitLabel={t('users.setPassword')} />
      </form>
    </Dialog>
  );
}
