import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncPreview } from '../../../shared/types';
import { useSettings } from '../../stores/settings';
import { useSync } from '../../stores/sync';
import { dateTime } from '../account/format';
import { PreviewTable } from './PreviewTable';
import { SharedNumbersWarning } from './SharedNumbersWarning';
import { aheadText, shortDevice } from './format';
import { ScopeNotes, SignerFacts } from './ScopeNotes';
import { SyncFileInput } from './SyncFileInput';
import { readSyncFile, syncFileErrorText } from './syncFile';
import { SyncProgressView } from './SyncProgressView';

async function chooseFile(file: File): Promise<void> {
  const read = await readSyncFile(file);
  if (read.ok) await useSync.getState().choose({ name: file.name, contentBase64: read.contentBase64 });
  else useSync.getState().fail(read.error);
}

/** How many changes are dated in the future, and how far: the sender can check their clock. */
function ClockAheadFacts({ details }: { details: unknown }) {
  const { t } = useTranslation();
  const facts = details as { ops?: number; furthest?: string } | undefined;
  if (typeof facts?.ops !== 'number' || typeof facts.furthest !== 'string') return null;
  return (
    <>
      {' '}
      {t('sync.import.clockAhead', {
        count: facts.ops,
        latest: dateTime(facts.furthest),
        ahead: aheadText(Date.parse(facts.furthest) - Date.now()),
      })}
    </>
  );
}

function PreviewFacts({ preview, fileName }: { preview: SyncPreview; fileName: string }) {
  const { t } = useTranslation();
  const { manifest } = preview;
  return (
    <dl className="import-facts sync-facts" aria-label={t('sync.import.facts')}>
      <div>
        <dt>{t('sync.import.fileName')}</dt>
        <dd>{fileName}</dd>
      </div>
      <div>
        <dt>{t('sync.import.from')}</dt>
        <dd>
          <code>{shortDevice(manifest.sourceNode)}</code>
        </dd>
      </div>
      <div>
        <dt>{t('sync.import.made')}</dt>
        <dd>{dateTime(manifest.createdAt)}</dd>
      </div>
      <div>
        <dt>{t('sync.import.records')}</dt>
        <dd>{manifest.opCount.toLocaleString()}</dd>
      </div>
      <SignerFacts manifest={manifest} />
    </dl>
  );
}

/** Import: choose a file, see what it would change, then import exactly that file. */
export function ImportCard() {
  const { t } = useTranslation();
  const id = useId();
  const file = useSync((state) => state.file);
  const previewing = useSync((state) => state.previewing);
  const preview = useSync((state) => state.preview);
  const importing = useSync((state) => state.importing);
  const imported = useSync((state) => state.imported);
  const error = useSync((state) => state.importError);
  const passphraseSet = useSettings((state) => state.settings?.syncPassphraseSet ?? false);
  const nothingNew =
    preview !== null &&
    !preview.alreadyImported &&
    preview.totals.new + preview.totals.changed + preview.totals.conflicts === 0;
  return (
    <section className="card sync-card sync-import" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('sync.import.title')}</h2>
      </header>
      <SyncFileInput
        label={t('sync.import.file')}
        hint={passphraseSet ? t('sync.import.fileHint') : t('sync.export.needsPassphrase')}
        disabled={previewing || importing || !passphraseSet}
        onChoose={(chosen) => void chooseFile(chosen)}
      />
      {previewing && <SyncProgressView job="preview" />}
      {error && (
        <p className="form-error" role="alert">
          {syncFileErrorText(t, error)}
          {error.code === 'SYNC_CLOCK_AHEAD' && <ClockAheadFacts details={error.details} />}
        </p>
      )}
      {file && preview && (
        <div className="sync-preview">
          <PreviewFacts preview={preview} fileName={file.name} />
          {preview.alreadyImported ? (
            <p className="sync-note">{t('sync.import.alreadyImported')}</p>
          ) : (
            <>
              <h3 className="import-subtitle">{t('sync.import.previewTitle')}</h3>
              <PreviewTable
                entities={preview.entities}
                totals={preview.totals}
                caption={t('sync.import.caption')}
              />
              {nothingNew && <p className="sync-note">{t('sync.import.nothingNew')}</p>}
              <ScopeNotes outcome={preview} when="preview" />
              <SharedNumbersWarning preview={preview} />
            </>
          )}
          <div className="sync-actions">
            <button
              type="button"
              className="primary"
              disabled={importing}
              aria-describedby={`${id}-confirm-hint`}
              onClick={() => void useSync.getState().confirmImport()}
            >
              {importing ? t('sync.import.importing') : t('sync.import.confirm')}
            </button>
            <small id={`${id}-confirm-hint`} className="hint">
              {t('sync.import.hint')}
            </small>
          </div>
          {importing && <SyncProgressView job="import" />}
        </div>
      )}
      {imported && (
        <div className="import-done" role="status">
          <p>
            {imported.alreadyImported
              ? t('sync.import.doneAgain')
              : t('sync.import.done', { ...imported.totals })}
          </p>
        </div>
      )}
      {imported && !imported.alreadyImported && <ScopeNotes outcome={imported} when="import" />}
    </section>
  );
}
