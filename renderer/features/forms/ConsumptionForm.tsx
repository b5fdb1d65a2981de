import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../../shared/domain/money';
import { consumptionCategories, consumptionCreateInput } from '../../../shared/schemas';
import type { ConsumptionCategory } from '../../../shared/types';
import { api } from '../../api';
import { DateInput } from '../../components/DateInput';
import { parseDateText } from '../../components/dateText';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';
import { currentMonth } from './dates';
import { Options } from '../../components/Options';

/** Record one month's consumption of one service; amounts are typed in yuan, stored in fen. */
export function ConsumptionForm(props: { accountId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm(
    consumptionCreateInput,
    { period: currentMonth(), category: 'data' as ConsumptionCategory, amount: '', quantity: '', note: '' },
    (v) => ({
      accountId: props.accountId,
      period: parseDateText(v.period, 'month') ?? v.period,
      category: v.category,
      amountFen: parseYuan(v.amount) ?? Number.NaN,
      quantity: v.quantity.trim() === '' ? null : Number(v.quantity),
      note: v.note,
    }),
  );
  const { values, errors } = form;
  const save = async (allowDuplicate = false) => {
    if (await form.submit((input) => api.consumption.create(input as never), { allowDuplicate }))
      props.onClose();
  };
  return (
    <Dialog title={t('form.recordConsumption')} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label={t('field.period')} error={errors['period']}>
          {(control) => (
            <DateInput
              {...control}
              precision="month"
              autoFocus
              value={values.period}
              onChange={(text) => form.set('period', text)}
            />
          )}
        </Field>
        <Field label={t('field.category')} error={errors['category']}>
          {(control) => (
            <select
              {...control}
              value={values.category}
              onChange={(e) => form.set('category', e.target.value as ConsumptionCategory)}
            >
              <Options values={consumptionCategories} label={(category) => t(`category.${category}`)} />
            </select>
          )}
        </Field>
        <Field
          label={t('field.amount')}
          // Text that is not an amount reaches the schema as NaN; say what an amount looks like.
          error={
            errors['amountFen'] && parseYuan(values.amount) === null
              ? t('form.invalidAmount')
              : errors['amountFen']
          }
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={values.amount}
              onChange={(e) => form.set('amount', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('field.quantity')} error={errors['quantity']}>
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={values.quantity}
              onChange={(e) => form.set('quantity', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('field.note')} error={errors['note']}>
          {(control) => (
            <input {...control} value={values.note} onChange={(e) => form.set('note', e.target.value)} />
          )}
        </Field>
        <FormFooter form={form} onCancel={props.onClose} onSaveAnyway={() => void save(true)} />
      </form>
    </Dialog>
  );
}
