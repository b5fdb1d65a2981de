import type { ApiHandlers, OperationName } from '../../shared/api';
import type { NormalizedPhone } from '../../shared/domain/phone';
import { ApiError } from '../../shared/errors';
import type { Db } from '../connection';
import { newId } from '../ids';
import { findDuplicates, type AccountRow } from '../queries/accounts';
import { phonesOf, toPhone } from '../queries/records';
import { write } from '../write';
import { defaultPhoneLabel } from './accounts';
import { requireLiveAccount, requireLiveRow } from './guards';
import { setDeleted } from './softDelete';

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
  const phoneDelete = (id: string, actor: string, deleted: boolean) =>
    toPhone(
      setDeleted(
        db,
        actor,
        'account_phones',
        'phone',
        id,
        deleted,
        (row) => [row.account_id],
        (row) => checkNumber(db, requireLiveAccount(db, row.account_id), row.number, true, row.id),
      ),
    );

  return {
    'phones.add': (input, { actor }) => {
      const account = requireLiveAccount(db, input.accountId);
      checkNumber(db, account, input.number.digits, input.allowDuplicate);
      const row = write(db, actor, (writer) =>
        writer.insert('account_phones', {
          id: newId(),
          account_id: account.id,
          number: input.number.digits,
          label: input.label ?? defaultPhoneLabel(input.number.kind),
          note: input.note,
        }),
      );
      return toPhone(row);
    },

    'phones.update': (input, { actor }) => {
      const phone = requireLiveRow(db, 'account_phones', input.id, 'phone');
      const account = requireLiveAccount(db, phone.account_id);
      const number: NormalizedPhone | undefined = input.number;
      if (number && number.digits !== phone.number)
        checkNumber(db, account, number.digits, input.allowDuplicate, phone.id);
      const row = write(db, actor, (writer) =>
        writer.update('account_phones', phone.id, {
          number: number?.digits,
          label: input.label,
          note: input.note,
        }),
      ).row;
      return toPhone(row);
    },

    'phones.delete': ({ id }, { actor }) => phoneDelete(id, actor, true),
    'phones.undelete': ({ id }, { actor }) => phoneDelete(id, actor, false),
  };
}
