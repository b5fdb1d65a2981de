import type { Db } from '../connection';
import { removeAccountRows } from '../erasure/erase';
import { appendAudit } from '../write';

/**
 * Accounts an import hands to someone outside this book's user (a handover at head office): they
 * leave this book with every row and record of theirs, as an erasure removes them, but nothing
 * else is done — no mark keeps them out (handed back, a later file brings them again whole), no
 * op travels (the other books keep them), and the audit log keeps its values. Each is audited.
 */
export function dropLeaving(db: Db, accountIds: readonly string[], actor: string, bundleId: string): void {
  if (accountIds.length === 0) return;
  const rows = removeAccountRows(db, accountIds);
  for (const accountId of accountIds)
    appendAudit(db, {
      actor,
      action: 'sync.leave',
      entity: 'account',
      entityId: accountId,
      before: null,
      after: { bundle: bundleId },
    });
  appendAudit(db, {
    actor,
    action: 'sync.leave',
    entity: 'sync',
    entityId: bundleId,
    before: null,
    after: { accounts: accountIds.length, rows },
  });
}
