import { useTranslation } from 'react-i18next';
import { accountCreateInput, accountUpdateInput, phoneLabels, tiers } from '../../../shared/schemas';
import type { Account, AccountKind, PhoneLabel, Tier } from '../../../shared/types';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';
import { useSettings } from '../../stores/settings';
import { Options } from '../../components/Options';
import { useLiveDuplicates } from './useLiveDuplicates';

interface PhoneRow {
  number: string;
  label: PhoneLabel | '';
}

interface Values {
  kind: AccountKind;
  name: string;
  customerNo: string;
  creditCode: string;
  /** '' on a new account: general until a tier suggestion is applied. */
  tier: Tier | '';
  tierReason: string;
  owner: string;
  region: string;
  industry: string;
  address: string;
  postcode: string;
  notes: string;
  phones: PhoneRow[];
}

function initialValues(account: Account | undefined, owner: string): Values {
  return {
    kind: account?.kind ?? 'person',
    name: account?.name ?? '',
    customerNo: account?.customerNo ?? '',
    creditCode: account?.creditCode ?? '',
    tier: account?.tier ?? '',
    tierReason: account?.tierReason ?? '',
    owner: account?.owner ?? owner,
    region: account?.region ?? '',
    industry: account?.industry ?? '',
    address: account?.address ?? '',
    postcode: account?.postcode ?? '',
    notes: account?.notes ?? '',
    phones: account ? [] : [{ number: '', label: '' }],
  };
}

