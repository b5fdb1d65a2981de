import { uuidV7Time } from '../../shared/domain/uuid7';
import type {
  Account,
  AccountKind,
  AccountSummary,
  DuplicateMatch,
  DuplicateReason,
} from '../../shared/types';
import type { Db } from '../connection';
import type { Row } from '../tables';

export type AccountRow = Row<'accounts'>;

/** The columns a summary is made of: lookup and statistics read only these. */
export type AccountSummaryRow = Pick<
  AccountRow,
  'id' | 'kind' | 'customer_no' | 'name' | 'tier' | 'status' | 'owner' | 'region'
>;

export function toAccountSummary(row: AccountSummaryRow): AccountSummary {
  return {
    id: row.id,
    kind: row.kind,
    customerNo: row.customer_no,
    name: row.name,
    tier: row.tier,
    status: row.status,
    owner: row.owner,
    region: row.region,
  };
}

export function toAccount(row: AccountRow): Account {
  return {
    ...toAccountSummary(row),
    tierSource: row.tier_source === 'suggested' ? 'suggested' : 'manager',
    tierReason: row.tier_reason,
    creditCode: row.credit_code,
    industry: row.industry,
    address: row.address,
    postcode: row.postcode,
    notes: row.notes,
    namePinyin: row.name_pinyin,
    createdAt: uuidV7Time(row.id),
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/** The row, deleted or not; `undefined` when no such id. */
export function findAccountRow(db: Db, id: string): AccountRow | undefined {
  return db.first(db.query.selectFrom('accounts').selectAll().where('id', '=', id));
}

export function findLiveAccountByNumber(db: Db, customerNo: string): AccountRow | undefined {
  return db.first(
    db.query
      .selectFrom('accounts')
      .selectAll()
      .where('customer_no', '=', customerNo)
      .where('deleted', '=', 0)
      .orderBy('rid')
      .limit(1),
  );
}

export function accountRowsByIds(db: Db, ids: readonly string[]): AccountRow[] {
  if (ids.length === 0) return [];
  return db.all(db.query.selectFrom('accounts').selectAll().where('id', 'in', ids));
}

export interface DuplicateProbe {
  readonly kind: AccountKind;
  readonly nameKey?: string | undefined;
  readonly creditCode?: string | null | undefined;
  readonly customerNo?: string | undefined;
  readonly phones: readonly string[];
  readonly excludeId?: string | undefined;
}

/**
 * Live accounts the user may be entering again: the same normalized phone, the same credit
 * code, the same customer number, or the same name for the same kind. One entry per account,
 * with every reason that applies.
 */
export function findDuplicates(db: Db, probe: DuplicateProbe): DuplicateMatch[] {
  const found = new Map<string, { row: AccountRow; reasons: Set<DuplicateReason>; phone?: string }>();
  const add = (row: AccountRow, reason: DuplicateReason, phone?: string) => {
    if (row.id === probe.excludeId) return;
    const entry = found.get(row.id) ?? { row, reasons: new Set<DuplicateReason>() };
    entry.reasons.add(reason);
    if (phone !== undefined) entry.phone = phone;
    found.set(row.id, entry);
  };
  const live = db.query.selectFrom('accounts').selectAll('accounts').where('accounts.deleted', '=', 0);

  if (probe.phones.length > 0) {
    const rows = db.all(
      live
        .innerJoin('account_phones as p', 'p.account_id', 'accounts.id')
        .select('p.number as matched_number')
        .where('p.deleted', '=', 0)
        .where('p.number', 'in', [...probe.phones]),
    );
    for (const row of rows) add(row, 'phone', row.matched_number);
  }
  if (probe.creditCode) {
    for (const row of db.all(live.where('credit_code', '=', probe.creditCode))) add(row, 'creditCode');
  }
  if (probe.customerNo) {
    for (const row of db.all(live.where('customer_no', '=', probe.customerNo))) add(row, 'customerNo');
  }
  if (probe.nameKey) {
    for (const row of db.all(live.where('name_key', '=', probe.nameKey).where('kind', '=', probe.kind)))
      add(row, 'name');
  }
  return [...found.values()].map(({ row, reasons, phone }) => ({
    account: toAccountSummary(row),
    reasons: [...reasons],
    ...(phone !== undefined ? { phone } : {}),
  }));
}
