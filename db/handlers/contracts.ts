import type { ApiHandlers, OperationName, ParsedInputOf } from '../../shared/api';
import type { RequestContext } from '../../shared/types';
import { addDays } from '../../shared/domain/lunarCalendar';
import { ownersInScope } from '../access/scope';
import type { Db } from '../connection';
import { contractsEntity } from '../entities/contracts';
import { contractsByNumber, contractsEnding, contractsOf } from '../queries/contracts';
import { localToday } from '../queries/records';
import { invalidField } from './guards';
import { listHandler, operations, recordHandlers } from './records';

type ContractOps = Extract<OperationName, `contracts.${string}`>;

export function contractHandlers(db: Db): Pick<ApiHandlers, ContractOps> {
  const records = recordHandlers(db, {
    entity: contractsEntity,
    values: (input: ParsedInputOf<'contracts.create'>) => ({
      account_id: input.accountId,
      number: input.number,
      service: input.service,
      start_date: input.startDate,
      end_date: input.endDate,
      monthly_fen: input.monthlyFen,
      auto_renew: input.autoRenew ? 1 : 0,
      notes: input.notes,
    }),
    patch: (row, input: ParsedInputOf<'contracts.update'>) => {
      // Either date alone may be fine and the contract it makes not.
      const start = input.startDate ?? row.start_date;
      const end = input.endDate ?? row.end_date;
      if (end < start) throw invalidField('endDate', 'contract_ends_before_start');
      return {
        number: input.number,
        service: input.service,
        start_date: input.startDate,
        end_date: input.endDate,
        monthly_fen: input.monthlyFen,
        auto_renew: input.autoRenew === undefined ? undefined : input.autoRenew ? 1 : 0,
        notes: input.notes,
      };
    },
  });
  return operations('contracts', {
    ...records,
    list: listHandler(db, contractsEntity, (input: ParsedInputOf<'contracts.list'>) =>
      contractsOf(db, input.accountId),
    ),
    find: ({ number, limit }: ParsedInputOf<'contracts.find'>, context: RequestContext) =>
      contractsByNumber(db, number, limit, localToday(), context.user?.owners ?? undefined),
    expiring: (input: ParsedInputOf<'contracts.expiring'>, context: RequestContext) => {
      const today = input?.today ?? localToday();
      const days = input?.days ?? 90;
      const to = addDays(today, days);
      const found = contractsEnding(db, today, today, to, {
        owners: ownersInScope(input?.owner, context),
        limit: input?.limit ?? 20,
      });
      return { from: today, to, ...found };
    },
  });
}
