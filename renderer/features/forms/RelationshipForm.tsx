import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { relationshipCreateInput, relationshipTypes } from '../../../shared/schemas';
import type { AccountKind, AccountSummary, RelationshipType } from '../../../shared/types';
import { api } from '../../api';
import { AccountPicker } from '../../components/AccountPicker';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';
import { Options } from '../../components/Options';

/**
 * Link this account to another. The direction follows from the kinds: a company employs a
 * person; for holdings the user says which company is the parent.
 */
export function RelationshipForm(props: {
  accountId: string;
  accountKind: AccountKind;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [thisIsParent, setThisIsParent] = useState(true);
  const form = useForm(
    relationshipCreateInput,
    {
      type: (props.accountKind === 'person' ? 'family' : 'employs') as RelationshipType,
      other: null as AccountSummary | null,
      role: '',
    },
    (v) => {
      const other = v.other?.id ?? '';
      const thisFirst =
        v.type === 'employs'
          ? props.accountKind === 'organization'
          : v.type === 'holds'
            ? thisIsParent
            : true;
      return {
        fromId: thisFirst ? props.accountId : other,
        toId: thisFirst ? other : props.accountId,
        type: v.type,
        role: v.role,
      };
    },
  );
  const { values, errors } = form;
  const otherError = errors['toId'] ?? errors['fromId'];
  const save = async () => {
    if (await form.submit((input) => api.relationships.create(input as never))) props.onClose();
  };
  return (
    <Dialog title={t('form.addRelationship')} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label={t('field.relationType')} error={errors['type']}>
          {(control) => (
            <select
              {...control}
              value={values.type}
              onChange={(e) => form.set('type', e.target.value as RelationshipType)}
            >
              <Options values={relationshipTypes} label={(type) => t(`relationship.${type}`)} />
            </select>
          )}
        </Field>
        {values.type === 'holds' && (
          <fieldset className="field">
            <legend>{t('relationship.holds')}</legend>
            <label className="choice">
              <input
                type="radio"
                name="parent"
                checked={thisIsParent}
                onChange={() => setThisIsParent(true)}
              />
              {t('relationship.holdsOut')}
            </label>
            <label className="choice">
              <input
                type="radio"
                name="parent"
                checked={!thisIsParent}
                onChange={() => setThisIsParent(false)}
              />
              {t('relationship.holdsIn')}
            </label>
          </fieldset>
        )}
        <Field label={t('field.relatedAccount')} error={otherError}>
          {(control) => (
            <AccountPicker
              id={control.id}
              invalid={control['aria-invalid']}
              describedBy={control['aria-describedby']}
              excludeId={props.accountId}
              value={values.other}
              onChange={(account) => form.set('other', account)}
            />
          )}
        </Field>
        <Field label={t('field.role')} error={errors['role']}>
          {(control) => (
            <input {...control} value={values.role} onChange={(e) => form.set('role', e.target.value)} />
          )}
        </Field>
        <FormFooter form={form} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
