import type { SharedNumberKind, SyncSharedNumber } from '../../shared/types';
import type { Db } from '../connection';
import { accountNumbersByIds, liveAccountsWithValues, sharedNumberColumns } from '../queries/sharedNumbers';
import type { SyncValue } from './ops';
import type { PlannedRow } from './plan';

/**
 * Customer numbers and credit codes are not unique, so a sync file may bring an account whose
 * number another live account already has (two laptops entered the same head-office number
 * offline). The preview lists such pairs as the book will be after the import: each account the
 * file adds, or whose number, code or deletion it changes, against every other live account
 * with the same value, in the book or in the file. Reads only.
 */

/** The most pairs a preview carries; the total counts them all. */
export const sharedNumbersShown = 100;

interface Holder {
  readonly id: string;
  readonly name: string;
  readonly inBook: boolean;
  /** The file adds it, or changes its number, code or deletion. */
  readonly arriving: boolean;
  readonly live: boolean;
  readonly values: Record<SharedNumberKind, string | null>;
}

const watched = ['customer_no', 'credit_code', 'deleted'];
/** What an account's planned row says that matters here. */
const kept = ['name', ...watched];

/** An account the import adds or changes: its id and the planned values of `kept` columns. */
export interface AccountChange {
  readonly id: string;
  readonly isNew: boolean;
  readonly values: Readonly<Record<string, SyncValue>>;
}

/** The part of a planned row this check needs (a preview keeps it for every account of the file). */
export function accountChangeOf(row: PlannedRow): AccountChange | null {
  if (row.table !== 'accounts') return null;
  const values: Record<string, SyncValue> = {};
  for (const column of kept)
    if (Object.hasOwn(row.values, column)) values[column] = row.values[column] ?? null;
  return { id: row.id, isNew: row.insertClock !== null, values };
}

/** The accounts of the file as they will be once it is written. */
function accountsAfter(db: Db, rows: readonly AccountChange[]): Map<string, Holder> {
  const changed = rows.filter((row) => !row.isNew).map((row) => row.id);
  const before = new Map(accountNumbersByIds(db, changed).map((row) => [row.id, row]));
  const holders = new Map<string, Holder>();
  for (const row of rows) {
    const after: Record<string, unknown> = { ...before.get(row.id), ...row.values };
    const text = (column: string) => {
      const value = after[column];
      return typeof value === 'string' && value !== '' ? value : null;
    };
    holders.set(row.id, {
      id: row.id,
      name: String(after['name'] ?? ''),
      inBook: !row.isNew,
      arriving: row.isNew || watched.some((column) => Object.hasOwn(row.values, column)),
      live: after['deleted'] !== 1,
      values: { customerNo: text('customer_no'), creditCode: text('credit_code') },
    });
  }
  return holders;
}

export function sharedNumbersOf(
  db: Db,
  accounts: readonly AccountChange[],
): { readonly pairs: SyncSharedNumber[]; readonly total: number } {
  const inFile = accountsAfter(db, accounts);
  const arriving = [...inFile.values()].filter((holder) => holder.live && holder.arriving);
  const pairs: SyncSharedNumber[] = [];
  let total = 0;
  if (arriving.length === 0) return { pairs, total };
  const live = [...inFile.values()].filter((holder) => holder.live);

  for (const kind of ['customerNo', 'creditCode'] as const) {
    const holdersOf = new Map<string, Holder[]>();
    const add = (value: string | null, holder: Holder) => {
      if (value === null) return;
      const holders = holdersOf.get(value);
      if (holders) holders.push(holder);
      else holdersOf.set(value, [holder]);
    };
    const values = [...new Set(arriving.map((holder) => holder.values[kind]))].filter(
      (value): value is string => value !== null,
    );
    const column = sharedNumberColumns[kind];
    // Accounts the file does not touch stay as they are; the file's own are taken as it leaves them.
    for (const row of liveAccountsWithValues(db, kind, values)) {
      if (inFile.has(row.id)) continue;
      add(row[column], {
        id: row.id,
        name: row.name,
        inBook: true,
        arriving: false,
        live: true,
        values: { customerNo: row.customer_no, creditCode: row.credit_code },
      });
    }
    for (const holder of live) add(holder.values[kind], holder);

    for (const [value, holders] of holdersOf) {
      holders.forEach((incoming, index) => {
        if (!incoming.arriving) return;
        for (const [otherIndex, other] of holders.entries()) {
          // A pair of two arriving accounts is reported once.
          if (other.id === incoming.id || (other.arriving && otherIndex < index)) continue;
          total += 1;
          if (pairs.length < sharedNumbersShown)
            pairs.push({
              kind,
              value,
              incoming: { id: incoming.id, name: incoming.name, inBook: incoming.inBook },
              other: { id: other.id, name: other.name, inBook: other.inBook },
            });
        }
      });
    }
  }
  return { pairs, total };
}
