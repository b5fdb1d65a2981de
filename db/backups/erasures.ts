import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openCopy } from '../cipher';
import type { Db } from '../connection';
import { compactAfterErasure } from '../erasure/compact';
import { eraseAccounts } from '../erasure/erase';
import { appendAudit, write } from '../write';

/**
 * A backup written before an erasure still holds the person. Restored as it is, it would bring
 * them back on this book, and their rows would travel again with the next sync file: the
 * erasure silently undone. So a restore carries the book's erasures across — the ids read from
 * the book it replaces — and erases those accounts again in the restored book, through the same
 * path as an erasure on request or from a sync file (db/erasure/).
 */

/** The accounts erased in a book, by id; none when it has no such table (an old or damaged book). */
export function erasedAccountsOf(sqlite: BetterSqlite3.Database): string[] {
  try {
    return sqlite
      .prepare('SELECT account_id FROM erased_accounts ORDER BY account_id')
      .pluck()
      .all() as string[];
  } catch {
    return [];
  }
}

/** How many of `erased` a backup still holds as accounts: what its restore would erase again. */
export function heldByBackup(backup: string, key: Buffer | null, erased: readonly string[]): number {
  if (erased.length === 0) return 0;
  let copy: BetterSqlite3.Database;
  try {
    copy = openCopy(backup, key);
  } catch {
    return 0; // unreadable: the restore refuses it (its check), so it erases nothing
  }
  try {
    return Number(
      copy
        .prepare('SELECT count(*) FROM accounts WHERE id IN (SELECT value FROM json_each(?))')
        .pluck()
        .get(JSON.stringify(erased)),
    );
  } catch {
    return 0;
  } finally {
    copy.close();
  }
}

/**
 * Erases `erased` again in the book just restored from `backup` (a file name), in one write,
 * each account the backup held recorded as an `erase` entry naming the restore. Every id goes
 * back into `erased_accounts` under a new change number, so the next sync file relays the
 * erasure and no later file brings the rows back. The file is then rebuilt: the restored pages
 * held the person's values in their free space too. Returns the accounts the backup held.
 */
export function eraseAgain(
  db: Db,
  erased: readonly string[],
  options: { readonly actor: string; readonly backup: string },
): { readonly accounts: readonly string[]; readonly compacted: boolean } {
  if (erased.length === 0) return { accounts: [], compacted: false };
  const { actor, backup } = options;
  const held = new Set(
    db
      .statement('SELECT id FROM accounts WHERE id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(erased)) as string[],
  );
  const mark = { by: actor, at: new Date().toISOString(), why: `erased before the restore of ${backup}` };
  const removedAny = write(db, actor, (writer) => {
    const counts = eraseAccounts(db, writer, erased, mark);
    for (const accountId of counts.accounts.filter((id) => held.has(id)))
      appendAudit(db, {
        actor,
        action: 'erase',
        entity: 'account',
        entityId: accountId,
        before: null,
        after: { restore: backup },
      });
    return Object.keys(counts.rows).length > 0 || counts.auditEntries > 0;
  });
  return { accounts: [...held], compacted: removedAny && compactAfterErasure(db) };
}
