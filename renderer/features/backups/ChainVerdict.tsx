import { useTranslation } from 'react-i18next';
import type { AuditBreak, AuditVerdict } from '../../../shared/types';
import { dateTime } from '../account/format';

/** Where the chain breaks, in the window's language (the answer's `problem` is English). */
function breakText(t: ReturnType<typeof useTranslation>['t'], broken: AuditBreak): string {
  const at = broken.backupAt === undefined ? '—' : dateTime(broken.backupAt);
  if (broken.kind === 'truncated')
    return t('backups.audit.truncated', { lastId: broken.lastId ?? 0, recordedId: broken.recordedId, at });
  if (broken.kind === 'rewritten') return t('backups.audit.rewritten', { id: broken.id, at });
  return t('backups.audit.broken', { id: broken.id, problem: t(`backups.audit.problem.${broken.kind}`) });
}

/**
 * The verdict of "Verify the audit log", on the Backups and Audit pages: intact (and how far the
 * backups prove its end, so the window after the newest backup is said, not hidden) or where it
 * breaks first.
 */
export function ChainVerdict({ verdict, as: Tag }: { verdict: AuditVerdict; as: 'p' | 'span' }) {
  const { t } = useTranslation();
  const { firstBroken, anchors } = verdict;
  if (firstBroken !== null)
    return (
      <Tag className="backup-bad" role="alert">
        ✗ {breakText(t, firstBroken)}
      </Tag>
    );
  return (
    <>
      <Tag className="backup-ok" role="status">
        ✓ {t('backups.audit.intact', { count: verdict.entries })}
      </Tag>{' '}
      <Tag className="hint audit-anchors">
        {anchors.coveredTo === null || anchors.newestAt === null
          ? t('backups.audit.uncovered')
          : t('backups.audit.covered', { id: anchors.coveredTo, at: dateTime(anchors.newestAt) })}
        {anchors.replaced > 0 && ` ${t('backups.audit.replaced', { count: anchors.replaced })}`}
      </Tag>
    </>
  );
}
