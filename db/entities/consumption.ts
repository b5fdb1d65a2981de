import { z } from 'zod';
import { consumptionImportFields } from '../../shared/domain/importFields';
import { consumptionCategories, consumptionUpdateInput, idSchema } from '../../shared/schemas';
import { consumptionExport } from '../exports/consumption';
import { consumptionMonthlyExport } from '../exports/consumptionMonthly';
import { rollUpConsumption } from '../queries/consumptionRollup';
import { toConsumption } from '../queries/records';
import { defineEntity } from './entity';
import { flag } from './rules';

const bill = consumptionUpdateInput.shape;

/**
 * A bill: one account's consumption of one service in one month, kept rolled up by month for
 * statistics (`afterWrite`). Head office's figures, not a person's words: last writer wins.
 */
export const consumptionEntity = defineEntity({
  table: 'consumption',
  entity: 'consumption',
  domain: 'consumption',
  columns: {
    account_id: { sync: 'lww', rule: idSchema },
    period: { sync: 'lww', rule: bill.period.unwrap() },
    category: { sync: 'lww', rule: z.enum(consumptionCategories) },
    amount_fen: { sync: 'lww', rule: bill.amountFen.unwrap() },
    quantity: { sync: 'lww', rule: bill.quantity.unwrap() },
    source: { sync: 'lww', rule: bill.source.unwrap() },
    note: { sync: 'lww', rule: bill.note.unwrap(), personal: true },
    deleted: { sync: 'lww', rule: flag },
  },
  accounts: ['account_id'],
  exportOrder: 5,
  csv: [consumptionExport, consumptionMonthlyExport],
  imported: { kind: 'consumption', fields: consumptionImportFields },
  toApi: toConsumption,
  afterWrite: rollUpConsumption,
});
