import type { ApiHandlers, OperationName, ParsedInputOf } from '../../shared/api';
import type { NormalizedPhone } from '../../shared/domain/phone';
import { ApiError } from '../../shared/errors';
import type { Db } from '../connection';
import { findDuplicates, type AccountRow } from '../queries/accounts';
import { phonesEntity } from '../entities/phones';
import { phonesOf } from '../queries/records';
import { defaultPhoneLabel } from './accounts';
import { requireLiveAccount } from './guards';
import { operations, recordHandlers } from './records';

type PhoneOps = Extract<OperationName, `phones.${string}`>;

/**
 * A number can be on an account once; on another account it is allowed only after the user
 * has seen who else has it (colleagues share a switchboard; a typo is more common).
 */
function checkNumber(
  db: Db,
  account: AccountRow,
  number: string,
  allowDuplicate: boolean,
  exceptId?: string,
): void {
  if (phonesOf(db, account.id).some((phone) => phone.number === number && phone.id !== exceptId)) {
    throw new ApiError('PHONE_ALREADY_ON_ACCOUNT', `${number} is already a phone of ${account.name}`, {
      details: { number },
    });
  }
  const matches = findDuplicates(db, {
    kind: account.kind,
    phones: [number],
    excludeId: account.id,
  });
  if (matches.length > 0 && !allowDuplicate) {
    throw new ApiError(
      'DUPLICATE_PHONE',
      `${number} is also a phone of ${matches.map((m) => m.account.name).join(', ')}`,
      {
        details: { number, matches },
      },
    );
  }
}

export function phoneHandlers(db: Db): Pick<ApiHandlers, PhoneOps> {
  const records = recordHandlers(db, {
    entity: phonesEntity,
    values: (input: ParsedInputOf<'phones.add'>) => ({
      account_id: input.accountId,
      number: input.number.digits,
      label: input.label ?? defaultPhoneLabel(input.number.kind),
      note: input.note,
    }),
    checkNew: (values, input) =>
      checkNumber(db, requireLiveAccount(db, values.account_id), values.number, input.allowDuplicate),
    patch: (phone, input: ParsedInputOf<'phones.update'>) => {
      const number: NormalizedPhone | undefined = input.number;
      if (number && number.digits !== phone.number)
        checkNumber(
          db,
          requireLiveAccount(db, phone.account_id),
          number.digits,
          input.allowDuplicate,
          phone.id,
        );
      return { number: number?.digits, label: input.label, note: input.note };
    },
    recheck: (row) => checkNumber(db, requireLiveAccount(db, row.account_id), row.number, true, row.id),
  });
  const { create: add, ...others } = records;
  return operations('phones', { add, ...others });
}
