import { useTranslation } from 'react-i18next';
import { formatFen, parseYuan } from '../../../shared/domain/money';
import { consumptionCategories, contractCreateInput, contractUpdateInput } from '../../../shared/schemas';
import type { ConsumptionCategory, Contract } from '../../../shared/types';
import { api } from '../../api';
import { DateInput } from '../../components/DateInput';
import { parseDateText } from '../../components/dateText';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { Options } from '../../components/Options';
import { useForm } from '../../components/useForm';

/** Add a contract to an account, or correct one: its number, service, dates, value, renewal. */
export function ContractForm(props: { accountId: string; contract?: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const editing = props.contract;
  const form = useForm(
    editing ? contractUpdateInput : contractCreateInput,
    {
      number: editing?.number ?? '',
      service: (editing?.service ?? 'leased_line') as ConsumptionCategory,
      startDate: editing?.startDate ?? '',
      endDate: editing?.endDate ?? '',
      monthly: editing ? formatFen(editing.monthlyFen) : '',
      autoRenew: editing?.autoRenew ?? false,
      notes: editing?.notes ?? '',
    },
    (v) => ({
      ...(editing ? { id: editing.id } : { accountId: props.accountId }),
      number: v.number,
      service: v.service,
      startDate: parseDateText(v.startDate, 'date') ?? v.startDate,
      endDate: parseDateText(v.endDate, 'date') ?? v.endDate,
      monthlyFen: v.monthly.trim() === '' ? 0 : (parseYuan(v.monthly) ?? Number.NaN),
      autoRenew: v.autoRenew,
      notes: v.notes,
    }),
  );
  const { values, errors } = form;
  const save = async () => {
    const send = (input: unknown) =>
      editing ? api.contracts.update(input as never) : api.contracts.create(input as never);
    if (await form.submit(send)) props.onClose();
  };
  return (
    <Dialog title={editing ? t('contract.edit') : t('contract.add')} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label={t('contract.number')} error={errors['number']}>
          {(control) => (
            <input
              {...control}
              autoFocus
              value={values.number}
              onChange={(e) => form.set('number', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('field.category')} error={errors['service']}>
          {(control) => (
            <select
              {...control}
              value={values.service}
              onChange={(e) => form.set('service', e.target.value as ConsumptionCategory)}
            >
              <Options values={consumptionCategories} label={(category) => t(`category.${category}`)} />
            </select>
          )}
        </Field>
        <Field label={t('contract.startDate')} error={errors['startDate']}>
          {(control) => (
            <DateInput
              {...control}
              precision="date"
              value={values.startDate}
              onChange={(text) => form.set('startDate', text)}
            />
          )}
        </Field>
        <Field label={t('contract.endDate')} error={errors['endDate']}>
          {(control) => (
            <DateInput
              {...control}
              precision="date"
              value={values.endDate}
              onChange={(text) => form.set('endDate', text)}
            />
          )}
        </Field>
        <Field
          label={t('contract.monthly')}
          error={
            errors['monthlyFen'] && parseYuan(values.monthly) === null
              ? t('form.invalidAmount')
              : errors['monthlyFen']
          }
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={values.monthly}
              onChange={(e) => form.set('monthly', e.target.value)}
            />
          )}
        </Field>
        <label className="choice">
          <input
            type="checkbox"
            checked={values.autoRenew}
            onChange={(e) => form.set('autoRenew', e.target.checked)}
          />
          {t('contract.autoRenew')}
        </label>
        <Field label={t('field.notes')} error={errors['notes']}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={values.notes}
              onChange={(e) => form.set('notes', e.target.value)}
            />
          )}
        </Field>
        <FormFooter form={form} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
