import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncSharedNumberAccount, SyncPreview } from '../../../shared/types';
import { sharedNumberLabel } from './format';

function Holder({ account }: { account: SyncSharedNumberAccount }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>{account.name}</strong>{' '}
      <span className="muted">({account.inBook ? t('sync.shared.inBook') : t('sync.shared.inFile')})</span>
    </>
  );
}

/**
 * The preview's warning: accounts that would share a customer number or credit code with
 * another once the file is imported. Numbers need not be unique, so the import is not refused.
 */
export function SharedNumbersWarning({ preview }: { preview: SyncPreview }) {
  const { t } = useTranslation();
  const id = useId();
  if (preview.sharedNumbersTotal === 0) return null;
  const hidden = preview.sharedNumbersTotal - preview.sharedNumbers.length;
  return (
    <section className="sync-warning sync-shared-warning" role="status" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('sync.shared.previewTitle', { count: preview.sharedNumbersTotal })}</h4>
      <ul>
        {preview.sharedNumbers.map((pair) => (
          <li key={`${pair.kind}-${pair.value}-${pair.incoming.id}-${pair.other.id}`}>
            {sharedNumberLabel(pair.kind)} <code>{pair.value}</code>: <Holder account={pair.incoming} />{' '}
            {t('sync.shared.and')} <Holder account={pair.other} />
          </li>
        ))}
      </ul>
      {hidden > 0 && <p>{t('sync.shared.more', { count: hidden })}</p>}
      <p>{t('sync.shared.previewHint')}</p>
    </section>
  );
}
