import type { ApiHandlers, OperationName } from '../../shared/api';
import { nameDuplicateKey } from '../../shared/domain/nameSearch';
import { ApiError } from '../../shared/errors';
import type { DuplicateMatch, PhoneLabel } from '../../shared/types';
import { inScope, masksFor } from '../access/scope';
import { maskBirthYear, maskPhone } from '../../shared/domain/mask';
import type { Db } from '../connection';
import { newCustomerNo, newId } from '../ids';
import { lastContactOf } from '../queries/accountList';
import {
  findDuplicates,
  findLiveAccountByNumber,
  toAccount,
  toAccountSummary,
  type AccountRow,
} from '../queries/accounts';
import { contractsOf, toContract } from '../queries/contracts';
import { consumptionSummaryOf, customerGroupOf, relationshipsOf } from '../queries/detail';
import {
  anniversariesOf,
  liveRelationshipsOf,
  phonesOf,
  toAnniversary,
  toPhone,
  toVisit,
  visitCountOf,
  visitsOf,
} from '../queries/records';
import { sharedNumberGroups } from '../queries/sharedNumbers';
import type { RowPatch } from '../tables';
import { appendAudit, write, type AuditAction } from '../write';
import { accountList } from './accountList';
import { invalidField, requireAccount, requireLiveAccount } from './guards';
import { recheckWhenLive } from './relationships';

// Handing accounts over and erasure have their own modules (./handover.ts, ./erasure.ts).
type AccountOps = Exclude<
  Extract<OperationName, `accounts.${string}`>,
  `accounts.handover${string}` | 'accounts.erase' | 'accounts.exportPersonalData'
>;

/** Label for a phone entered without one: mobiles are mobiles, landlines usually the office. */
export function defaultPhoneLabel(kind: 'mobile' | 'landline' | 'service'): PhoneLabel {
  return kind === 'mobile' ? 'mobile' : kind === 'landline' ? 'office' : 'other';
}

function rejectDuplicates(matches: DuplicateMatch[], allowDuplicate: boolean): void {
  if (matches.length > 0 && !allowDuplicate) {
    const names = matches.map((match) => match.account.name).join(', ');
    throw new ApiError('DUPLICATE_ACCOUNT', `Possible duplicate of ${names}`, { details: { matches } });
  }
}

function rejectTakenNumber(db: Db, customerNo: string, exceptId?: string): void {
  const holder = findLiveAccountByNumber(db, customerNo);
  if (holder && holder.id !== exceptId) {
    throw new ApiError('DUPLICATE_CUSTOMER_NO', `Customer number ${customerNo} belongs to ${holder.name}`, {
      details: { account: toAccountSummary(holder) },
    });
  }
}

