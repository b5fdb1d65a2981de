import { useTranslation } from 'react-i18next';
import { isPlannedVisit } from '../../../shared/domain/visitRules';
import { visitCreateInput, visitKinds, visitUpdateInput } from '../../../shared/schemas';
import type { Visit, VisitKind } from '../../../shared/types';
import { api } from '../../api';
import { DateInput } from '../../components/DateInput';
import { dateText, parseDateText } from '../../components/dateText';
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

/** The ISO instant of the typed date and time, or the text itself for the schema to refuse. */
function occurredAtOf(text: string): string {
  const canonical = parseDateText(text, 'datetime');
  return canonical ? fromLocalInput(canonical) : text;
}

/**
 * Log a visit (defaults: now, the current manager, the kind used last time) or correct one.
 * A visit dated in the future is a planned visit: the form says so, and it is saved as it is.
 */
export function VisitForm(props: { accountId: string; visit?: Visit; onClose: () => void }) {
  const { t } = useTranslation();
  const editing = props.visit;
  const initialWhen = dateText(toLocalInput(editing ? new Date(editing.occurredAt) : new Date()));
  const form = useForm(
    editing ? visitUpdateInput : visitCreateInput,
    {
      occurredAt: initialWhen,
      kind: editing?.kind ?? lastKind(),
      participants: editing?.participants ?? '',
      content: editing?.content ?? '',
      feedback: editing?.feedback ?? '',
      followUp: editing?.followUp ?? '',
      followUpDue: editing?.followUpDue ?? '',
    },
    (v) => {
      const fields = {
        kind: v.kind,
        participants: v.participants,
        content: v.content,
        feedback: v.feedback,
        followUp: v.followUp,
        followUpDue:
          v.followUpDue.trim() === '' ? null : (parseDateText(v.followUpDue, 'date') ?? v.followUpDue),
      };
      if (!editing) return { accountId: props.accountId, occurredAt: occurredAtOf(v.occurredAt), ...fields };
      // The stored time has seconds the form does not show: sent only when the user changed it.
      return {
        id: editing.id,
        ...(v.occurredAt === initialWhen ? {} : { occurredAt: occurredAtOf(v.occurredAt) }),
        ...fields,
      };
    },
  );
  const { values, errors } = form;
  const save = async () => {
    const send = (input: unknown) =>
      editing ? api.visits.update(input as never) : api.visits.create(input as never);
    if (await form.submit(send)) {
      if (!editing) localStorage.setItem(lastKindKey, values.kind);
      props.onClose();
    }
  };
  const planned = isPlannedVisit(occurredAtOf(values.occurredAt));
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
    <Dialog title={editing ? t('form.editVisit') : t('form.logVisit')} onClose={props.onClose} wide>
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
        <Field
          label={t('field.occurredAt')}
          error={errors['occurredAt']}
          hint={planned ? t('form.plannedVisit') : undefined}
        >
          {(control) => (
            <DateInput
              {...control}
              precision="datetime"
              value={values.occurredAt}
              onChange={(text) => form.set('occurredAt', text)}
            />
          )}
        </Field>
        <div className="span-2">{area('content', 3)}</div>
        <div className="span-2">{area('feedback', 2)}</div>
        {area('participants', 1)}
        <Field label={t('field.followUpDue')} error={errors['followUpDue']}>
          {(control) => (
            <DateInput
              {...control}
              precision="date"
              value={values.followUpDue}
              onChange={(text) => form.set('followUpDue', text)}
            />
          )}
        </Field>
        <div className="span-2">{area('followUp', 2)}</div>
        <FormFooter form={form} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
