import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import { visitKinds } from '../../../shared/schemas';
import type { FollowUpItem, VisitKind } from '../../../shared/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Options } from '../../components/Options';
import { issueMessage } from '../../i18n';
import { completionText, followUpWhat } from './format';

/**
 * A follow-up done, with what was done: recorded on the account as a visit of the chosen kind
 * whose text names the follow-up (`completionText`), and the follow-up marked done.
 */
export function FollowUpDoneDialog(props: {
  item: FollowUpItem;
  onSave: (record: { kind: VisitKind; content: string }) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { visit } = props.item;
  const [kind, setKind] = useState<VisitKind>('phone');
  const [done, setDone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (done.trim() === '') return setError(t('form.required'));
    setBusy(true);
    try {
      await props.onSave({ kind, content: completionText(visit, done.trim()) });
      props.onClose();
    } catch (caught) {
      const issue = caught instanceof ApiError ? caught.issues?.[0] : undefined;
      setError(
        issue ? issueMessage(issue) : t(`error.${caught instanceof ApiError ? caught.code : 'INTERNAL'}`),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('agenda.doneTitle', { name: props.item.account.name })} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="agenda-dialog-subject">{followUpWhat(visit)}</p>
        <Field label={t('field.visitKind')}>
          {(control) => (
            <select {...control} value={kind} onChange={(event) => setKind(event.target.value as VisitKind)}>
              <Options values={visitKinds} label={(value) => t(`visitKind.${value}`)} />
            </select>
          )}
        </Field>
        <Field label={t('agenda.whatWasDone')} error={error ?? undefined} hint={t('agenda.whatWasDoneHint')}>
          {(control) => (
            <textarea
              {...control}
              autoFocus
              rows={3}
              value={done}
              onChange={(event) => {
                setDone(event.target.value);
                setError(null);
              }}
            />
          )}
        </Field>
        <footer className="dialog-footer">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('agenda.markDone')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
