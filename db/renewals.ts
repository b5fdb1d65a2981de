import { dueLead } from '../shared/domain/reminders';
import { longestRenewalLead, renewalLeadDays } from '../shared/domain/contracts';
import { addDays } from '../shared/domain/lunarCalendar';
import type { RenewalReminder } from '../shared/types';
import type { Db } from './connection';
import { contractsEnding } from './queries/contracts';

/**
 * Renewal reminders (合同到期提醒): a contract of the manager's accounts is due for one from
 * the first of its tier's lead times (`renewalLeadDays`: 90, 30, 7 days before its last day)
 * until that day has passed. Computed from the contracts every time, like anniversary
 * reminders; a desktop notification is shown once per lead time (`renewal_log`), and again
 * after the contract is extended (a new end day starts afresh).
 */

/** Every renewal open on `today` for `owner`'s accounts, the contract ending first first. */
export function openRenewals(db: Db, today: string, owner: string): RenewalReminder[] {
  const ending = contractsEnding(db, today, today, addDays(today, longestRenewalLead), {
    owners: [owner],
    limit: 100_000,
  });
  return ending.items.flatMap((item) => {
    const lead = dueLead(renewalLeadDays[item.account.tier], item.daysLeft);
    return lead === null ? [] : [{ ...item, leadDays: lead }];
  });
}

/** The open renewals this device has not notified at their current lead time. */
export function dueRenewals(db: Db, today: string, owner: string): RenewalReminder[] {
  const shown = db.statement(
    'SELECT 1 FROM renewal_log WHERE contract_id = ? AND end_date = ? AND lead_days = ?',
  );
  return openRenewals(db, today, owner).filter(
    (renewal) => shown.get(renewal.contract.id, renewal.contract.endDate, renewal.leadDays) === undefined,
  );
}

/** Records that these renewals were shown at their lead times. */
export function markRenewalsNotified(
  db: Db,
  renewals: readonly RenewalReminder[],
  now: Date = new Date(),
): void {
  const insert = db.statement(
    `INSERT INTO renewal_log (contract_id, end_date, lead_days, notified_at) VALUES (?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  db.transaction(() => {
    for (const renewal of renewals)
      insert.run(renewal.contract.id, renewal.contract.endDate, renewal.leadDays, now.toISOString());
  });
}
