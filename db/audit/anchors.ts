import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { AuditAnchors, AuditBreak, AuditHead } from '../../shared/types';

/**
 * The chain's end, kept outside the book. A hash chain proves every entry up to the last one,
 * but not that the last one is the last that was written: entries cut from the end (with the
 * triggers dropped) leave a shorter chain that holds. So every backup's manifest records the
 * chain's head at the moment of the copy (db/backups/copies.ts), and a verify checks that the
 * book still holds that entry with that hash. One held head proves, with the chain, every entry
 * up to it; what was written after the newest backup is not covered (docs/ARCHITECTURE.md).
 *
 * A restore replaces the log with the backup's: the heads that backups taken between the
 * restored one and the restore recorded belong to the history it replaced. Those not held are
 * set aside as replaced, not reported, when the log holds a restore entry after them.
 */

/** A backup's record of the chain's head. */
export interface AuditAnchor {
  /** The backup's file name, and when it was taken (ISO 8601). */
  readonly file: string;
  readonly at: string;
  readonly head: AuditHead;
}

/** The last entry of a book's chain; null for an empty log or a book without the chain. */
export function auditHeadOf(sqlite: BetterSqlite3.Database): AuditHead | null {
  try {
    const row = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
      { id: number; hash: string | null } | undefined;
    return row && row.hash !== null ? { id: row.id, hash: row.hash } : null;
  } catch {
    return null; // a book from before the chain (migration 0016)
  }
}

/** When the log's last restore was recorded (ISO 8601); null when it has none. */
function lastRestoreAt(sqlite: BetterSqlite3.Database): string | null {
  const at = sqlite
    .prepare("SELECT max(at) FROM audit_log WHERE action = 'backup.restore' AND entity = 'book'")
    .pluck()
    .get() as string | null;
  return at;
}

/**
 * Checks the backups' heads against the book (after its chain was walked and found whole).
 * Returns where the book falls short of them, if it does, and what they proved.
 */
export function checkAnchors(
  sqlite: BetterSqlite3.Database,
  anchors: readonly AuditAnchor[],
): { readonly broken: AuditBreak | null; readonly anchors: AuditAnchors } {
  const hashOf = sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
  const lastId = Number(sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get());
  const restoredAt = lastRestoreAt(sqlite);
  let held: AuditAnchor | null = null;
  let replaced = 0;
  const short: AuditAnchor[] = [];
  for (const anchor of anchors) {
    if (hashOf.get(anchor.head.id) === anchor.head.hash) {
      if (held === null || anchor.head.id > held.head.id) held = anchor;
    } else if (restoredAt !== null && anchor.at <= restoredAt) replaced++;
    else short.push(anchor);
  }
  const summary: AuditAnchors = {
    checked: anchors.length - replaced - short.length,
    replaced,
    coveredTo: held?.head.id ?? null,
    newestAt: held?.at ?? null,
  };
  return { broken: shortfall(short, lastId), anchors: summary };
}

/** The break the heads the book does not hold point to: cut from the end, or rewritten. */
function shortfall(short: readonly AuditAnchor[], lastId: number): AuditBreak | null {
  const beyond = short.filter((anchor) => anchor.head.id > lastId);
  const differing = short.filter((anchor) => anchor.head.id <= lastId);
  const first = [...differing].sort((a, b) => a.head.id - b.head.id)[0];
  if (first !== undefined)
    return {
      id: first.head.id,
      kind: 'rewritten',
      problem: `it is not the entry the backup of ${first.at} recorded: the log was cut or changed at or before it`,
      backupAt: first.at,
      recordedId: first.head.id,
      lastId,
    };
  const furthest = [...beyond].sort((a, b) => b.head.id - a.head.id)[0];
  if (furthest === undefined) return null;
  return {
    id: lastId + 1,
    kind: 'truncated',
    problem: `entries after #${lastId} were removed (the backup of ${furthest.at} recorded #${furthest.head.id})`,
    backupAt: furthest.at,
    recordedId: furthest.head.id,
    lastId,
  };
}
