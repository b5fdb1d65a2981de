import { nextOccurrence } from '../../shared/domain/anniversaryDates';
import { uuidV7Time } from '../../shared/domain/uuid7';
import type {
  AccountPhone,
  Anniversary,
  AnniversaryRecord,
  ConsumptionCategory,
  ConsumptionRecord,
  Relationship,
  Visit,
  VisitKind,
} from '../../shared/types';
import type { Db } from '../connection';
import type { SyncedTable } from '../schema';
import type { Row } from '../tables';

/** Rows of the records that hang off an account, mapped to what the API returns. */

export function toPhone(row: Row<'account_phones'>): AccountPhone {
  return {
    id: row.id,
    accountId: row.account_id,
    number: row.number,
    label: row.label,
    note: row.note,
    createdAt: uuidV7Time(row.id),
  };
}

export function toRelationship(row: Row<'relationships'>): Relationship {
  return {
    id: row.id,
    fromId: row.from_id,
    toId: row.to_id,
    type: row.type,
    role: row.role,
    note: row.note,
    createdAt: uuidV7Time(row.id),
  };
}

export function toVisit(row: Row<'visits'>): Visit {
  return {
    id: row.id,
    accountId: row.account_id,
    occurredAt: row.occurred_at,
    kind: row.kind,
    participants: row.participants,
    content: row.content,
    feedback: row.feedback,
    followUp: row.follow_up,
    followUpDue: row.follow_up_due,
    followUpDoneAt: row.follow_up_done_at,
    manager: row.manager,
    createdAt: uuidV7Time(row.id),
  };
}

/** Today on this laptop's calendar, `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function toAnniversaryRecord(row: Row<'anniversaries'>): AnniversaryRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    label: row.label,
    calendar: row.calendar,
    month: row.month,
    day: row.day,
    leapMonth: row.leap_month === 1,
    year: row.year,
    leadDays: row.lead_days === null ? null : (JSON.parse(row.lead_days) as number[]),
    note: row.note,
    createdAt: uuidV7Time(row.id),
  };
}

/** The record with the date it next falls on, counted from today on this laptop. */
export function toAnniversary(row: Row<'anniversaries'>): Anniversary {
  const record = toAnniversaryRecord(row);
  return { ...record, next: nextOccurrence(record, localToday()) };
}

export function toConsumption(row: Row<'consumption'>): ConsumptionRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    period: row.period,
    category: row.category,
    amountFen: row.amount_fen,
    quantity: row.quantity,
    source: row.source,
    note: row.note,
    createdAt: uuidV7Time(row.id),
  };
}

/** Any synced row by id, deleted or not. */
export function findRow<T extends SyncedTable>(db: Db, table: T, id: string): Row<T> | undefined {
  return db.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row<T> | undefined;
}

export function phonesOf(db: Db, accountId: string): Row<'account_phones'>[] {
  return db.all(
    db.query
      .selectFrom('account_phones')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('deleted', '=', 0)
      .orderBy('id'),
  );
}

/** The undeleted relationships an account is on either end of. */
export function liveRelationshipsOf(db: Db, accountId: string): Row<'relationships'>[] {
  return db.all(
    db.query
      .selectFrom('relationships')
      .selectAll()
      .where('deleted', '=', 0)
      .where((eb) => eb.or([eb('from_id', '=', accountId), eb('to_id', '=', accountId)])),
  );
}

export function anniversariesOf(db: Db, accountId: string): Row<'anniversaries'>[] {
  return db.all(
    db.query
      .selectFrom('anniversaries')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('deleted', '=', 0)
      .orderBy('month')
      .orderBy('day'),
  );
}

export interface VisitPage {
  readonly accountId: string;
  readonly kind?: VisitKind | undefined;
  readonly before?: string | undefined;
  readonly limit: number;
}

export function visitsOf(db: Db, page: VisitPage): Row<'visits'>[] {
  let query = db.query
    .selectFrom('visits')
    .selectAll()
    .where('account_id', '=', page.accountId)
    .where('deleted', '=', 0);
  if (page.kind) query = query.where('kind', '=', page.kind);
  if (page.before) query = query.where('occurred_at', '<', page.before);
  return db.all(query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(page.limit));
}

export function visitCountOf(db: Db, accountId: string): number {
  return (
    db.first(
      db.query
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('deleted', '=', 0),
    )?.n ?? 0
  );
}

export interface ConsumptionRange {
  readonly accountId: string;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
}

export function consumptionOf(db: Db, range: ConsumptionRange): Row<'consumption'>[] {
  let query = db.query
    .selectFrom('consumption')
    .selectAll()
    .where('account_id', '=', range.accountId)
    .where('deleted', '=', 0);
  if (range.from) query = query.where('period', '>=', range.from);
  if (range.to) query = query.where('period', '<=', range.to);
  return db.all(query.orderBy('period', 'desc').orderBy('category').limit(range.limit));
}

/** Live records of the same account, month and category (a second entry of one bill). */
export function sameBill(
  db: Db,
  accountId: string,
  period: string,
  category: ConsumptionCategory,
): Row<'consumption'>[] {
  return db.all(
    db.query
      .selectFrom('consumption')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('period', '=', period)
      .where('category', '=', category)
      .where('deleted', '=', 0),
  );
}
