import type { ApiHandlers, OperationName, ParsedInputOf } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { ConsumptionCategory } from '../../shared/types';
import type { Db } from '../connection';
import { consumptionEntity } from '../entities/consumption';
import { consumptionOf, sameBill, toConsumption } from '../queries/records';
import { listHandler, operations, recordHandlers } from './records';

type ConsumptionOps = Extract<OperationName, `consumption.${string}`>;

/** A second bill of one account, month and service is refused until the user keeps both. */
function rejectSameBill(
  db: Db,
  accountId: string,
  period: string,
  category: ConsumptionCategory,
  exceptId?: string,
): void {
  const existing = sameBill(db, accountId, period, category).filter((row) => row.id !== exceptId);
  if (existing.length > 0) {
    throw new ApiError('DUPLICATE_CONSUMPTION', `There is already ${category} consumption for ${period}`, {
      details: { existing: existing.map(toConsumption) },
    });
  }
}

export function consumptionHandlers(db: Db): Pick<ApiHandlers, ConsumptionOps> {
  const records = recordHandlers(db, {
    entity: consumptionEntity,
    values: (input: ParsedInputOf<'consumption.create'>) => ({
      account_id: input.accountId,
      period: input.period,
      category: input.category,
      amount_fen: input.amountFen,
      quantity: input.quantity,
      source: input.source,
      note: input.note,
    }),
    checkNew: (values, input) => {
      if (!input.allowDuplicate) rejectSameBill(db, values.account_id, values.period, values.category);
    },
    patch: (row, input: ParsedInputOf<'consumption.update'>) => {
      const period = input.period ?? row.period;
      const category = input.category ?? row.category;
      const moved = period !== row.period || category !== row.category;
      if (moved && !input.allowDuplicate) rejectSameBill(db, row.account_id, period, category, row.id);
      return {
        period: input.period,
        category: input.category,
        amount_fen: input.amountFen,
        quantity: input.quantity,
        source: input.source,
        note: input.note,
      };
    },
  });
  return operations('consumption', {
    ...records,
    list: listHandler(db, consumptionEntity, (input: ParsedInputOf<'consumption.list'>) =>
      consumptionOf(db, input),
    ),
  });
}
