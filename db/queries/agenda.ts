import { epochDay } from '../../shared/domain/lunarCalendar';
import { localDayOf } from '../../shared/domain/visitRules';
import type {
  AccountKind,
  AccountStatus,
  AccountSummary,
  FollowUpItem,
  PlannedVisitItem,
  Tier,
} from '../../shared/types';
import type { Db } from '../connection';
import type { Row } from '../tables';
import { toVisit } from './records';

/**
 * The visits on a manager's agenda: open follow-ups by due day and planned visits by time.
 * "A manager's" means visits on accounts they own, or visits they logged on someone else's
 * account (a promise they made themselves), on accounts that are not deleted. A promise made
 * before the account changed hands (a handover, or any edit of its owner) is the new owner's
 * alone: `stillTheirs` drops it from its author's agenda, so it moves rather than doubles.
 *
 * Open follow-ups are read through two partial indexes of the open ones only (migration 0010):
 * counting and ordering read them and the accounts' covering index, never the visits. Planned
 * visits are a range of `visits_planned` (visits by time) after now: a few rows, whatever the
 * size of the book.
 */

/**
 * A visit logged by the manager stays on their agenda while its account's owner has not changed
 * since it was logged: the owner's field clock (absent while the owner is the one it was created
 * with) is not later than the visit's insert clock. One primary-key lookup per row.
 */
const stillTheirs = `NOT EXISTS (SELECT 1 FROM field_clock c
    WHERE c.tbl = 'accounts' AND c.row_id = a.id AND c.col = 'owner' AND c.hlc > v.hlc)`;

/** Whose agenda, and the day it is for (days are counted from it). */
export interface AgendaScope {
  readonly manager: string;
  readonly today: string;
}

type VisitAccountRow = Row<'visits'> & {
  a_kind: string;
  a_customer_no: string;
  a_name: string;
  a_tier: string;
  a_status: string;
  a_owner: string;
  a_region: string;
};

const accountColumns = `a.kind AS a_kind, a.customer_no AS a_customer_no, a.name AS a_name,
  a.tier AS a_tier, a.status AS a_status, a.owner AS a_owner, a.region AS a_region`;

function accountOf(row: VisitAccountRow): AccountSummary {
  return {
    id: row.account_id,
    kind: row.a_kind as AccountKind,
    customerNo: row.a_customer_no,
    name: row.a_name,
    tier: row.a_tier as Tier,
    status: row.a_status as AccountStatus,
    owner: row.a_owner,
    region: row.a_region,
  };
}

/**
 * The rowids and due days of the scope's open follow-ups due in [@from, @to]: those on the
 * manager's accounts (each account's range of `visits_open_follow_ups_by_account`) and those
 * the manager logged (one range of `visits_open_follow_ups_by_manager`). Both partial indexes
 * need their condition spelled out for the planner to take them.
 */
const openFollowUps = `WITH mine(r, due, account) AS (
    SELECT v.rowid, v.follow_up_due, v.account_id
    FROM accounts a JOIN visits v INDEXED BY visits_open_follow_ups_by_account ON v.account_id = a.id
    WHERE a.owner = @manager AND a.deleted = 0
      AND v.follow_up_due IS NOT NULL AND v.follow_up_done_at IS NULL AND v.deleted = 0
      AND v.follow_up_due >= @from AND v.follow_up_due <= @to
    UNION
    SELECT v.rowid, v.follow_up_due, v.account_id
    FROM visits v INDEXED BY visits_open_follow_ups_by_manager JOIN accounts a ON a.id = v.account_id
    WHERE v.manager = @manager AND a.deleted = 0 AND ${stillTheirs}
      AND v.follow_up_due IS NOT NULL AND v.follow_up_done_at IS NULL AND v.deleted = 0
      AND v.follow_up_due >= @from AND v.follow_up_due <= @to
  )`;

/** How many open follow-ups fall before today, on today, and from tomorrow through `through`. */
export function countFollowUps(
  db: Db,
  scope: AgendaScope,
  through: string,
): { overdue: number; today: number; week: number } {
  const row = db
    .statement(
      `${openFollowUps}
       SELECT count(*) FILTER (WHERE due < @today) AS overdue,
              count(*) FILTER (WHERE due = @today) AS today,
              count(*) FILTER (WHERE due > @today) AS week
       FROM mine`,
    )
    .get({ manager: scope.manager, today: scope.today, from: '', to: through }) as {
    overdue: number;
    today: number;
    week: number;
  };
  return { overdue: row.overdue, today: row.today, week: row.week };
}

/**
 * Open follow-ups due in [from, to] (inclusive; `from` may be '' for "any day before"), by due
 * day and account. The order is decided on what the indexes hold (a backlog of thousands after
 * an upgrade is never read from the table); only the rows shown are.
 */
export function followUpsBetween(
  db: Db,
  scope: AgendaScope,
  range: { from: string; to: string; limit: number },
): FollowUpItem[] {
  const rows = db
    .statement(
      `${openFollowUps},
       shown(r) AS (
         SELECT mine.r FROM mine JOIN accounts a ON a.id = mine.account
         ORDER BY mine.due, a.name_pinyin, mine.r LIMIT @limit
       )
       SELECT v.*, ${accountColumns}
       FROM shown JOIN visits v ON v.rowid = shown.r JOIN accounts a ON a.id = v.account_id
       ORDER BY v.follow_up_due, a.name_pinyin, v.rowid`,
    )
    .all({ manager: scope.manager, from: range.from, to: range.to, limit: range.limit }) as VisitAccountRow[];
  const today = epochDay(scope.today);
  return rows.map((row) => {
    const day = row.follow_up_due ?? scope.today;
    return {
      type: 'followUp',
      day,
      daysLeft: epochDay(day) - today,
      account: accountOf(row),
      visit: toVisit(row),
    };
  });
}

/** The ids of the scope's open follow-ups due in [from, to]. */
export function followUpIdsBetween(
  db: Db,
  scope: AgendaScope,
  range: { from: string; to: string },
): string[] {
  return db
    .statement(`${openFollowUps} SELECT v.id FROM mine JOIN visits v ON v.rowid = mine.r`)
    .pluck(true)
    .all({ manager: scope.manager, from: range.from, to: range.to }) as string[];
}

/** Planned visits of the scope dated after `now` and before `before` (instants), by time. */
export function plannedVisitsBetween(
  db: Db,
  scope: AgendaScope,
  range: { now: string; before: string },
): PlannedVisitItem[] {
  const rows = db
    .statement(
      `SELECT v.*, ${accountColumns}
       FROM visits v INDEXED BY visits_planned JOIN accounts a ON a.id = v.account_id
       WHERE v.occurred_at > @now AND v.occurred_at < @before
         AND v.deleted = 0 AND a.deleted = 0 AND (a.owner = @manager OR (v.manager = @manager AND ${stillTheirs}))
       ORDER BY v.occurred_at, v.id`,
    )
    .all({ manager: scope.manager, now: range.now, before: range.before }) as VisitAccountRow[];
  const today = epochDay(scope.today);
  return rows.map((row) => {
    const day = localDayOf(row.occurred_at);
    return {
      type: 'plannedVisit',
      day,
      daysLeft: epochDay(day) - today,
      account: accountOf(row),
      visit: toVisit(row),
    };
  });
}
