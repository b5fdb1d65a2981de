import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { useSettings } from '../../stores/settings';
import { useSync } from '../../stores/sync';
import { downloadBase64 } from './format';
import { SyncProgressView } from './SyncProgressView';

const modes = ['incremental', 'full'] as const;

/** Export: what changed since the last file (or everything), encrypted, saved as a download. */
export function ExportCard() {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<(typeof modes)[number]>('incremental');
  // Every export says why (audit log, manifest); the everyday answer is offered, to be changed.
  const [purpose, setPurpose] = useState(() => t('sync.export.routine'));
  const exporting = useSync((state) => state.exporting);
  // The head-office file for a user says its own outcome in its own card.
  const mine = useSync((state) => state.exportKind === 'device');
  const error = useSync((state) => (mine ? state.exportError : null));
  const exported = useSync((state) => (mine ? state.exported : null));
  const passphraseSet = useSettings((state) => state.settings?.syncPassphraseSet ?? false);
  const run = async () => {
    const file = await useSync
      .getState()
      .exportFile({ full: mode === 'full', purpose: purpose.trim() || t('sync.export.routine') });
    if (file) downloadBase64(file.fileName, file.contentBase64, 'application/octet-stream');
  };
  return (
    <section className="card sync-card sync-export" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('sync.export.title')}</h2>
      </header>
      <fieldset className="field sync-modes">
        <legend>{t('sync.export.modeLabel')}</legend>
        {modes.map((choice) => (
          <div key={choice} className="sync-mode">
            <label className="choice">
              <input
                type="radio"
                name={`${id}-mode`}
                value={choice}
                checked={mode === choice}
                aria-describedby={`${id}-${choice}-hint`}
                onChange={() => setMode(choice)}
              />
              {t(`sync.export.${choice}`)}
            </label>
            <small id={`${id}-${choice}-hint`} className="hint">
              {t(`sync.export.${choice}Hint`)}
            </small>
          </div>
        ))}
      </fieldset>
      <Field label={t('sync.export.purpose')} hint={t('sync.export.purposeHint')}>
        {(control) => (
          <input
            {...control}
            value={purpose}
            maxLength={200}
            onChange={(event) => setPurpose(event.target.value)}
          />
        )}
      </Field>
      <div className="sync-actions">
        <button
          type="button"
          className="primary"
          disabled={exporting || !passphraseSet}
          aria-describedby={passphraseSet ? undefined : `${id}-needs`}
          onClick={() => void run()}
        >
          {exporting && mine ? t('sync.export.exporting') : t('sync.export.button')}
        </button>
        {!passphraseSet && (
          <small id={`${id}-needs`} className="hint">
            {t('sync.export.needsPassphrase')}
          </small>
        )}
      </div>
      {exporting && mine && <SyncProgressView job="export" />}
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
      {/* Said here, under the button, not in a toast over the page. */}
      {exported && !exporting && (
        <p className="import-done sync-exported" role="status">
          {t('sync.export.done', { file: exported.fileName, count: exported.records })}
        </p>
      )}
    </section>
  );
}
