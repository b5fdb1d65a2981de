import { z } from 'zod';
import { accountImportFields } from '../../shared/domain/importFields';
import { nameDuplicateKey, nameSearchKeys } from '../../shared/domain/nameSearch';
import {
  accountKindSchema,
  accountStatuses,
  accountUpdateInput,
  creditCodeSchema,
  customerNoSchema,
  tierSchema,
  tierSources,
} from '../../shared/schemas';
import type { AccountKind } from '../../shared/types';
import { accountsExport } from '../exports/accounts';
import { keepAccountStatsOfAccount } from '../queries/accountStats';
import { keepAnniversaryCountsOfAccount } from '../queries/anniversaryCounts';
import { toAccount } from '../queries/accounts';
import { reindexAccountName } from '../queries/searchKeys';
import { defineEntity } from './entity';
import { flag } from './rules';

const account = accountUpdateInput.shape;
/** What the name's search keys are made of: a change of any of these rewrites them. */
const searchColumns = ['name', 'kind', 'status', 'deleted'] as const;

/** An account (客户): a company or a person, the parent every other record belongs to. */
export const accountsEntity = defineEntity({
  table: 'accounts',
  entity: 'account',
  domain: 'accounts',
  columns: {
    rid: { sync: 'local' },
    kind: { sync: 'lww', rule: accountKindSchema },
    customer_no: { sync: 'lww', rule: customerNoSchema },
    name: { sync: 'freeText', rule: account.name.unwrap(), personal: true },
    credit_code: { sync: 'lww', rule: creditCodeSchema.nullable() },
    tier: { sync: 'lww', rule: tierSchema },
    tier_source: { sync: 'lww', rule: z.enum(tierSources) },
    tier_reason: { sync: 'lww', rule: account.tierReason.unwrap() },
    status: { sync: 'lww', rule: z.enum(accountStatuses) },
    owner: { sync: 'lww', rule: account.owner.unwrap() },
    region: { sync: 'lww', rule: account.region.unwrap() },
    industry: { sync: 'lww', rule: account.industry.unwrap() },
    address: { sync: 'freeText', rule: account.address.unwrap(), personal: true },
    postcode: { sync: 'lww', rule: account.postcode.unwrap(), personal: true },
    notes: { sync: 'freeText', rule: account.notes.unwrap(), personal: true },
    created_by: { sync: 'lww', rule: account.owner.unwrap() },
    deleted: { sync: 'lww', rule: flag },
    updated_at: { sync: 'derived' },
    name_pinyin: { sync: 'derived', personal: true },
    name_key: { sync: 'derived', personal: true },
  },
  accounts: ['id'],
  exportOrder: 0,
  csv: [accountsExport],
  imported: { kind: 'accounts', fields: accountImportFields },
  toApi: toAccount,
  historied: ['tier', 'tier_source'],
  derive: (row, now) => {
    const name = String(row['name']);
    return {
      updated_at: now,
      name_pinyin: nameSearchKeys(name, row['kind'] as AccountKind).pinyin.join(' '),
      name_key: nameDuplicateKey(name),
    };
  },
  afterWrite: (db, row, before, batch) => {
    keepAccountStatsOfAccount(db, row, before, batch);
    keepAnniversaryCountsOfAccount(db, row, before, batch);
    if (before && searchColumns.every((column) => row[column] === before[column])) return;
    reindexAccountName(db, {
      rid: Number(row['rid']),
      name: String(row['name']),
      pinyin: String(row['name_pinyin']),
      archived: row['status'] === 'archived',
      deleted: row['deleted'] === 1,
    });
  },
});
