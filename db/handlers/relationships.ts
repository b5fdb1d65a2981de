import { sql } from 'kysely';
import type { ApiHandlers, OperationName, ParsedInputOf } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { AccountKind, RelationshipType } from '../../shared/types';
import type { Db } from '../connection';
import type { AccountRow } from '../queries/accounts';
import type { Row } from '../tables';
import { relationshipsEntity } from '../entities/relationships';
import { requireLiveAccount } from './guards';
import { operations, recordHandlers } from './records';

type RelationshipOps = Extract<OperationName, `relationships.${string}`>;

/** Which kinds of account each end of a relationship may be: (from, to). */
const allowedEnds: Record<RelationshipType, readonly [AccountKind | null, AccountKind | null]> = {
  employs: ['organization', 'person'],
  holds: ['organization', 'organization'],
  family: ['person', 'person'],
  other: [null, null],
};

interface Proposed {
  readonly id?: string;
  readonly fromId: string;
  readonly toId: string;
  readonly type: RelationshipType;
}

/**
 * True when `ancestorId` holds `id`, directly or through subsidiaries (or is `id`). Like every
 * group walk, it follows only relationships between live accounts.
 */
function holdsTransitively(db: Db, ancestorId: string, id: string): boolean {
  const query = sql<{ found: number }>`
    WITH RECURSIVE up(id, depth) AS (
      SELECT ${id}, 0
      UNION
      SELECT r.from_id, up.depth + 1 FROM relationships r JOIN up ON r.to_id = up.id
      JOIN accounts a ON a.id = r.from_id AND a.deleted = 0
      WHERE r.type = 'holds' AND r.deleted = 0 AND up.depth < 64
    )
    SELECT 1 AS found FROM up WHERE id = ${ancestorId} LIMIT 1`;
  return db.first(query.compile(db.query)) !== undefined;
}

function liveRelationships(db: Db, proposed: Proposed): Row<'relationships'>[] {
  const symmetric = proposed.type === 'family';
  return db.all(
    db.query
      .selectFrom('relationships')
      .selectAll()
      .where('type', '=', proposed.type)
      .where('deleted', '=', 0)
      .where((eb) =>
        eb.or([
          eb.and([eb('from_id', '=', proposed.fromId), eb('to_id', '=', proposed.toId)]),
          ...(symmetric
            ? [eb.and([eb('from_id', '=', proposed.toId), eb('to_id', '=', proposed.fromId)])]
            : []),
        ]),
      ),
  );
}

/**
 * Everything that makes a relationship impossible, checked on create, on undelete, and when a
 * deleted account comes back with its relationships.
 */
export function checkRelationship(db: Db, proposed: Proposed): [AccountRow, AccountRow] {
  const from = requireLiveAccount(db, proposed.fromId);
  const to = requireLiveAccount(db, proposed.toId);
  if (from.id === to.id) throw new ApiError('INVALID_RELATIONSHIP', 'An account cannot be related to itself');
  const [fromKind, toKind] = allowedEnds[proposed.type];
  if ((fromKind && from.kind !== fromKind) || (toKind && to.kind !== toKind)) {
    throw new ApiError(
      'INVALID_RELATIONSHIP',
      `${proposed.type} needs a ${fromKind ?? 'any'} → ${toKind ?? 'any'}`,
      {
        details: { type: proposed.type, from: fromKind, to: toKind },
      },
    );
  }
  if (liveRelationships(db, proposed).some((row) => row.id !== proposed.id)) {
    throw new ApiError('DUPLICATE_RELATIONSHIP', `${from.name} and ${to.name} are already related that way`);
  }
  if (proposed.type === 'holds') {
    const parent = db.first(
      db.query
        .selectFrom('relationships as r')
        .innerJoin('accounts as a', 'a.id', 'r.from_id')
        .select(['r.id', 'a.name'])
        .where('r.to_id', '=', to.id)
        .where('r.type', '=', 'holds')
        .where('r.deleted', '=', 0)
        .where('a.deleted', '=', 0)
        .where('r.id', '!=', proposed.id ?? ''),
    );
    if (parent) {
      throw new ApiError('HOLDS_SECOND_PARENT', `${to.name} is already held by ${parent.name}`, {
        details: { parent: parent.name },
      });
    }
    if (holdsTransitively(db, to.id, from.id)) {
      throw new ApiError('HOLDS_CYCLE', `${to.name} already holds ${from.name}: that would be a cycle`);
    }
  }
  return [from, to];
}

/** Whether an account exists here and is not deleted (it may not have arrived by sync yet). */
function isLiveAccount(db: Db, id: string): boolean {
  return (
    db.first(db.query.selectFrom('accounts').select('id').where('id', '=', id).where('deleted', '=', 0)) !==
    undefined
  );
}

/**
 * Checks a relationship that is about to count again (undeleted, or an end undeleted), but
 * only once it is live: while either account is deleted (or not yet here) it waits, unseen by
 * every group walk and check, and is checked when its last end comes back. So things deleted
 * together can be undeleted in any order, and an undelete never fails because the other end
 * is itself deleted.
 */
export function recheckWhenLive(db: Db, row: Row<'relationships'>): void {
  if (!isLiveAccount(db, row.from_id) || !isLiveAccount(db, row.to_id)) return;
  checkRelationship(db, {
    id: row.id,
    fromId: row.from_id,
    toId: row.to_id,
    type: row.type,
  });
}

export function relationshipHandlers(db: Db): Pick<ApiHandlers, RelationshipOps> {
  const records = recordHandlers(db, {
    entity: relationshipsEntity,
    values: (input: ParsedInputOf<'relationships.create'>) => ({
      from_id: input.fromId,
      to_id: input.toId,
      type: input.type,
      role: input.role,
      note: input.note,
    }),
    checkNew: (_values, input) => void checkRelationship(db, input),
    // Who is linked, and how, is the relationship itself: an edit changes its words only.
    patch: (_row, input: ParsedInputOf<'relationships.update'>) => ({ role: input.role, note: input.note }),
    // No account has to be live: a relationship of a deleted account waits for it.
    undeleteNeeds: () => [],
    recheck: (row) => recheckWhenLive(db, row),
  });
  return operations('relationships', records);
}
