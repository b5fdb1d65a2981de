import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import type { SyncConflict, SyncConflictResolution } from '../../../shared/types';
import { hrefFor } from '../../app/router';
import { Field } from '../../components/Field';
import { issueMessage } from '../../i18n';
import { useSync } from '../../stores/sync';
import { dateTime } from '../account/format';
import { columnName, deviceOfClock, entityName, timeOfClock } from './format';

const asText = (value: string | number | null) => (value === null ? '' : String(value));

function Value({ value, label, clock }: { value: string | number | null; label: string; clock: string }) {
  const { t } = useTranslation();
  const written = timeOfClock(clock);
  const device = deviceOfClock(clock);
  return (
    <div className="sync-conflict-value">
      <h4>{label}</h4>
      <p className="sync-conflict-text">
        {asText(value) === '' ? <span className="muted">{t('sync.conflicts.empty')}</span> : asText(value)}
      </p>
      {written && device && (
        <small className="hint">{t('sync.conflicts.changedOn', { date: dateTime(written), device })}</small>
      )}
    </div>
  );
}

/** One lost edit: both texts side by side, and the three ways to settle it. */
export function ConflictItem({ conflict, accountName }: { conflict: SyncConflict; accountName?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const field = columnName(conflict.column);
  const title = t('sync.conflicts.item', { entity: entityName(conflict.entity), field });
  // The service checks the text as an edit of that field would (a name must not be blank…).
  const valueIssue =
    error?.code === 'VALIDATION_FAILED'
      ? error.issues?.find((issue) => issue.path[0] === 'value')
      : undefined;
  const valueProblem = valueIssue ? issueMessage(valueIssue) : undefined;

  const decide = async (resolution: SyncConflictResolution, value?: string) => {
    setBusy(true);
    setError(null);
    try {
      await useSync.getState().resolve(conflict.id, resolution, value);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError('INTERNAL', String(reason)));
      setBusy(false);
    }
  };
  const startMerge = () => {
    // Both texts, the current one first, for the person to edit into one.
    setMerged([asText(conflict.currentValue), asText(conflict.losingValue)].filter(Boolean).join('\n'));
    setError(null);
    setMerging(true);
  };

  return (
    <li className="sync-conflict" aria-labelledby={`${id}-title`}>
      <header className="sync-conflict-header">
        <h3 id={`${id}-title`}>{title}</h3>
        {conflict.accountId && (
          <a href={hrefFor({ page: 'account', id: conflict.accountId })}>
            {accountName
              ? t('sync.conflicts.openAccount', { name: accountName })
              : t('sync.conflicts.openAccountUnnamed')}
          </a>
        )}
      </header>
      <div className="sync-conflict-values">
        <Value
          value={conflict.currentValue}
          label={t('sync.conflicts.current')}
          clock={conflict.winningHlc}
        />
        <Value value={conflict.losingValue} label={t('sync.conflicts.other')} clock={conflict.losingHlc} />
      </div>
      {merging ? (
        <form
          className="sync-merge"
          onSubmit={(event) => {
            event.preventDefault();
            void decide('merge', merged);
          }}
        >
          <Field label={t('sync.conflicts.mergeLabel', { field })} error={valueProblem}>
            {(control) => (
              <textarea
                {...control}
                rows={Math.min(8, Math.max(3, merged.split('\n').length + 1))}
                maxLength={5000}
                value={merged}
                onChange={(event) => {
                  setMerged(event.target.value);
                  if (valueIssue) setError(null);
                }}
              />
            )}
          </Field>
          <div className="sync-actions">
            <button
              type="button"
              onClick={() => {
                setMerging(false);
                setError(null);
              }}
            >
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {t('sync.conflicts.saveMerge')}
            </button>
          </div>
        </form>
      ) : (
        <div className="sync-actions" role="group" aria-labelledby={`${id}-title`}>
          <button type="button" disabled={busy} onClick={() => void decide('keep')}>
            {t('sync.conflicts.keep')}
          </button>
          <button type="button" disabled={busy} onClick={() => void decide('replace')}>
            {t('sync.conflicts.replace')}
          </button>
          <button type="button" disabled={busy} onClick={startMerge}>
            {t('sync.conflicts.merge')}
          </button>
        </div>
      )}
      {error && !(merging && valueProblem) && (
        <p className="form-error" role="alert">
          {valueProblem
            ? t('sync.conflicts.replaceRefused', { problem: valueProblem })
            : t(`error.${error.code}`)}
        </p>
      )}
    </li>
  );
}
