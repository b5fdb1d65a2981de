import { useTranslation } from 'react-i18next';
import { relationshipUpdateInput } from '../../../shared/schemas';
import type { RelationshipView } from '../../../shared/types';
import { api } from '../../api';
import { KindBadge } from '../../components/Badges';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';

/**
 * Correct a relationship's role (职务, 配偶) or note. Who is linked, and how, is the
 * relationship itself: to change that, delete it and link again.
 */
export function RelationshipEditForm(props: { view: RelationshipView; onClose: () => void }) {
  const { t } = useTranslation();
  const { view } = props;
  const form = useForm(relationshipUpdateInput, { role: view.role, note: view.note }, (v) => ({
    id: view.id,
    role: v.role,
    note: v.note,
  }));
  const save = async () => {
    if (await form.submit((input) => api.relationships.update(input as never))) props.onClose();
  };
  return (
    <Dialog title={t('form.editRelationship')} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="relation-summary">
          <span className="relation">
            {t(`relationship.${view.type}${view.direction === 'out' ? 'Out' : 'In'}`)}
          </span>{' '}
          <strong>{view.other.name}</strong> <KindBadge kind={view.other.kind} />
        </p>
        <Field label={t('field.role')} error={form.errors['role']}>
          {(control) => (
            <input
              {...control}
              autoFocus
              value={form.values.role}
              onChange={(e) => form.set('role', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('field.note')} error={form.errors['note']}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={form.values.note}
              onChange={(e) => form.set('note', e.target.value)}
            />
          )}
        </Field>
        <FormFooter form={form} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
