import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../shared/types';
import { useSync } from '../../stores/sync';

/** What a running step is doing, in words with its counts. */
function stepText(t: TFunction, step: SyncProgress): string {
  const counts = { done: step.done.toLocaleString(), total: step.total.toLocaleString() };
  if (step.phase === 'decrypt') return t('sync.progress.decrypt');
  if (step.phase === 'encrypt') return t('sync.progress.encrypt', counts);
  return t(`sync.progress.${step.job}`, counts);
}

/**
 * A sync job's progress: what it is doing, with the records done and to do, and a bar. Until
 * the first report (the request is on its way) it says that the job has started. The counts
 * change ten times a second: they are the bar's value text, and only the phase is announced.
 */
export function SyncProgressView({ job }: { job: SyncProgress['job'] }) {
  const { t } = useTranslation();
  const progress = useSync((state) => state.progress);
  const step = progress?.job === job ? progress : null;
  const counted = step !== null && step.phase !== 'decrypt' && step.total > 0;
  const text = step ? stepText(t, step) : t(`sync.progress.start.${job}`);
  const phase = step ? t(`sync.progress.phase.${step.phase}`) : text;
  return (
    <div className="sync-progress">
      <span className="sync-progress-text" aria-hidden="true">
        {text}
      </span>
      <span className="visually-hidden" role="status">
        {phase}
      </span>
      <progress
        aria-label={t(`sync.progress.label.${job}`)}
        aria-valuetext={text}
        {...(counted ? { value: step.done, max: step.total } : {})}
      />
    </div>
  );
}
