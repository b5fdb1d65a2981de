import { useTranslation } from 'react-i18next';
import { visitKinds, visitUpdateInput } from '../../../shared/schemas';
import type { PlannedVisitItem, VisitKind } from '../../../shared/types';
import { DateInput } from '../../components/DateInput';
import { parseDateText } from '../../components/dateText';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { Options } from '../../components/Options';
import { useForm } from '../../components/useForm';
import { timeText } from './format';

type Input = Record<string, unknown> & { id: string };

/**
 * A planned visit that took place: it becomes the record of what happened, dated now, with
 * what was done in place of the plan's words (prefilled, to be edited), the customer's feedback
 * and any follow-up.
 */
export function PlannedVisitDialog(props: {
  item: PlannedVisitItem;
  onSave: (input: Input) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { visit } = props.item;
  const form = useForm(
    visitUpdateInput,
    { kind: visit.kind, content: visit.content, feedback: '', followUp: '', followUpDue: '' },
    (v) => ({
      id: visit.id,
      occurredAt: new Date().toISOString(),
      kind: v.kind,
      content: v.content,
      feedback: v.feedback,
      followUp: v.followUp,
      followUpDue:
        v.followUpDue.trim() === '' ? null : (parseDateText(v.followUpDue, 'date') ?? v.followUpDue),
    }),
  );
  const { values, errors } = form;
  const save = async () => {
    const saved = await form.submit(async (input) => {
      await props.onSave(input as Input);
      return true;
    });
    if (saved) props.onClose();
  };
  const area = (field: 'content' | 'feedback' | 'followUp', rows: number) => (
    <Field label={t(`field.${field}`)} error={errors[field]}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          autoFocus={field === 'content'}
          value={values[field]}
          onChange={(event) => form.set(field, event.target.value)}
        />
      )}
    </Field>
  );
  return (
    <Dialog title={t('agenda.recordTitle', { name: props.item.account.name })} onClose={props.onClose} wide>
      <form
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="span-2">
          <Field
            label={t('field.visitKind')}
            error={errors['kind']}
            hint={t('agenda.recordHint', { time: timeText(visit.occurredAt) })}
          >
            {(control) => (
              <select
                {...control}
                value={values.kind}
                onChange={(event) => form.set('kind', event.target.value as VisitKind)}
              >
                <Options values={visitKinds} label={(kind) => t(`visitKind.${kind}`)} />
              </select>
            )}
          </Field>
        </div>
        <div className="span-2">{area('content', 3)}</div>
        <div className="span-2">{area('feedback', 2)}</div>
        {area('followUp', 1)}
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
        <div className="span-2">
          <FormFooter form={form} onCancel={props.onClose} />
        </div>
      </form>
    </Dialog>
  );
}
