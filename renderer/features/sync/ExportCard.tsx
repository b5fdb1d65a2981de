import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { useSync } from '../../stores/sync';
import { downloadBase64 } from './format';
import { ExportActions } from './ExportActions';

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
  const exported = useSync((state) => (mine ? state.exported : null));
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
      <ExportActions id={id} mine={mine} label={t('sync.export.button')} onClick={() => void run()} />
      {/* Said here, under the button, not in a toast over the page. */}
      {exported && !exporting && (
        <p className="import-done sync-exported" role="status">
          {t('sync.export.done', { file: exported.fileName, count: exported.records })}
        </p>
      )}
    </section>
  );
}
