import { useTranslation } from 'react-i18next';
import { useToast } from '../stores/toast';

export function ToastView() {
  const { t } = useTranslation();
  const { toast, dismiss } = useToast();
  if (!toast) return null;
  return (
    <div className="toast" role="status">
      <span>{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="link"
          onClick={() => {
            toast.action?.();
            dismiss();
          }}
        >
          {toast.actionLabel}
        </button>
      )}
      <button type="button" className="icon-button" aria-label={t('common.close')} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
