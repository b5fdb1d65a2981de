import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import type { AuditBreak, AuditVerdict } from '../../shared/types';
import { checkAnchors, type AuditAnchor } from './anchors';

/**
 * The audit log's hash chain. Each entry holds the SHA-256 of its before/after values
 * (`body_hash`, kept when an erasure blanks the values) and of the previous entry's hash with
 * its own fields (`hash`). Triggers refuse changes through SQL; someone who drops them and edits
 * the file still cannot change, remove or insert an entry without breaking the chain from there,
 * and `verifyAuditChain` names the first entry that does not hold. The migration that introduced
 * the chain (0016) carries a frozen copy of these two functions.
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface AuditFields {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string | null;
  readonly before: string | null;
  readonly after: string | null;
}

export const auditBodyHash = (before: string | null, after: string | null) =>
  sha256(JSON.stringify([before, after]));

export function auditEntryHash(previous: string, entry: AuditFields, bodyHash: string): string {
  return sha256(
    JSON.stringify([
      previous,
      entry.id,
      entry.at,
      entry.actor,
      entry.action,
      entry.entity,
      entry.entity_id,
      bodyHash,
    ]),
  );
}

export type { AuditVerdict } from '../../shared/types';

interface StoredEntry extends AuditFields {
  readonly body_hash: string | null;
  readonly hash: string | null;
  readonly erased: string | null;
}

/**
 * Walks the chain, then holds its end against the heads the backups recorded (./anchors.ts):
 * the first entry changed, removed or inserted, or the entries cut from the end.
 */
export function verifyAuditChain(
  sqlite: BetterSqlite3.Database,
  backups: readonly AuditAnchor[] = [],
): AuditVerdict {
  const walked = walkChain(sqlite);
  if (walked.firstBroken !== null) return { ...walked, anchors: notCompared };
  const { broken, anchors } = checkAnchors(sqlite, backups);
  return { entries: walked.entries, firstBroken: broken, anchors };
}

const notCompared = { checked: 0, replaced: 0, coveredTo: null, newestAt: null } as const;

function walkChain(sqlite: BetterSqlite3.Database): Omit<AuditVerdict, 'anchors'> {
  let previous = '';
  let entries = 0;
  let expectedId: number | null = null;
  const rows = sqlite
    .prepare(
      'SELECT id, at, actor, action, entity, entity_id, before, after, body_hash, hash, erased FROM audit_log ORDER BY id',
    )
    .iterate() as IterableIterator<StoredEntry>;
  for (const row of rows) {
    entries++;
    const broken = (kind: AuditBreak['kind'], problem: string): Omit<AuditVerdict, 'anchors'> => ({
      entries,
      firstBroken: { id: row.id, kind, problem },
    });
    // Ids are given in order and never reused: a gap is an entry taken out.
    if (expectedId !== null && row.id !== expectedId)
      return broken('missing', `entries ${expectedId}–${row.id - 1} are missing`);
    expectedId = row.id + 1;
    if (row.erased === null && auditBodyHash(row.before, row.after) !== row.body_hash)
      return broken('values', 'its before/after values were changed');
    if (row.erased !== null && (row.before !== null || row.after !== null))
      return broken('erased', 'it is marked erased but holds values');
    if (row.body_hash === null || auditEntryHash(previous, row, row.body_hash) !== row.hash)
      return broken('fields', 'its fields, or an entry before it, were changed');
    previous = row.hash ?? '';
  }
  return { entries, firstBroken: null };
}
