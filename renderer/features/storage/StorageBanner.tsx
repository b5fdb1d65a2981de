import { format } from 'date-fns';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StorageStatus } from '../../../shared/types';
import { api } from '../../api';
import { dateLocale } from '../../i18n';

const when = (iso: string) => format(new Date(iso), 'PPp', { locale: dateLocale() });

/**
 * Above every screen: a book that takes no changes (damaged, or where it cannot be written) says
 * so for as long as it is open, with what still works and the last verified copy; what opening
 * did (an upgrade, a restore from the copy) is told once and can be closed.
 */
export function StorageBanner() {
  const { t } = useTranslation();
  const [storage, setStorage] = useState<StorageStatus | null>(null);
  const [noticesClosed, setNoticesClosed] = useState(false);
  useEffect(() => {
    let current = true;
    const load = () =>
      api.storage.get().then(
        (status) => current && setStorage(status),
        // Nothing to say when the question itself fails: the screens report their own errors.
        () => {},
      );
    void load();
    // The integrity check runs after the window opens: damage it finds is said at once.
    const stop = window.fieldbook.on('data.changed', ({ entities }) => {
      if (entities.includes('storage')) void load();
    });
    return () => {
      current = false;
      stop();
    };
  }, []);
  if (!storage) return null;

  if (!storage.writable) {
    const reason = storage.reason ?? 'requested';
    return (
      <div className={`storage-banner storage-${reason}`} role="alert">
        <strong>{t(`storage.${reason}.title`)}</strong>
        <span>{t(`storage.${reason}.body`)}</span>
        {storage.verifiedCopy && (
          <span>
            {t('storage.verifiedCopy', {
              path: storage.verifiedCopy.path,
              at: when(storage.verifiedCopy.at),
            })}
          </span>
        )}
      </div>
    );
  }
  if (noticesClosed || storage.notices.length === 0) return null;
  return (
    <div className="storage-banner storage-notice" role="status">
      {storage.notices.map((notice) => (
        <span key={notice.kind}>
          {notice.kind === 'restored'
            ? t('storage.restored', { copy: notice.copy, damaged: notice.damagedKeptAs })
            : notice.copy === null
              ? t('storage.upgraded')
              : t('storage.upgradedWithCopy', { copy: notice.copy })}
        </span>
      ))}
      <button
        type="button"
        className="icon-button"
        aria-label={t('common.close')}
        onClick={() => setNoticesClosed(true)}
      >
        ×
      </button>
    </div>
  );
}
