import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../shared/types';
import { useBackups, type BackupCheck } from '../../stores/backups';
import { backupTimeParts, countText, listedTables, reasonText, sizeText } from './format';

/** Written verified (✓), or without a manifest, so never restored (✗). */
function VerifiedMark({ backup }: { backup: BackupInfo }) {
  const { t } = useTranslation();
  return backup.verifiedWhenWritten ? (
    <span className="backup-ok" title={t('backups.verifiedWhenWritten')}>
      <span aria-hidden="true">✓</span>
      <span className="visually-hidden">{t('backups.verifiedWhenWritten')}</span>
    </span>
  ) : (
    <span className="backup-bad">✗ {t('backups.noManifest')}</span>
  );
}

/** What the last Check said, next to its button. */
/** Kinds whose text names what SQLite found (a page, a table's rows): shown beside the message. */
const detailed = new Set(['integrity', 'rows', 'unreadable']);

function CheckResult({ check }: { check: BackupCheck | undefined }) {
  const { t } = useTranslation();
  if (!check) return null;
  if (check.state === 'running') return <span className="muted">{t('backups.checking')}</span>;
  if (check.state === 'failed')
    return (
      <span className="backup-bad" role="alert">
        {t(`error.${check.error.code}`)}
      </span>
    );
  return check.problems.length === 0 ? (
    <span className="backup-ok" role="status">
      ✓ {t('backups.sound')}
    </span>
  ) : (
    <span className="backup-bad" role="alert">
      ✗ {t('backups.problems', { count: check.problems.length })}
    </span>
  );
}

/** Delete, asked twice: the first press turns it into "Confirm delete" for a few seconds. */
function RemoveButton({ file }: { file: string }) {
  const { t } = useTranslation();
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), 5000);
    return () => clearTimeout(timer);
  }, [armed]);
  return (
    <button
      type="button"
      className={armed ? 'danger-fill' : 'danger'}
      onClick={() => {
        if (!armed) setArmed(true);
        else void useBackups.getState().remove(file);
      }}
    >
      {armed ? t('backups.removeConfirm') : t('backups.remove')}
    </button>
  );
}

function BackupRow({ backup, onRestore }: { backup: BackupInfo; onRestore: (backup: BackupInfo) => void }) {
  const { t } = useTranslation();
  const check = useBackups((state) => state.checks[backup.file]);
  const problems = check?.state === 'done' ? check.problems : [];
  const [day, time] = backupTimeParts(backup);
  return (
    <>
      <tr data-file={backup.file}>
        <td className="backup-time" title={backup.file}>
          <span>{day}</span> <span>{time}</span>
        </td>
        <td>{reasonText(backup)}</td>
        <td className="numeric">{sizeText(backup.bytes)}</td>
        {listedTables.map(([table]) => (
          <td key={table} className="numeric">
            {countText(backup.rows, table)}
          </td>
        ))}
        <td className="backup-verified">
          <VerifiedMark backup={backup} />
          <CheckResult check={check} />
        </td>
        <td>
          <div className="backup-actions">
            <button
              type="button"
              disabled={check?.state === 'running'}
              onClick={() => void useBackups.getState().check(backup.file)}
            >
              {t('backups.check')}
            </button>
            <button type="button" disabled={!backup.verifiedWhenWritten} onClick={() => onRestore(backup)}>
              {t('backups.restore')}
            </button>
            <RemoveButton file={backup.file} />
          </div>
        </td>
      </tr>
      {problems.length > 0 && (
        <tr className="backup-problems">
          <td colSpan={5 + listedTables.length}>
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.kind}:${problem.text}`}>
                  {t(`backups.problem.${problem.kind}`)}
                  {/* SQLite's own words where only they say which page or table. */}
                  {detailed.has(problem.kind) && <span className="muted"> ({problem.text})</span>}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </>
  );
}

/** The backups beside the book, newest first, each with its check and its restore. */
export function BackupTable({
  backups,
  onRestore,
}: {
  backups: readonly BackupInfo[];
  onRestore: (backup: BackupInfo) => void;
}) {
  const { t } = useTranslation();
  if (backups.length === 0) return <p className="empty">{t('backups.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table backup-table">
        <caption className="visually-hidden">{t('backups.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('backups.when')}</th>
            <th scope="col">{t('backups.kind')}</th>
            <th scope="col" className="numeric">
              {t('backups.size')}
            </th>
            {listedTables.map(([table, label]) => (
              <th key={table} scope="col" className="numeric">
                {t(label)}
              </th>
            ))}
            <th scope="col">{t('backups.verified')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('backups.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {backups.map((backup) => (
            <BackupRow key={backup.file} backup={backup} onRestore={onRestore} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
