import { useTranslation } from 'react-i18next';
import { useSettings } from '../../stores/settings';
import { useSync } from '../../stores/sync';
import { SyncProgressView } from './SyncProgressView';

/**
 * An export card's button, which waits for the team passphrase and says so, then (when the
 * export running is this card's, `mine`) its progress and its refusal. The two export cards
 * (this device's changes, a file for a user) share the one export at a time the store runs.
 */
export function ExportActions(props: { id: string; mine: boolean; label: string; onClick?: () => void }) {
  const { t } = useTranslation();
  const exporting = useSync((state) => state.exporting);
  const error = useSync((state) => (props.mine ? state.exportError : null));
  const passphraseSet = useSettings((state) => state.settings?.syncPassphraseSet ?? false);
  return (
    <>
      <div className="sync-actions">
        <button
          type={props.onClick ? 'button' : 'submit'}
          className="primary"
          disabled={exporting || !passphraseSet}
          aria-describedby={passphraseSet ? undefined : `${props.id}-needs`}
          onClick={props.onClick}
        >
          {exporting && props.mine ? t('sync.export.exporting') : props.label}
        </button>
        {!passphraseSet && (
          <small id={`${props.id}-needs`} className="hint">
            {t('sync.export.needsPassphrase')}
          </small>
        )}
      </div>
      {exporting && props.mine && <SyncProgressView job="export" />}
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
    </>
  );
}
