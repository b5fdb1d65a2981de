import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useBackups } from '../../stores/backups';
import { ChainVerdict } from './ChainVerdict';

/** The audit log's hash chain: intact, or where it breaks first (an entry changed, removed or cut from the end). */
export function AuditCheck() {
  const { t } = useTranslation();
  const id = useId();
  const audit = useBackups((state) => state.audit);
  return (
    <section className="card audit-check" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('backups.audit.title')}</h2>
      </header>
      <p className="hint">{t('backups.audit.intro')}</p>
      <button
        type="button"
        disabled={audit?.state === 'running'}
        onClick={() => void useBackups.getState().verifyAudit()}
      >
        {audit?.state === 'running' ? t('backups.audit.verifying') : t('backups.audit.verify')}
      </button>
      {audit?.state === 'failed' && (
        <p className="form-error" role="alert">
          {t(`error.${audit.error.code}`)}
        </p>
      )}
      {audit?.state === 'done' && <ChainVerdict verdict={audit.verdict} as="p" />}
    </section>
  );
}
