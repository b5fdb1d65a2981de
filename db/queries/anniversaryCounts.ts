import type { Db } from '../connection';
import type { BatchEffects, DeferredWork } from '../write';

/**
 * `anniversary_key_counts` (migration 20261206_0019): per rule key (calendar, month, day, leap
 * month) and owner, how many live anniversaries of active live accounts it holds. The
 * unfiltered upcoming window (head office: ~13,000 matches a month) counts its total from these
 * ~90 keys × owners instead of probing each match's account; only the few rules dated after
 * the window's year are looked up and taken off (anniversaryDates.ts).
 *
 * Kept by the write path in the same transaction, by recounting the keys a write can change
 * from the raw rows (one index range per key, ~100 rows): an anniversary's old and new keys
 * when its account, key or deleted flag changes; an account's anniversaries' keys when it
 * appears, changes owner, is archived, deleted or comes back. A batch gathers the keys and
 * accounts and recounts once before it commits.
 */
const keyColumns = ['account_id', 'calendar', 'month', 'day', 'leap_month', 'deleted'] as const;
const accountColumns = ['owner', 'status', 'deleted'] as const;

const recountSql = `INSERT INTO anniversary_key_counts (calendar, month, day, leap_month, owner, n)
  SELECT n.calendar, n.month, n.day, n.leap_month, a.owner, count(*)
  FROM anniversaries n JOIN accounts a ON a.id = n.account_id AND a.deleted = 0 AND a.status = 'active'
  WHERE n.deleted = 0 AND %WHERE% GROUP BY n.calendar, n.month, n.day, n.leap_month, a.owner`;

const keyOf = (row: Record<string, unknown>): string =>
  JSON.stringify([row['calendar'], row['month'], row['day'], row['leap_month']]);

/** Recounts some keys (JSON `[calendar, month, day, leap]`) from the raw rows. */
function recount(db: Db, keys: Iterable<string>): void {
  const remove = db.statement(
    'DELETE FROM anniversary_key_counts WHERE calendar = ? AND month = ? AND day = ? AND leap_month = ?',
  );
  const insert = db.statement(
    recountSql.replace('%WHERE%', 'n.calendar = ? AND n.month = ? AND n.day = ? AND n.leap_month = ?'),
  );
  for (const key of new Set(keys)) {
    const [calendar, month, day, leap] = JSON.parse(key) as [string, number, number, number];
    remove.run(calendar, month, day, leap);
    insert.run(calendar, month, day, leap);
  }
}

/** The keys of some accounts' anniversaries (live or not: a deleted one may have been counted). */
function keysOfAccounts(db: Db, accountIds: Iterable<string>): string[] {
  const read = db.statement(
    'SELECT DISTINCT calendar, month, day, leap_month FROM anniversaries WHERE account_id = ?',
  );
  return [...new Set(accountIds)].flatMap((id) =>
    (read.all(id) as Record<string, unknown>[]).map((row) => keyOf(row)),
  );
}

/** Recounts every key (`stats rebuild`, erasure). */
export function rebuildAnniversaryCounts(db: Db): void {
  db.statement('DELETE FROM anniversary_key_counts').run();
  db.statement(recountSql.replace('%WHERE%', '1')).run();
}

class StaleAnniversaryCounts implements DeferredWork {
  readonly keys = new Set<string>();
  readonly accounts = new Set<string>();

  flush(db: Db): void {
    recount(db, [...this.keys, ...keysOfAccounts(db, this.accounts)]);
    this.keys.clear();
    this.accounts.clear();
  }
}

const staleIn = (batch: BatchEffects) =>
  batch.get('anniversary_key_counts', () => new StaleAnniversaryCounts());

const changedAny = (
  columns: readonly string[],
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
) => !before || columns.some((column) => row[column] !== before[column]);

/** The anniversaries entity's part: the keys it left and joined. */
export function keepAnniversaryCountsOfAnniversary(
  db: Db,
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  batch: BatchEffects | null,
): void {
  if (!changedAny(keyColumns, row, before)) return;
  const keys = before ? [keyOf(before), keyOf(row)] : [keyOf(row)];
  if (batch) for (const key of keys) staleIn(batch).keys.add(key);
  else recount(db, keys);
}

/** The accounts entity's part: its anniversaries' keys, when it is counted differently. */
export function keepAnniversaryCountsOfAccount(
  db: Db,
  row: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  batch: BatchEffects | null,
): void {
  if (!changedAny(accountColumns, row, before)) return;
  const id = String(row['id']);
  if (batch) staleIn(batch).accounts.add(id);
  else recount(db, keysOfAccounts(db, [id]));
}
