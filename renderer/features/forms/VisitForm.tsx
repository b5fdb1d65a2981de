import { useTranslation } from 'react-i18next';
import { visitCreateInput, visitKinds } from '../../../shared/schemas';
import type { VisitKind } from '../../../shared/types';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';
import { fromLocalInput, toLocalInput } from './dates';
import { Options } from '../../components/Options';

const lastKindKey = 'fieldbook.lastVisitKind';

function lastKind(): VisitKind {
  const stored = localStorage.getItem(lastKindKey);
  return visitKinds.find((kind) => kind === stored) ?? 'onsite';
}

/** Log a visit: defaults are now, the current manager, and the kind used last time. */
export function VisitForm(props: { accountId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm(
    visitCreateInput,
    {
      occurredAt: toLocalInput(new Date()),
      kind: lastKind(),
      participants: '',
      content: '',
      feedback: '',
      followUp: '',
      followUpDue: '',
    },
    (v) => ({
      accountId: props.accountId,
      occurredAt: fromLocalInput(v.occurredAt),
      kind: v.kind,
      participants: v.participants,
      content: v.content,
      feedback: v.feedback,
      followUp: v.followUp,
      followUpDue: v.followUpDue === '' ? null : v.followUpDue,
    }),
  );
  const { values, errors } = form;
  const save = async () => {
    if (await form.submit((input) => api.visits.create(input as never))) {
      localStorage.setItem(lastKindKey, values.kind);
      props.onClose();
    }
  };
  const area = (field: 'content' | 'feedback' | 'followUp' | 'participants', rows: number) => (
    <Field label={t(`field.${field}`)} error={errors[field]}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          value={values[field]}
          onChange={(e) => form.set(field, e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <Dialog title={t('form.logVisit')} onClose={props.onClose} wide>
      <form
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label={t('field.visitKind')} error={errors['kind']}>
          {(control) => (
            <select
              {...control}
              autoFocus
              value={values.kind}
              onChange={(e) => form.set('kind', e.target.value as VisitKind)}
            >
              <Options values={visitKinds} label={(kind) => t(`visitKind.${kind}`)} />
            </select>
          )}
        </Field>
        <Field label={t('field.occurredAt')} error={errors['occurredAt']}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              value={values.occurredAt}
              onChange={(e) => form.set('occurredAt', e.target.value)}
            />
          )}
        </Field>
        <div className="span-2">{area('content', 3)}</div>
        <div className="span-2">{area('feedback', 2)}</div>
        {area('participants', 1)}
        <Field label={t('field.followUpDue')} error={errors['followUpDue']}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={values.followUpDue}
              onChange={(e) => form.set('followUpDue', e.target.value)}
            />
          )}
        </Field>
        <div className="span-2">{area('followUp', 2)}</div>
        <div className="span-2">
          <FormFooter form={form} onCancel={props.onClose} />
        </div>
      </form>
    </Dialog>
  );
}
