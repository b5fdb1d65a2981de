import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/domain/phone';
import { phoneAddInput, phoneLabels, phoneUpdateInput } from '../../../shared/schemas';
import type { AccountPhone, PhoneLabel } from '../../../shared/types';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';
import { Options } from '../../components/Options';

/**
 * Add a phone to an account, in any format (a number abroad with its country code), or correct
 * one: its number, label or note.
 */
export function PhoneForm(props: { accountId: string; phone?: AccountPhone; onClose: () => void }) {
  const { t } = useTranslation();
  const editing = props.phone;
  const form = useForm(
    editing ? phoneUpdateInput : phoneAddInput,
    {
      number: editing ? formatPhone(editing.number) : '',
      label: (editing?.label ?? '') as PhoneLabel | '',
      note: editing?.note ?? '',
    },
    (v) => ({
      ...(editing ? { id: editing.id } : { accountId: props.accountId }),
      number: v.number,
      note: v.note,
      ...(v.label ? { label: v.label } : {}),
    }),
  );
  const save = async (allowDuplicate = false) => {
    const send = (input: unknown) =>
      editing ? api.phones.update(input as never) : api.phones.add(input as never);
    if (await form.submit(send, { allowDuplicate })) props.onClose();
  };
  return (
    <Dialog title={editing ? t('form.editPhone') : t('form.addPhone')} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label={t('field.phone')} error={form.errors['number']}>
          {(control) => (
            <input
              {...control}
              autoFocus
              inputMode="tel"
              value={form.values.number}
              onChange={(e) => form.set('number', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('field.label')} error={form.errors['label']}>
          {(control) => (
            <select
              {...control}
              value={form.values.label}
              onChange={(e) => form.set('label', e.target.value as PhoneLabel)}
            >
              <option value="">—</option>
              <Options values={phoneLabels} label={(label) => t(`phoneLabel.${label}`)} />
            </select>
          )}
        </Field>
        <Field label={t('field.note')} error={form.errors['note']}>
          {(control) => (
            <input {...control} value={form.values.note} onChange={(e) => form.set('note', e.target.value)} />
          )}
        </Field>
        <FormFooter form={form} onCancel={props.onClose} onSaveAnyway={() => void save(true)} />
      </form>
    </Dialog>
  );
}
