import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useImports } from '../../stores/imports';
import { PreviewResult } from './PreviewResult';
import { RejectsDownload } from './RejectsDownload';

/** The history's heading, focused by the link under a finished import. */
export const historyHeadingId = 'import-history-title';
/** The dry run's findings, reached from the summary in the action bar. */
const resultsId = 'import-results';

function showHistory(): void {
  const heading = document.getElementById(historyHeadingId);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus();
}

function showResults(): void {
  document.getElementById(resultsId)?.scrollIntoView({ block: 'start' });
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
      {applied.counts.errors > 0 && (
        <p className="import-left-out">
          {t('import.leftOut', { count: applied.counts.errors })} <RejectsDownload record={applied} />
        </p>
      )}
      {/* The Import button just left with the staged file: focus lands on what follows. */}
      <button type="button" className="link" autoFocus onClick={showHistory}>
        {t('import.showHistory')}
      </button>
    </div>
  );
}

/**
 * Step 4's buttons: dry run, import (all or nothing), import the good rows, with the dry run in
 * one line and the progress. It stays at the bottom of the window while the steps above are
 * looked at (a file's mapping and sample fill more than a small laptop's screen), and takes its
 * place above the findings when they are scrolled to.
 */
function ActionBar() {
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
  if (!staged) return null;
  const canApply = Boolean(preview && preview.errorTotal === 0 && !applying && !previewing);
  // With bad rows, the good ones can still go in (the bad ones come back as a file).
  const goodRows = preview && preview.errorTotal > 0 ? preview.counts.rows - preview.counts.errors : 0;
  const canApplyGood = goodRows > 0 && !applying && !previewing;
  return (
    <section className="card import-step import-action-bar" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('import.previewStep')}</h2>
      </header>
      <div className="import-actions">
        <button type="button" disabled={previewing || applying} onClick={() => void runPreview()}>
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
        {goodRows > 0 && (
          <button
            type="button"
            disabled={!canApplyGood}
            aria-describedby={`${id}-apply-hint`}
            onClick={() => void apply('skip')}
          >
            {t('import.applyGood', { count: goodRows })}
          </button>
        )}
        {preview && (
          <button type="button" className="link import-summary" onClick={showResults}>
            {t('import.summary', { ...preview.counts })}
          </button>
        )}
      </div>
      <small id={`${id}-apply-hint`} className="hint">
        {goodRows > 0
          ? t('import.applyGoodHint', { count: preview?.counts.errors ?? 0 })
          : canApply
            ? t('import.previewHint')
            : t('import.applyHint')}
      </small>
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
      {error && (
        <p className="form-error" role="alert">
          {t(`error.${error.code}`)}
        </p>
      )}
    </section>
  );
}

/** Step 4: the action bar, then what the dry run found or what the import did. */
export function PreviewStep() {
  const { t } = useTranslation();
  const preview = useImports((state) => state.preview);
  const applied = useImports((state) => state.applied);
  return (
    <>
      <ActionBar />
      {(preview || applied) && (
        <section id={resultsId} className="card import-step import-results" aria-label={t('import.results')}>
          {preview && <PreviewResult preview={preview} />}
          <AppliedMessage />
        </section>
      )}
    </>
  );
}