export function accountHandlers(db: Db): Pick<ApiHandlers, AccountOps> {
  const setField = (id: string, actor: string, patch: RowPatch<'accounts'>, action: AuditAction) => {
    const row = requireLiveAccount(db, id);
    return toAccount(write(db, actor, (writer) => writer.update('accounts', row.id, patch, action)).row);
  };

  return {
    'accounts.create': (input, { actor }) => {
      const phones = input.phones.map((phone) => phone.number.digits);
      const repeated = phones.findIndex((number, index) => phones.indexOf(number) !== index);
      if (repeated >= 0) throw invalidField(`phones.${repeated}.number`, 'phone_repeated');
      if (input.customerNo !== undefined) rejectTakenNumber(db, input.customerNo);
      const creditCode = input.kind === 'organization' ? (input.creditCode ?? null) : null;
      rejectDuplicates(
        findDuplicates(db, { kind: input.kind, nameKey: nameDuplicateKey(input.name), creditCode, phones }),
        input.allowDuplicate,
      );
      const row = write(db, actor, (writer) => {
        const account = writer.insert('accounts', {
          id: newId(),
          kind: input.kind,
          customer_no: input.customerNo ?? newCustomerNo(),
          name: input.name,
          credit_code: creditCode,
          tier: input.tier ?? 'general',
          tier_source: input.tier ? 'manager' : 'suggested',
          tier_reason: input.tierReason,
          status: 'active',
          owner: input.owner ?? actor,
          region: input.region,
          industry: input.industry,
          address: input.address,
          postcode: input.postcode,
          notes: input.notes,
          created_by: actor,
        });
        for (const phone of input.phones) {
          writer.insert('account_phones', {
            id: newId(),
            account_id: account.id,
            number: phone.number.digits,
            label: phone.label ?? defaultPhoneLabel(phone.number.kind),
            note: phone.note ?? '',
          });
        }
        return account;
      });
      return toAccount(row);
    },

    'accounts.update': (input, { actor }) => {
      const row = requireLiveAccount(db, input.id);
      if (input.creditCode && row.kind !== 'organization')
        throw invalidField('creditCode', 'credit_code_for_person');
      if (input.customerNo !== undefined && input.customerNo !== row.customer_no)
        rejectTakenNumber(db, input.customerNo, row.id);
      const renamed = input.name !== undefined && nameDuplicateKey(input.name) !== row.name_key;
      const recoded = input.creditCode != null && input.creditCode !== row.credit_code;
      if (renamed || recoded) {
        rejectDuplicates(
          findDuplicates(db, {
            kind: row.kind as AccountRow['kind'] & ('organization' | 'person'),
            nameKey: renamed && input.name !== undefined ? nameDuplicateKey(input.name) : undefined,
            creditCode: recoded ? input.creditCode : undefined,
            phones: [],
            excludeId: row.id,
          }),
          input.allowDuplicate,
        );
      }
      const patch: RowPatch<'accounts'> = {
        name: input.name,
        tier: input.tier,
        ...(input.tier !== undefined && { tier_source: 'manager' }),
        tier_reason: input.tierReason,
        owner: input.owner,
        region: input.region,
        industry: input.industry,
        address: input.address,
        postcode: input.postcode,
        notes: input.notes,
        customer_no: input.customerNo,
        credit_code: input.creditCode,
      };
      return setField(row.id, actor, patch, 'update');
    },

    'accounts.archive': ({ id }, { actor }) => setField(id, actor, { status: 'archived' }, 'archive'),
    'accounts.restore': ({ id }, { actor }) => setField(id, actor, { status: 'active' }, 'restore'),
    'accounts.delete': ({ id }, { actor }) => setField(id, actor, { deleted: 1 }, 'delete'),
    'accounts.undelete': ({ id }, { actor }) => {
      const row = requireAccount(db, id);
      if (row.deleted === 0) return toAccount(row);
      rejectTakenNumber(db, row.customer_no, row.id);
      return toAccount(
        write(db, actor, (writer) => {
          const restored = writer.update('accounts', row.id, { deleted: 0 }, 'undelete').row;
          // Its relationships come back with it; each whose other end is live must still be
          // possible (a subsidiary may have found another parent company meanwhile), and a
          // throw undoes the undelete. One whose other end is deleted waits for that end.
          for (const relationship of liveRelationshipsOf(db, row.id)) recheckWhenLive(db, relationship);
          return restored;
        }),
      );
    },

    'accounts.get': ({ id }) => toAccount(requireLiveAccount(db, id)),

    'accounts.findByNumber': ({ customerNo }, { user }) => {
      const row = findLiveAccountByNumber(db, customerNo);
      return row && (!user || inScope(user, row.owner)) ? toAccount(row) : null;
    },

    'accounts.detail': ({ id }, { user }) => {
      const row = requireLiveAccount(db, id);
      const masked = masksFor(user, row.owner);
      const phones = phonesOf(db, id).map(toPhone);
      return {
        account: toAccount(row),
        phones: masked ? phones.map((phone) => ({ ...phone, number: maskPhone(phone.number) })) : phones,
        phonesMasked: masked,
        relationships: relationshipsOf(db, id),
        visits: visitsOf(db, { accountId: id, limit: 20 }).map(toVisit),
        visitCount: visitCountOf(db, id),
        consumption: consumptionSummaryOf(db, id),
        anniversaries: anniversariesOf(db, id)
          .map(toAnniversary)
          .map((anniversary) => (masked ? maskBirthYear(anniversary) : anniversary)),
        contracts: contractsOf(db, id).map(toContract),
        group: row.kind === 'organization' ? customerGroupOf(db, id) : [],
        lastContactAt: lastContactOf(db, id, new Date().toISOString()),
      };
    },

    'accounts.reveal': ({ id, purpose }, { actor }) =>
      db.transaction(() => {
        requireLiveAccount(db, id);
        const phones = phonesOf(db, id).map(toPhone);
        appendAudit(db, {
          actor,
          action: 'accounts.reveal',
          entity: 'account',
          entityId: id,
          before: null,
          after: { purpose, fields: ['phones', 'birthYears'] },
        });
        return { phones, anniversaries: anniversariesOf(db, id).map(toAnniversary) };
      }),

    'accounts.list': accountList(db),

    // A live check while typing names only the user's accounts; saving still refuses a duplicate
    // of anyone's (DUPLICATE_ACCOUNT), so the book keeps one record per customer.
    'accounts.checkDuplicates': (input, { user }) =>
      findDuplicates(db, {
        kind: input.kind,
        nameKey: input.name ? nameDuplicateKey(input.name) : undefined,
        creditCode: input.creditCode,
        customerNo: input.customerNo,
        phones: input.phones.map((phone) => phone.digits),
        excludeId: input.excludeId,
      }).filter((match) => !user || inScope(user, match.account.owner)),

    'accounts.sharedNumbers': (input, { user }) => {
      const found = sharedNumberGroups(db, input?.limit ?? 200);
      if (!user || user.owners === null) return found;
      // A pair is the user's to settle only when both accounts are theirs.
      const groups = found.groups.filter((group) =>
        group.accounts.every((account) => inScope(user, account.owner)),
      );
      return { total: found.total - (found.groups.length - groups.length), groups };
    },
  };
}