/** Create a new account (with its phones) or edit an existing one's profile. */
export function AccountForm(props: {
  account?: Account;
  onClose: () => void;
  onSaved: (account: Account) => void;
}) {
  const { t } = useTranslation();
  const managerCode = useSettings((state) => state.settings?.managerCode ?? '');
  const editing = props.account;
  const form = useForm(
    editing ? accountUpdateInput : accountCreateInput,
    initialValues(editing, managerCode),
    (v) => {
      // Sending a tier makes it the manager's choice: only when one was picked or changed.
      const tierChanged = editing
        ? v.tier !== editing.tier || v.tierReason.trim() !== editing.tierReason
        : v.tier !== '';
      const common = {
        name: v.name,
        ...(tierChanged && v.tier !== '' ? { tier: v.tier, tierReason: v.tierReason } : {}),
        region: v.region,
        industry: v.industry,
        address: v.address,
        postcode: v.postcode,
        notes: v.notes,
        ...(v.owner.trim() ? { owner: v.owner } : {}),
        ...(v.customerNo.trim() ? { customerNo: v.customerNo } : {}),
      };
      const creditCode = v.kind === 'organization' ? { creditCode: v.creditCode } : {};
      if (editing) return { id: editing.id, ...common, ...creditCode };
      const phones = v.phones
        .filter((phone) => phone.number.trim() !== '')
        .map((phone) => ({ number: phone.number, ...(phone.label ? { label: phone.label } : {}) }));
      return { kind: v.kind, ...common, ...creditCode, phones };
    },
  );
  const { values, errors } = form;
  // Checked as it is typed; when editing, only what changed (the account is not its own match,
  // and a pair already known is not news on every edit).
  const changed = (field: 'name' | 'creditCode' | 'customerNo') =>
    !editing || values[field].trim() !== (editing[field] ?? '') ? values[field] : '';
  useLiveDuplicates(
    {
      kind: editing?.kind ?? values.kind,
      name: changed('name'),
      creditCode: changed('creditCode'),
      customerNo: changed('customerNo'),
      phones: values.phones.map((phone) => phone.number),
      ...(editing ? { excludeId: editing.id } : {}),
    },
    form.showDuplicates,
  );

  const save = async (allowDuplicate = false) => {
    const saved = await form.submit(
      (input) => (editing ? api.accounts.update(input as never) : api.accounts.create(input as never)),
      { allowDuplicate },
    );
    if (saved) props.onSaved(saved);
  };
  const setPhone = (index: number, patch: Partial<PhoneRow>) =>
    form.set(
      'phones',
      values.phones.map((phone, i) => (i === index ? { ...phone, ...patch } : phone)),
    );

  const text = (field: keyof Values & string, label: string, hint?: string) => (
    <Field label={label} error={errors[field]} hint={hint}>
      {(control) => (
        <input
          {...control}
          value={String(values[field])}
          onChange={(e) => form.set(field, e.target.value as never)}
        />
      )}
    </Field>
  );

  return (
    <Dialog title={editing ? t('form.editAccount') : t('form.newAccount')} onClose={props.onClose} wide>
      <form
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {!editing && (
          <fieldset className="field span-2">
            <legend>{t('field.kind')}</legend>
            {(['person', 'organization'] as const).map((kind) => (
              <label key={kind} className="choice">
                <input
                  type="radio"
                  name="kind"
                  checked={values.kind === kind}
                  onChange={() => form.set('kind', kind)}
                />
                {t(`kind.${kind}`)}
              </label>
            ))}
          </fieldset>
        )}
        <Field label={t('field.name')} error={errors['name']}>
          {(control) => (
            <input
              {...control}
              autoFocus
              value={values.name}
              onChange={(e) => form.set('name', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('field.tier')} error={errors['tier']}>
          {(control) => (
            <select
              {...control}
              value={values.tier}
              onChange={(e) => {
                form.set('tier', e.target.value as Tier | '');
                // A new tier needs its own reason, not the one stored with the old.
                form.set('tierReason', '');
              }}
            >
              {!editing && <option value="">{t('form.tierAutomatic')}</option>}
              <Options values={tiers} label={(tier) => t(`tier.${tier}`)} />
            </select>
          )}
        </Field>
        {values.tier !== '' && text('tierReason', t('field.tierReason'), t('form.tierReasonHint'))}
        {!editing &&
          values.phones.map((phone, index) => (
            <div key={index} className="phone-row span-2">
              <Field label={`${t('field.phone')} ${index + 1}`} error={errors[`phones.${index}.number`]}>
                {(control) => (
                  <input
                    {...control}
                    inputMode="tel"
                    value={phone.number}
                    onChange={(e) => setPhone(index, { number: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('field.label')}>
                {(control) => (
                  <select
                    {...control}
                    value={phone.label}
                    onChange={(e) => setPhone(index, { label: e.target.value as PhoneLabel | '' })}
                  >
                    <option value="">—</option>
                    <Options values={phoneLabels} label={(label) => t(`phoneLabel.${label}`)} />
                  </select>
                )}
              </Field>
              {values.phones.length > 1 && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('form.removePhone', { index: index + 1 })}
                  onClick={() =>
                    form.set(
                      'phones',
                      values.phones.filter((_, i) => i !== index),
                    )
                  }
                >
                  ×
                </button>
              )}
            </div>
          ))}
        {!editing && (
          <button
            type="button"
            className="link span-2"
            onClick={() => form.set('phones', [...values.phones, { number: '', label: '' }])}
          >
            + {t('form.addAnotherPhone')}
          </button>
        )}
        {text('customerNo', t('field.customerNo'), editing ? undefined : t('field.customerNoHint'))}
        {values.kind === 'organization' && text('creditCode', t('field.creditCode'))}
        {text('owner', t('field.owner'))}
        {text('region', t('field.region'))}
        {text('industry', t('field.industry'))}
        {text('postcode', t('field.postcode'))}
        <div className="span-2">{text('address', t('field.address'))}</div>
        <Field label={t('field.notes')} error={errors['notes']}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={values.notes}
              onChange={(e) => form.set('notes', e.target.value)}
            />
          )}
        </Field>
        <FormFooter form={form} onCancel={props.onClose} onSaveAnyway={() => void save(true)} />
      </form>
    </Dialog>
  );
}
