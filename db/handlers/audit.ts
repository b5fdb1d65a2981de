import type { ApiHandlers } from '../../shared/api';
import type { Db } from '../connection';

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

export function auditHandlers(db: Db): Pick<ApiHandlers, 'audit.list'> {
  return {
    'audit.list': (input) => {
      let query = db.query.selectFrom('audit_log').selectAll();
      if (input.entity !== undefined) query = query.where('entity', '=', input.entity);
      if (input.entityId !== undefined) query = query.where('entity_id', '=', input.entityId);
      return db.all(query.orderBy('id', 'desc').limit(input.limit)).map((row) => ({
        id: row.id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        entity: row.entity,
        entityId: row.entity_id,
        before: parse(row.before),
        after: parse(row.after),
      }));
    },
  };
}
