import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { text, userCode } from '../../../shared/schemas';
import type { User } from '../../../shared/types';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { hrefFor } from '../../app/router';
import { useSync } from '../../stores/sync';
import { downloadBase64 } from './format';
import { ExportActions } from './ExportActions';

type UserFileValues = {
  readonly forUser: string;
  readonly purpose: string;
};

/** The window asks for a purpose, as for every export (the contract leaves it to the caller). */
const userFileForm = z.object({ forUser: userCode, purpose: text(200).min(1) });

/** Those a head-office file is written for: people who own accounts (managers, supervisors). */
const ownsAccounts = (user: User) =>
  user.status === 'active' && (user.role === 'manager' || user.role === 'supervisor');

/** What the file holds and what it is for, in one line. */
function FileFor({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <div role="status">
      <p className="sync-user-file-what">
        {t(user.role === 'supervisor' ? 'sync.forUser.whatTeam' : 'sync.forUser.what', { name: user.name })}
      </p>
      {/* Their key travels wrapped by the password this computer holds for them: without one,
          the file still holds their accounts, but nobody can join from it. */}
      {!user.canSignIn && (
        <p className="sync-warning sync-user-file-no-key">{t('sync.forUser.noKey', { name: user.name })}</p>
      )}
    </div>
  );
}

/**
 * Head office (administrators): a full file of one user's accounts (a manager's own, a
 * supervisor's team's), from which that user joins on a new computer. Saved as the device's
 * export is, with its progress; the purpose goes into the audit log and the file.
 */
export function UserFileCard() {
  const { t } = useTranslation();
  const id = useId();
  const [users, setUsers] = useState<readonly User[] | null>(null);
  const exporting = useSync((state) => state.exporting);
  const mine = useSync((state) => state.exportKind === 'user');
  const exported = useSync((state) => state.exported);
  const form = useForm<UserFileValues>(userFileForm, { forUser: '', purpose: '' }, (values) => values);
  useEffect(() => {
    let current = true;
    void api.users.list().then((list) => {
      if (current) setUsers(list.filter(ownsAccounts));
    });
    return () => {
      current = false;
    };
  }, []);
  const chosen = users?.find((user) => user.code === form.values.forUser);
  const [savedFor, setSavedFor] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const file = await form.submit(async (input) => {
      const { forUser, purpose } = input as UserFileValues;
      const written = await useSync.getState().exportFile({ full: true, forUser, purpose });
      // The store keeps the refusal (shown below); the form keeps what was typed.
      return written;
    });
    if (!file) return;
    downloadBase64(file.fileName, file.contentBase64, 'application/octet-stream');
    setSavedFor(chosen?.name ?? form.values.forUser);
  };

  return (
    <section className="card sync-card sync-user-file" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('sync.forUser.title')}</h2>
      </header>
      <p className="hint">{t('sync.forUser.intro')}</p>
      {users !== null && users.length === 0 ? (
        <p className="sync-note">
          {t('sync.forUser.noUsers')} <a href={hrefFor({ page: 'users' })}>{t('sync.forUser.toUsers')}</a>
        </p>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <div className="sync-user-file-fields">
            <Field label={t('sync.forUser.user')} error={form.errors['forUser']}>
              {(control) => (
                <select
                  {...control}
                  value={form.values.forUser}
                  onChange={(event) => form.set('forUser', event.target.value)}
                >
                  <option value="">{t('sync.forUser.choose')}</option>
                  {(users ?? []).map((user) => (
                    <option key={user.code} value={user.code}>
                      {t('sync.forUser.option', {
                        name: user.name,
                        code: user.code,
                        role: t(`roles.${user.role}`),
                      })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('sync.forUser.purpose')}
              hint={t('sync.forUser.purposeHint')}
              error={form.errors['purpose']}
            >
              {(control) => (
                <input
                  {...control}
                  maxLength={200}
                  value={form.values.purpose}
                  onChange={(event) => form.set('purpose', event.target.value)}
                />
              )}
            </Field>
          </div>
          {chosen && <FileFor user={chosen} />}
          <ExportActions id={id} mine={mine} label={t('sync.forUser.button')} />
        </form>
      )}
      {mine && exported && !exporting && savedFor !== null && (
        <p className="import-done sync-exported" role="status">
          {t('sync.forUser.done', { file: exported.fileName, count: exported.records, name: savedFor })}
        </p>
      )}
    </section>
  );
}
