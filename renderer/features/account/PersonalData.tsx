import { strToU8, zipSync } from 'fflate';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import type { Account } from '../../../shared/types';
import { api } from '../../api';
import { navigate } from '../../app/router';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useToast } from '../../stores/toast';

const errorKey = (caught: unknown) => `error.${caught instanceof ApiError ? caught.code : 'INTERNAL'}`;

/** A customer number as part of a file name: characters Windows refuses in names become `_`. */
const fileStem = (account: Account) =>
  `${account.customerNo.replace(/[\\/:*?"<>|\s]+/g, '_') || account.id}-personal-data`;

/**
 * Everything held about the account, saved as one zip of a JSON and a CSV (like the CSV export
 * of several tables): one save, one file to hand to the person who asked.
 */
export function useExportPersonalData() {
  const { t } = useTranslation();
  const show = useToast((state) => state.show);
  return async (account: Account) => {
    try {
      const data = await api.accounts.exportPersonalData({ id: account.id });
      const stem = fileStem(account);
      const zipped = zipSync({ [`${stem}.json`]: strToU8(data.json), [`${stem}.csv`]: strToU8(data.csv) });
      const url = URL.createObjectURL(new Blob([zipped], { type: 'application/zip' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${stem}.zip`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      show({ message: t('erasure.exported', { name: account.name }) });
    } catch (caught) {
      show({ message: t(errorKey(caught)) });
    }
  };
}

/**
 * Erasure on request: what goes and what stays said plainly, a reason for the audit log, and
 * the account's name typed out, so a slip of the mouse erases nothing. The erasure runs on the
 * job thread and then rebuilds the file, which can take seconds on a large book: the dialog
 * stays open, and cannot be closed, until it has finished.
 */
export function EraseDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const show = useToast((state) => state.show);
  const [reason, setReason] = useState('');
  const [typedName, setTypedName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = reason.trim() !== '' && typedName.trim() === account.name.trim() && !busy;

  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.accounts.erase({ id: account.id, reason: reason.trim() });
      navigate({ page: 'search' });
      show({
        message: result.compacted
          ? t('erasure.done', { name: account.name })
          : `${t('erasure.done', { name: account.name })} ${t('erasure.notCompacted')}`,
      });
    } catch (caught) {
      setError(t(errorKey(caught)));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('erasure.title')} onClose={busy ? () => undefined : onClose}>
      <form
        className="erase-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) void erase();
        }}
      >
        <p>{t('erasure.what', { name: account.name })}</p>
        <p>{t('erasure.elsewhere')}</p>
        <p className="erase-warning">{t('erasure.final')}</p>
        <Field label={t('erasure.reason')} hint={t('erasure.reasonHint')}>
          {(control) => (
            <input
              {...control}
              value={reason}
              maxLength={500}
              required
              disabled={busy}
              autoFocus
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('erasure.confirmName', { name: account.name })}>
          {(control) => (
            <input
              {...control}
              value={typedName}
              autoComplete="off"
              spellCheck={false}
              disabled={busy}
              onChange={(event) => setTypedName(event.target.value)}
            />
          )}
        </Field>
        {busy && (
          <p className="erase-progress" role="status">
            <progress aria-label={t('erasure.running')} />
            {t('erasure.running')}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-footer">
          <button type="button" disabled={busy} onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="danger-fill" disabled={!ready}>
            {busy ? t('erasure.erasing') : t('erasure.erase')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
