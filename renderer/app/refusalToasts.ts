import { ApiError } from '../../shared/errors';
import { i18next } from '../i18n';
import { useToast } from '../stores/toast';

/**
 * Buttons that act at once (archive, delete, restore, a settings switch) call the API without a
 * form to show a refusal in. When such a call is refused — the book locked by another process,
 * the disk full — the user must still learn that nothing happened: the refusal is shown as a
 * toast in the window's language instead of vanishing as an unhandled rejection.
 */
export function showUnhandledRefusals(target: Pick<Window, 'addEventListener'> = window): void {
  target.addEventListener('unhandledrejection', (event) => {
    if (!(event.reason instanceof ApiError)) return;
    event.preventDefault();
    useToast.getState().show({ message: i18next.t(`error.${event.reason.code}`) });
  });
}
