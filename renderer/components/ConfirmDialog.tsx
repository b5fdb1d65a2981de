import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

export function ConfirmDialog(props: {
  title: string;
  message: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <p>{props.message}</p>
      <footer className="dialog-footer">
        <button type="button" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          autoFocus
          onClick={() => {
            props.onConfirm();
            props.onClose();
          }}
        >
          {t('common.confirm')}
        </button>
      </footer>
    </Dialog>
  );
}
