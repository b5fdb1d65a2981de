import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import { syncMaxFileBytes } from '../../../shared/schemas';
import type { SyncPreview } from '../../../shared/types';
import { useSettings } from '../../stores/settings';
import { useSync } from '../../stores/sync';
import { dateTime } from '../account/format';
import { readFileBase64 } from '../import/readFile';
import { PreviewTable } from './PreviewTable';
import { SharedNumbersWarning } from './SharedNumbersWarning';
import { aheadText, shortDevice } from './format';
import { SyncProgressView } from './SyncProgressView';

/** Refused as the contract refuses it (the file's base64 too big), so one message says both. */
function tooLarge(bytes: number): ApiError {
  return new ApiError('VALIDATION_FAILED', `The file has ${bytes} bytes, more than ${syncMaxFileBytes}`, {
    issues: [{ path: ['contentBase64'], code: 'too_big', message: 'Too big', maximum: syncMaxFileBytes }],
  });
}

/** A file over the largest the app takes at once, whoever said so (this page, preview mode's server). */
function isTooLarge(error: ApiError): boolean {
  return (
    error.code === 'VALIDATION_FAILED' &&
    (error.issues ?? []).some((issue) => issue.code === 'too_big' && issue.path[0] === 'contentBase64')
  );
}

async function chooseFile(file: File): Promise<void> {
  const sync = useSync.getState();
  // Refused before it is read: it could only be held in memory to be refused.
  if (file.size > syncMaxFileBytes) {
    sync.fail(tooLarge(file.size));
    return;
  }
  let contentBase64: string;
  try {
    contentBase64 = await readFileBase64(file);
  } catch {
    sync.fail(new ApiError('INTERNAL', 'FileReader failed'));
    return;
  }
  // An empty file is no sync file; the service would refuse it as invalid input.
  if (contentBase64 === '') {
    sync.fail(new ApiError('SYNC_NOT_A_BUNDLE', 'empty file'));
    return;
  }
  await sync.choose({ name: file.name, contentBase64 });
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
      <div className="import-file">
        <input
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          accept=".fbsync,application/octet-stream"
          aria-describedby={`${id}-hint`}
          disabled={previewing || importing || !passphraseSet}
          onChange={(event) => {
            const input = event.currentTarget;
            const chosen = input.files?.[0];
            input.value = '';
            if (chosen) void chooseFile(chosen);
          }}
        />
        <label htmlFor={`${id}-file`} className="file-button">
          {t('sync.import.file')}
        </label>
        <small id={`${id}-hint`} className="hint">
          {passphraseSet ? t('sync.import.fileHint') : t('sync.export.needsPassphrase')}
        </small>
      </div>
      {previewing && <SyncProgressView job="preview" />}
      {error && (
        <p className="form-error" role="alert">
          {isTooLarge(error)
            ? t('sync.import.tooLarge', { max: `${Math.round(syncMaxFileBytes / 2 ** 20)} MB` })
            : t(`error.${error.code}`)}
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
    </section>
  );
}
