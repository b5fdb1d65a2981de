import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileRights, mergeBundle, open } from '../../db/sync/apply';
import { isRowOp, type RowOp, type SyncOp } from '../../db/sync/ops';
import { planBundle } from '../../db/sync/plan';
import { writeBatch } from '../../db/write';
import { createPerson, manager, openBook, type Book } from './operations/helpers';
import { bundle, exportFrom, fieldClock, passphrase } from './syncHelpers';

/*
 * How the merge reads the book between the chunks of one file: a table that was empty when the
 * import began is not read for rows the import has not written (db/sync/bookRows.ts), so a row
 * an earlier chunk wrote must still be found by a later one; and a new row keeps the op's own
 * values object (db/sync/rowStates.ts) without ever changing the op.
 */

let source: Book;
let target: Book;
beforeEach(async () => {
  [source, target] = await Promise.all([openBook(), openBook()]);
});
afterEach(() => {
  for (const book of [source, target]) book.close();
});

/** The account row op of a full export of `source`, and the same row edited later. */
function accountTwice(): [RowOp, RowOp] {
  const person = createPerson(source, { notes: 'first' });
  const ops: SyncOp[] = [];
  for (const chunk of open(exportFrom(source, true), passphrase).chunks()) ops.push(...chunk);
  const first = ops.find((op): op is RowOp => isRowOp(op) && op.t === 'accounts' && op.id === person.id);
  if (!first) throw new Error('the export carries the account');
  // The same device's next write: a greater counter at the same wall time.
  const later = first.h.replace(/-([0-9A-F]{4})-/, (_, counter: string) => {
    const next = (parseInt(counter, 16) + 1).toString(16).toUpperCase().padStart(4, '0');
    return `-${next}-`;
  });
  return [first, { ...first, h: later, row: { ...first.row, notes: 'second' } }];
}

/** Imports `ops` into `target` a chunk of `size` ops at a time. */
function importInChunks(ops: SyncOp[], size: number) {
  const db = target.fieldbook.db;
  const opened = open(bundle(ops), passphrase);
  const small = { ...opened, chunks: () => opened.chunks(size) };
  return writeBatch(db, manager.actor, 'sync.import', (writer) =>
    mergeBundle(db, writer, small, manager.actor, fileRights(db, small, undefined)),
  );
}

describe('a file read a chunk at a time', () => {
  it('into an empty book, a row an earlier chunk wrote is found and merged, not made twice', () => {
    const [first, second] = accountTwice();
    const tally = importInChunks([first, second], 1);
    expect(tally.counts['account']).toEqual({ new: 1, changed: 1, ignoredOlder: 0, conflicts: 0 });
    expect(target.rows('SELECT notes FROM accounts')).toEqual([{ notes: 'second' }]);
    expect(fieldClock(target, 'accounts', first.id, 'notes')).toBe(second.h);
  });

  it('an older copy in a later chunk is found too, and changes nothing', () => {
    const [first, second] = accountTwice();
    const tally = importInChunks([second, first], 1);
    expect(tally.counts['account']).toEqual({ new: 1, changed: 0, ignoredOlder: 1, conflicts: 0 });
    expect(target.rows('SELECT notes FROM accounts')).toEqual([{ notes: 'second' }]);
  });

  it("planning a row twice in one chunk leaves the file's ops as they were", () => {
    const [first, second] = accountTwice();
    const ops = [first, second];
    const before = structuredClone(ops);
    const plan = planBundle(target.fieldbook.db, ops, 'fedcba9876543210');
    expect(ops).toEqual(before);
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0]?.values['notes']).toBe('second');
    // Planned again from the same ops: the same plan.
    expect(planBundle(target.fieldbook.db, ops, 'fedcba9876543210').rows[0]?.values).toEqual(
      plan.rows[0]?.values,
    );
  });
});
