import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useImports } from '../../stores/imports';
import { PreviewResult } from './PreviewResult';

/** The history's heading, focused by the link under a finished import. */
export const historyHeadingId = 'import-history-title';

function showHistory(): void {
  const heading = document.getElementById(historyHeadingId);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus();
}

/** What the last apply did, with the way to its history entry (and its Revert button). */
function AppliedMessage() {
  const { t } = useTranslation();
  const applied = useImports((state) => state.applied);
  if (!applied) return null;
  return (
    <div className="import-done" role="status">
      <p>
        {t('import.done', {
          file: applied.fileName,
          create: applied.counts.create,
          update: applied.counts.update,
          skip: applied.counts.skip,
          unchanged: applied.counts.unchanged,
        })}
      </p>
      {/* The Import button just left with the staged file: focus lands on what follows. */}
      <button type="button" className="link" autoFocus onClick={showHistory}>
        {t('import.showHistory')}
      </button>
    </div>
  );
}

/** Step 4: the dry run, then the import itself with its progress. */
export function PreviewStep() {
  const { t } = useTranslation();
  const id = useId();
  const staged = useImports((state) => state.staged);
  const preview = useImports((state) => state.preview);
  const previewing = useImports((state) => state.previewing);
  const applying = useImports((state) => state.applying);
  const progress = useImports((state) => state.progress);
  const error = useImports((state) => state.error);
  const runPreview = useImports((state) => state.runPreview);
  const apply = useImports((state) => state.apply);
  const canApply = Boolean(staged && preview && preview.errorTotal === 0 && !applying && !previewing);
  return (
    <section className="card import-step" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('import.previewStep')}</h2>
      </header>
      {staged && (
        <div className="import-actions">
          <button
            type="button"
            disabled={!staged || previewing || applying}
            onClick={() => void runPreview()}
          >
            {t('import.preview')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!canApply}
            aria-describedby={`${id}-apply-hint`}
            onClick={() => void apply()}
          >
            {t('import.apply')}
          </button>
          <small id={`${id}-apply-hint`} className="hint">
            {canApply ? t('import.previewHint') : t('import.applyHint')}
          </small>
        </div>
      )}
      {previewing && (
        <p className="muted" role="status">
          {t('import.previewing')}
        </p>
      )}
      {applying && progress && (
        <div className="import-progress">
          <span aria-hidden="true">{t('import.applying')}</span>
          <progress
            aria-label={t('import.progress')}
            value={progress.done}
            max={Math.max(1, progress.total)}
          />
        </div>
      )}
      {staged && error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
      {preview && <PreviewResult preview={preview} />}
      <AppliedMessage />
    </section>
  );
}
