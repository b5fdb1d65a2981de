import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setUpInput } from '../../../shared/schemas';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { api } from '../../api';
import { useSession } from '../../stores/session';
import { JoinForm } from './JoinForm';
import { StartChoice, type StartMode } from './StartChoice';
import './door.css';

type SetUpValues = {
  readonly code: string;
  readonly name: string;
  readonly password: string;
  readonly repeat: string;
};

/** Passwords typed twice must agree before anything is sent. */
const setUpForm = setUpInput
  .extend({ repeat: setUpInput.shape.password })
  .refine((input) => input.password === input.repeat, { message: 'passwords_differ', path: ['repeat'] });

/**
 * The first start of a book (or of one from before sign-in): its first user, the administrator,
 * is created and the book is encrypted with a key only users' passwords open; or a user joins
 * from the file head office wrote for them.
 */
export function SetUpScreen({ bookExists }: { bookExists: boolean }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<StartMode>('new');
  // The first field takes the focus when the screen opens, not when the user picks a way.
  const [picked, setPicked] = useState(false);
  return (
    <main className="door">
      {/* One card for both ways: the choice keeps its place (and the focus) when it changes. */}
      <div className={mode === 'join' ? 'door-card door-card-wide' : 'door-card'}>
        <h1 id="door-title">{t(mode === 'join' ? 'session.joinTitle' : 'session.setUpTitle')}</h1>
        {/* A join starts a new book: a book already here (from before sign-in) is set up instead. */}
        {!bookExists && (
          <StartChoice
            value={mode}
            onChange={(next) => {
              setPicked(true);
              setMode(next);
            }}
          />
        )}
        {mode === 'join' ? <JoinForm /> : <NewBookForm bookExists={bookExists} autoFocus={!picked} />}
      </div>
    </main>
  );
}

function NewBookForm({ bookExists, autoFocus }: { bookExists: boolean; autoFocus: boolean }) {
  const { t } = useTranslation();
  const form = useForm<SetUpValues>(
    setUpForm,
    { code: '', name: '', password: '', repeat: '' },
    (values) => values,
  );
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const state = await form.submit((input) => {
      const { repeat: _repeat, ...setUp } = input as SetUpValues;
      return api.session.setUp(setUp);
    });
    if (state) useSession.getState().set(state);
  };
  const text = (field: 'code' | 'name', autoComplete: string, autoFocus = false) => (
    <Field label={t(`session.${field}`)} error={form.errors[field]}>
      {(control) => (
        <input
          {...control}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          value={form.values[field]}
          onChange={(event) => form.set(field, event.target.value)}
        />
      )}
    </Field>
  );
  const secret = (field: 'password' | 'repeat', label: string, hint?: string) => (
    <Field label={label} error={form.errors[field]} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete="new-password"
          value={form.values[field]}
          onChange={(event) => form.set(field, event.target.value)}
        />
      )}
    </Field>
  );
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="door-title">
      <p className="door-intro">{t(bookExists ? 'session.setUpExisting' : 'session.setUpNew')}</p>
      {text('code', 'username', autoFocus)}
      {text('name', 'name')}
      {secret('password', t('session.newPassword'), t('session.passwordHint'))}
      {secret('repeat', t('session.repeatPassword'))}
      {form.formError && (
        <p className="form-error" role="alert">
          {form.formError}
        </p>
      )}
      <button type="submit" className="primary" disabled={form.busy}>
        {t('session.setUp')}
      </button>
    </form>
  );
}
