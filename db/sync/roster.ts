import type { SyncRefusal } from '../../shared/types';
import type { Db } from '../connection';
import type { UsersTable } from '../schema';
import { appendAudit, write, type Writer } from '../write';
import type { EntityCounts } from './plan';
import type { UserOp } from './ops';

/**
 * The users of a book travel in every signed file, first (`{ u, h, row }`, db/sync/ops.ts):
 * code, name, role, team, status and public key, with the clock of the row's last change. The
 * newest version of a user wins, whatever order files arrive in, as for any synced row; only an
 * administrator's file may bring a newer one (anyone else's is refused and listed). A book
 * learns its colleagues' public keys this way, and so which files it can trust.
 *
 * Users are not an entity of the registry: they are keyed by code, not by a row id, few, and a
 * file needs them whole before its rows (to know who may change what), so a file carries them
 * all rather than the ones changed since the last export.
 */

/** Every user as a file carries them; users never changed since migration 0022 get a clock first. */
export function rosterOps(db: Db): UserOp[] {
  return db.all(db.query.selectFrom('users').selectAll().orderBy('code')).map((user) => ({
    u: user.code,
    h: user.clock ?? '',
    row: {
      name: user.name,
      role: user.role,
      supervisor: user.supervisor,
      status: user.status,
      key: user.public_key,
    },
  }));
}

/** Gives a clock to users that have none (written before migration 0022), before an export reads them. */
export function clockUsers(db: Db, actor: string): void {
  const unclocked = db.all(db.query.selectFrom('users').select('code').where('clock', 'is', null));
  if (unclocked.length === 0) return;
  write(db, actor, (writer) => {
    for (const { code } of unclocked)
      db.run(db.query.updateTable('users').set({ clock: writer.stamp() }).where('code', '=', code));
  });
}

/** What the users of a file would do here: the rows to write, counts, refusals. */
export interface RosterPlan {
  readonly rows: readonly UsersTable[];
  readonly counts: EntityCounts;
  readonly refused: readonly SyncRefusal[];
}

export function planRoster(db: Db, ops: readonly UserOp[], signerIsAdmin: boolean): RosterPlan {
  const counts: EntityCounts = { new: 0, changed: 0, ignoredOlder: 0, conflicts: 0 };
  const rows: UsersTable[] = [];
  const refused: SyncRefusal[] = [];
  const now = new Date().toISOString();
  for (const op of ops) {
    const local = db.first(db.query.selectFrom('users').selectAll().where('code', '=', op.u));
    if (local && local.clock !== null && op.h <= local.clock) {
      counts.ignoredOlder += 1;
      continue;
    }
    if (!signerIsAdmin) {
      refused.push({ entity: 'user', rowId: op.u, accountId: null, reason: 'userChangeNotAllowed' });
      continue;
    }
    counts[local ? 'changed' : 'new'] += 1;
    rows.push({
      code: local?.code ?? op.u,
      name: op.row.name,
      role: op.row.role,
      supervisor: op.row.supervisor,
      status: op.row.status,
      public_key: op.row.key,
      clock: op.h,
      created_at: local?.created_at ?? now,
      updated_at: now,
    });
  }
  return { rows, counts, refused };
}

/** Writes the users a plan takes, each audited; the book's clock passes theirs. */
export function applyRoster(db: Db, writer: Writer, plan: RosterPlan, bundleId: string): void {
  for (const row of plan.rows) {
    const before = db.first(db.query.selectFrom('users').selectAll().where('code', '=', row.code));
    db.run(
      db.query
        .insertInto('users')
        .values(row)
        .onConflict((conflict) =>
          conflict.column('code').doUpdateSet({
            name: row.name,
            role: row.role,
            supervisor: row.supervisor,
            status: row.status,
            public_key: row.public_key,
            clock: row.clock,
            updated_at: row.updated_at,
          }),
        ),
    );
    if (row.clock !== null) writer.observe(row.clock);
    appendAudit(db, {
      actor: writer.who,
      action: 'users.sync',
      entity: 'user',
      entityId: row.code,
      before: before ? { role: before.role, status: before.status, supervisor: before.supervisor } : null,
      after: { role: row.role, status: row.status, supervisor: row.supervisor, bundle: bundleId },
    });
  }
}
