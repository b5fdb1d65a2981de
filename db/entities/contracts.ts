import { z } from 'zod';
import { contractImportFields } from '../../shared/domain/importFields';
import { consumptionCategories, contractUpdateInput, idSchema, isoDate } from '../../shared/schemas';
import { contractsExport } from '../exports/contracts';
import { toContract } from '../queries/contracts';
import { defineEntity } from './entity';
import { flag } from './rules';

const contract = contractUpdateInput.shape;

/**
 * A service contract (合同): its number, service, dates, monthly value and renewal. Its end
 * day drives the renewal reminders (db/renewals.ts) and the statistics card.
 */
export const contractsEntity = defineEntity({
  table: 'contracts',
  entity: 'contract',
  domain: 'contracts',
  columns: {
    account_id: { sync: 'lww', rule: idSchema },
    number: { sync: 'lww', rule: contract.number.unwrap() },
    service: { sync: 'lww', rule: z.enum(consumptionCategories) },
    start_date: { sync: 'lww', rule: isoDate },
    end_date: { sync: 'lww', rule: isoDate },
    monthly_fen: { sync: 'lww', rule: contract.monthlyFen.unwrap() },
    auto_renew: { sync: 'lww', rule: flag },
    // Two people may both write about the terms: a losing note goes to the conflict inbox.
    notes: { sync: 'freeText', rule: contract.notes.unwrap(), personal: true },
    deleted: { sync: 'lww', rule: flag },
  },
  accounts: ['account_id'],
  exportOrder: 6,
  csv: [contractsExport],
  imported: { kind: 'contracts', fields: contractImportFields },
  toApi: toContract,
});
