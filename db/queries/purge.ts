import type { PurgeCandidate, PurgeReason, PurgeRules, Tier } from '../../shared/types';
import type { Db } from '../connection';

/**
 * The accounts the purge rules propose for erasure, each with the facts that put it there.
 *
 * An account keeps no archive date, so "archived since" is the clock of its `status` field
 * (`field_clock`, else the row's insert clock when it was created archived): unlike
 * `updated_at` it does not move when another field is edited, and unlike the audit log it is
 * the same on every book, since it travels with sync. "Created" is the row's insert clock.
 * The latest bill is read from `consumption` over its `(account_id, period)` index.
 */

/** `day` (YYYY-MM-DD) moved back `months` months, the day clamped to the shorter month. */
export function monthsBefore(day: string, months: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(date, last))}`;
}

interface Row {
  readonly id: string;
  readonly customer_no: string;
  readonly name: string;
  readonly tier: Tier;
  readonly owner: string;
  readonly status: string;
  readonly status_since: string;
  readonly created_at: string;
  readonly last_bill: string | null;
}

/** Every candidate (unpaged), newest reason first, then by customer number. */
export function purgeCandidates(db: Db, rules: PurgeRules, today: string): PurgeCandidate[] {
  const archivedBefore = monthsBefore(today, rules.archived.months);
  const dormantBefore = monthsBefore(today, rules.dormant.months);
  const rows = db
    .statement(
      `SELECT a.id, a.customer_no, a.name, a.tier, a.owner, a.status,
         substr(COALESCE(fc.hlc, a.hlc), 1, 24) AS status_since,
         substr(a.hlc, 1, 24) AS created_at,
         (SELECT MAX(c.period) FROM consumption c WHERE c.account_id = a.id AND c.deleted = 0) AS last_bill
       FROM accounts a
       LEFT JOIN field_clock fc ON fc.tbl = 'accounts' AND fc.row_id = a.id AND fc.col = 'status'
       WHERE a.deleted = 0
         AND a.id NOT IN (SELECT account_id FROM erased_accounts)
         AND ((:archivedOn AND a.status = 'archived')
           OR (:dormantOn AND a.tier = :tier AND substr(a.hlc, 1, 10) < :dormantBefore))`,
    )
    .all({
      archivedOn: rules.archived.enabled ? 1 : 0,
      dormantOn: rules.dormant.enabled ? 1 : 0,
      tier: rules.dormant.tier,
      dormantBefore,
    }) as Row[];
  const candidates: { candidate: PurgeCandidate; newest: string }[] = [];
  for (const row of rows) {
    const reasons: PurgeReason[] = [];
    const dates: string[] = [];
    if (
      rules.archived.enabled &&
      row.status === 'archived' &&
      row.status_since.slice(0, 10) < archivedBefore
    ) {
      reasons.push({ rule: 'archived', since: row.status_since });
      dates.push(row.status_since);
    }
    if (
      rules.dormant.enabled &&
      row.tier === rules.dormant.tier &&
      row.created_at.slice(0, 10) < dormantBefore &&
      (row.last_bill === null || row.last_bill < dormantBefore.slice(0, 7))
    ) {
      reasons.push({
        rule: 'dormant',
        tier: row.tier,
        lastBillMonth: row.last_bill,
        createdAt: row.created_at,
      });
      dates.push(row.last_bill ?? row.created_at);
    }
    if (reasons.length === 0) continue;
    const { id, customer_no: customerNo, name, tier, owner } = row;
    candidates.push({
      candidate: { id, customerNo, name, tier, owner, reasons },
      newest: dates.sort().at(-1) ?? '',
    });
  }
  candidates.sort(
    (a, b) =>
      b.newest.localeCompare(a.newest) || a.candidate.customerNo.localeCompare(b.candidate.customerNo),
  );
  return candidates.map((entry) => entry.candidate);
}
