import type { AccountPage, RequestContext } from '../../shared/types';
import { ownersInScope } from '../access/scope';
import type { Db } from '../connection';
import {
  accountListRows,
  dataVersion,
  orderedAccountRids,
  revenueWindowEnding,
  type ListContext,
  type ListFilters,
  type ListInput,
} from '../queries/accountList';
import { billedAt } from '../queries/statsMonths';

/**
 * `accounts.list` pages through one order of the whole filtered list. The list asks for a page
 * of 200 rows at a time as it scrolls; working out the order again for each page would cost
 * each page what the first cost (a sort by revenue or last contact computes both for every
 * account). So the order is kept, and reused while the book has not changed (its change counter),
 * the filters and sort are the same and the minute has not turned (a planned visit becomes a
 * contact when its time comes).
 */
interface KeptOrder {
  readonly key: string;
  readonly rids: readonly number[];
}

/** A few orders: the list, and the one the user just switched from and may switch back to. */
const keptOrders = 4;

export function accountList(db: Db, now: () => Date = () => new Date()) {
  let kept: KeptOrder[] = [];

  return (input: ListInput, requester: RequestContext): AccountPage => {
    const date = now();
    const version = dataVersion(db);
    // The same 12 months as the statistics' default window (the latest month with bills); none
    // in a book without bills.
    const billed = billedAt(db, date);
    const window = revenueWindowEnding(billed.last === null ? null : billed.defaultTo);
    // Contacts count up to the end of this minute, so every page of one order agrees (and a
    // visit logged a moment ago counts at once).
    const minuteEnd = (Math.floor(date.getTime() / 60_000) + 1) * 60_000;
    const context: ListContext = { now: new Date(minuteEnd).toISOString(), window };
    const { offset, limit, owner, ...rest } = input;
    const filters: ListFilters = { ...rest, owners: ownersInScope(owner, requester) };
    const key = JSON.stringify([version, minuteEnd, window, orderKey(filters)]);
    let order = kept.find((entry) => entry.key === key);
    if (order === undefined) {
      order = { key, rids: orderedAccountRids(db, filters, context) };
      kept = [order, ...kept.filter((entry) => entry.key !== key)].slice(0, keptOrders);
    }
    return {
      total: order.rids.length,
      rows: accountListRows(db, order.rids.slice(offset, offset + limit), context),
      revenueWindow: window,
    };
  };
}

/** The filters in a fixed order (the input's key order depends on the caller). */
function orderKey(filters: ListFilters): unknown[] {
  return [
    filters.status,
    filters.kind ?? null,
    filters.tiers ? [...filters.tiers].sort() : null,
    filters.owners ?? null,
    filters.region ?? null,
    filters.name ?? null,
    filters.sort,
    filters.direction,
  ];
}
