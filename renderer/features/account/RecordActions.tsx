import { useTranslation } from 'react-i18next';
import { useToast } from '../../stores/toast';

/** Delete with an Undo: nothing a user typed is lost to a slip of the mouse. */
export function useUndoableDelete() {
  const { t } = useTranslation();
  const show = useToast((state) => state.show);
  return (remove: () => Promise<unknown>, restore: () => Promise<unknown>) => {
    void remove().then(() =>
      show({ message: t('common.deleted'), actionLabel: t('common.undo'), action: () => void restore() }),
    );
  };
}

/**
 * Edit and Delete for one record of an account (a phone, a relationship, a visit, an
 * anniversary), named after the record for screen readers: "Edit 138 0013 8000".
 */
export function RecordActions(props: { name: string; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="record-actions">
      <button
        type="button"
        className="link"
        aria-label={`${t('common.edit')} ${props.name}`}
        onClick={props.onEdit}
      >
        {t('common.edit')}
      </button>
      <button
        type="button"
        className="link danger"
        aria-label={`${t('common.delete')} ${props.name}`}
        onClick={props.onDelete}
      >
        {t('common.delete')}
      </button>
    </span>
  );
}
