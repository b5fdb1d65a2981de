import { z } from 'zod';
import { idSchema, relationshipTypes, relationshipUpdateInput } from '../../shared/schemas';
import { relationshipsExport } from '../exports/relationships';
import { keepAccountStatsOfRelationship } from '../queries/accountStats';
import { toRelationship } from '../queries/records';
import { defineEntity } from './entity';
import { flag } from './rules';

/** Employment, a parent company, family: a link between two accounts, live while both are. */
export const relationshipsEntity = defineEntity({
  table: 'relationships',
  entity: 'relationship',
  domain: 'relationships',
  columns: {
    from_id: { sync: 'lww', rule: idSchema },
    to_id: { sync: 'lww', rule: idSchema },
    type: { sync: 'lww', rule: z.enum(relationshipTypes) },
    role: { sync: 'lww', rule: relationshipUpdateInput.shape.role.unwrap(), personal: true },
    note: { sync: 'freeText', rule: relationshipUpdateInput.shape.note.unwrap(), personal: true },
    deleted: { sync: 'lww', rule: flag },
  },
  accounts: ['from_id', 'to_id'],
  exportOrder: 2,
  csv: [relationshipsExport],
  imported: null,
  toApi: toRelationship,
  // A parent-company link regroups the customer groups statistics read (account_stats).
  afterWrite: keepAccountStatsOfRelationship,
});
