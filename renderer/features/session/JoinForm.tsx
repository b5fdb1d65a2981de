import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ErrorCode } from '../../../shared/errors';
import { joinInput } from '../../../shared/schemas';
import { Field } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { api } from '../../api';
import { useSession } from '../../stores/session';
import { SyncFileInput } from '../sync/SyncFileInput';
import { readSyncFile, syncFileErrorText } from '../sync/syncFile';

interface JoinValues {
  readonly fileName: string;
  readonly contentBase64: string;
  readonly passphrase: string;
  readonly code: string;
  readonly enrolmentPassword: string;
  readonly password: string;
  readonly repeat: string;
}

type JoinField = 'contentBase64' | 'passphrase' | 'code' | 'enrolmentPassword';

/** Passwords typed twice must agree before anything is sent. */
const joinForm = joinInput
  .extend({ repeat: joinInput.shape.password })
  .refine((input) => input.password === input.repeat, { message: 'passwords_differ', path: ['repeat'] });

/** The file's own faults are said at the file; the others at the field that must change. */
const fileCodes: readonly ErrorCode[] = [
  'SYNC_NOT_A_BUNDLE',
  'SYNC_CORRUPT',
  'SYNC_TAMPERED',
  'SYNC_TOO_NEW',
  'SYNC_INVALID_CONTENT',
  'SYNC_CLOCK_AHEAD',
  'SYNC_UNSIGNED',
  'SYNC_SIGNER_UNKNOWN',
  'SYNC_SIGNER_DISABLED',
  'SYNC_BAD_SIGNATURE',
];

function fieldOf(error: ApiError): JoinField | null {
  if (fileCodes.includes(error.code)) return 'contentBase64';
  if (error.code === 'SYNC_WRONG_KEY') return 'passphrase';
  if (error.code === 'JOIN_NOT_FOR_YOU') return 'code';
  if (error.code === 'WRONG_PASSWORD') return 'enrolmentPassword';
  return null;
}

const blank: JoinValues = {
  fileName: '',
  contentBase64: '',
  passphrase: '',
  code: '',
  enrolmentPassword: '',
  password: '',
  repeat: '',
};

/**
 * Joining from a head-office file on a new computer: the file the administrator wrote for this
 * user, the team passphrase, the user's code, the password the administrator gave (it opens the
 * user's key in the file) and the user's own new password. Main makes the book from the file and
 * signs the user in; a refusal is said at the field that must change.
 */
export function JoinForm() {
  const { t } = useTranslation();
  const form = useForm<JoinValues>(joinForm, blank, ({ fileName: _fileName, ...input }) => input);
  // A file the window could not read (too large, empty): said at the file, nothing sent.
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  const choose = async (file: File) => {
    const read = await readSyncFile(file);
    setFileProblem(read.ok ? null : syncFileErrorText(t, read.error));
    form.set('fileName', read.ok ? file.name : '');
    form.set('contentBase64', read.ok ? read.contentBase64 : '');
  };

  const join = async (input: unknown) => {
    try {
      // The password typed twice is the window's check; the service takes it once.
      const { repeat: _repeat, ...join } = input as Omit<JoinValues, 'fileName'>;
      return await api.session.join(join);
    } catch (error) {
      const field = error instanceof ApiError ? fieldOf(error) : null;
      if (!(error instanceof ApiError) || field === null) throw error;
      // Given to the form as a refusal of that field: marked there, focused, gone with an edit.
      const message = t(`session.joinErrors.${error.code}`, {
        defaultValue: syncFileErrorText(t, error),
      });
      throw new ApiError('VALIDATION_FAILED', error.message, {
        issues: [{ path: [field], code: 'custom', message }],
      });
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const state = await form.submit(join);
    if (state) useSession.getState().set(state);
  };

  const fileIssue = form.errors['contentBase64'];
  // A file that could not be read says why; no file chosen is a missing file, not an empty text.
  const fileError =
    fileProblem ??
    (fileIssue === undefined
      ? undefined
      : form.values.contentBase64 === ''
        ? t('session.joinNoFile')
        : fileIssue);

  const secret = (
    field: 'passphrase' | 'enrolmentPassword' | 'password' | 'repeat',
    label: string,
    autoComplete: string,
    hint?: string,
  ) => (
    <Field label={label} error={form.errors[field]} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete={autoComplete}
          value={form.values[field]}
          onChange={(event) => form.set(field, event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="door-title">
      <p className="door-intro">{t('session.joinIntro')}</p>
      <div className="door-fields">
        <div className="field door-file">
          {/* The button names the input; this only lines it up with the fields beside it. */}
          <span className="door-file-caption" aria-hidden="true">
            {t('session.joinFileCaption')}
          </span>
          <SyncFileInput
            label={t('session.joinFile')}
            hint={t('session.joinFileHint')}
            chosen={form.values.fileName === '' ? undefined : form.values.fileName}
            error={fileError}
            disabled={form.busy}
            onChoose={(file) => void choose(file)}
          />
        </div>
        {secret('passphrase', t('session.teamPassphrase'), 'off')}
        <Field label={t('session.code')} error={form.errors['code']}>
          {(control) => (
            <input
              {...control}
              autoComplete="username"
              value={form.values.code}
              onChange={(event) => form.set('code', event.target.value)}
            />
          )}
        </Field>
        {secret('enrolmentPassword', t('session.enrolmentPassword'), 'off')}
        {secret('password', t('session.newPassword'), 'new-password', t('session.passwordHint'))}
        {secret('repeat', t('session.repeatPassword'), 'new-password')}
      </div>
      {form.formError && (
        <p className="form-error" role="alert">
          {form.formError}
        </p>
      )}
      <button type="submit" className="primary" disabled={form.busy}>
        {/* Two keys are derived slowly on purpose, and the book is made: say that it is working. */}
        {form.busy ? t('session.joining') : t('session.join')}
      </button>
    </form>
  );
}
