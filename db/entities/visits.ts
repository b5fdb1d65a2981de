import { z } from 'zod';
import { followUpDoneAtSchema, idSchema, visitKinds, visitUpdateInput } from '../../shared/schemas';
import { visitsExport } from '../exports/visits';
import { keepAccountStatsOfVisit } from '../queries/accountStats';
import { toVisit } from '../queries/records';
import { defineEntity } from './entity';
import { flag } from './rules';

const visit = visitUpdateInput.shape;

/**
 * A visit, call or other contact, and its follow-up. Its texts are last-writer-wins, not sent
 * to the conflict inbox: a visit has one author, who is the only one to edit it. Its account's
 * latest live visit is kept for visit coverage (`afterWrite`).
 */
export const visitsEntity = defineEntity({
  table: 'visits',
  entity: 'visit',
  domain: 'visits',
  columns: {
    account_id: { sync: 'lww', rule: idSchema },
    occurred_at: { sync: 'lww', rule: visit.occurredAt.unwrap() },
    kind: { sync: 'lww', rule: z.enum(visitKinds) },
    participants: { sync: 'lww', rule: visit.participants.unwrap(), personal: true },
    content: { sync: 'lww', rule: visit.content.unwrap(), personal: true },
    feedback: { sync: 'lww', rule: visit.feedback.unwrap(), personal: true },
    follow_up: { sync: 'lww', rule: visit.followUp.unwrap(), personal: true },
    follow_up_due: { sync: 'lww', rule: visit.followUpDue.unwrap() },
    follow_up_done_at: { sync: 'lww', rule: followUpDoneAtSchema },
    manager: { sync: 'lww', rule: visit.manager.unwrap() },
    deleted: { sync: 'lww', rule: flag },
  },
  accounts: ['account_id'],
  exportOrder: 4,
  csv: [visitsExport],
  imported: null,
  toApi: toVisit,
  afterWrite: keepAccountStatsOfVisit,
});
