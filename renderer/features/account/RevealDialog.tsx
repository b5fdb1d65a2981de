import { useTranslation } from 'react-i18next';
import { revealInput } from '../../../shared/schemas';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';
import { api } from '../../api';
import { useRevealedStore } from '../../stores/revealed';

/**
 * Shows an account's masked numbers and birth years for a stated purpose, recorded with who and
 * when (查阅登记); the account's cards show them until another account's page opens.
 */
export function RevealDialog(props: { accountId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm(revealInput, { id: props.accountId, purpose: '' }, (values) => values);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const revealed = await form.submit((input) =>
      api.accounts.reveal(input as { id: string; purpose: string }),
    );
    if (revealed) {
      useRevealedStore.getState().set(props.accountId, revealed);
      props.onClose();
    }
  };
  return (
    <Dialog title={t('reveal.title')} onClose={props.onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <p>{t('reveal.intro')}</p>
        <Field label={t('reveal.purpose')} error={form.errors['purpose']}>
          {(control) => (
            <input
              {...control}
              autoFocus
              value={form.values.purpose}
              onChange={(event) => form.set('purpose', event.target.value)}
            />
          )}
        </Field>
        <FormFooter form={form} onCancel={props.onClose} submitLabel={t('reveal.show')} />
      </form>
    </Dialog>
  );
}
