import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncedTable } from '../../db/schema';
import { write } from '../../db/write';
import type { SyncConflict } from '../../shared/types';
import { createPerson, manager, openBook, type Book } from './operations/helpers';
import { exportFrom, importInto } from './syncHelpers';

/*
 * Settling a conflict writes a value like an edit does, so it is held to the same rule as the
 * edit of that field: the text given for a merge, and the losing text brought back by replace.
 * A refusal is VALIDATION_FAILED at `value`, writes nothing, and leaves the conflict open.
 */

let a: Book;
let b: Book;
beforeEach(async () => {
  [a, b] = await Promise.all([openBook(), openBook()]);
});
afterEach(() => {
  for (const book of [a, b]) book.close();
});

function nextMillisecond(): void {
  const start = Date.now();
  while (Date.now() < start + 2) {
    /* spin: 2 ms */
  }
}

/** Writes a field through the write path without any operation's checks (an older app could). */
function writeUnchecked(book: Book, table: SyncedTable, id: string, patch: Record<string, string>): void {
  write(book.fieldbook.db, manager.actor, (writer) => writer.update(table, id, patch as never));
}

/**
 * A's edit of the field loses to B's later one: the conflict in A's inbox. `mine` and `theirs`
 * write the two edits (A's first).
 */
function conflictOver(mine: (book: Book) => void, theirs: (book: Book) => void): SyncConflict {
  importInto(b, exportFrom(a));
  mine(a);
  nextMillisecond();
  theirs(b);
  importInto(a, exportFrom(b));
  const [conflict, ...more] = a.ok('sync.conflicts', {});
  if (!conflict || more.length > 0) throw new Error('expected one conflict');
  return conflict;
}

const stillOpen = (book: Book, conflict: SyncConflict) =>
  expect(book.ok('sync.conflicts', {}).map((open) => open.id)).toEqual([conflict.id]);

describe('sync.resolveConflict checks the value as the field’s edit does', () => {
  it('a merged name must not be blank nor longer than a name may be; a good one is stored trimmed', () => {
    const account = createPerson(a);
    const conflict = conflictOver(
      (book) => book.ok('accounts.update', { id: account.id, name: '甲改的名字' }),
      (book) => book.ok('accounts.update', { id: account.id, name: '乙改的名字' }),
    );
    expect(conflict).toMatchObject({ column: 'name', losingValue: '甲改的名字' });

    const blank = a.invalid('sync.resolveConflict', { id: conflict.id, resolution: 'merge', value: '   ' }, [
      'value',
    ]);
    expect(blank.issues).toEqual([
      expect.objectContaining({ path: ['value'], code: 'too_small', minimum: 1 }),
    ]);
    const long = a.invalid(
      'sync.resolveConflict',
      { id: conflict.id, resolution: 'merge', value: '名'.repeat(101) },
      ['value'],
    );
    expect(long.issues).toEqual([
      expect.objectContaining({ path: ['value'], code: 'too_big', origin: 'string', maximum: 100 }),
    ]);
    stillOpen(a, conflict);
    expect(a.ok('accounts.get', { id: account.id }).name).toBe('乙改的名字');

    const merged = a.ok('sync.resolveConflict', {
      id: conflict.id,
      resolution: 'merge',
      value: '  甲乙商定的名字 ',
    });
    expect(merged).toMatchObject({ resolution: 'merge', currentValue: '甲乙商定的名字' });
    expect(a.ok('accounts.get', { id: account.id }).name).toBe('甲乙商定的名字');
  });

  it('the rule is the field’s own: 300 characters fit an account’s notes, not a phone’s note', () => {
    const account = createPerson(a, { notes: '原始备注' });
    const phone = a.ok('phones.add', { accountId: account.id, number: '13800138000', note: '原始' });
    importInto(b, exportFrom(a));
    a.ok('accounts.update', { id: account.id, notes: '甲的备注' });
    a.ok('phones.update', { id: phone.id, note: '甲：工作时间' });
    nextMillisecond();
    b.ok('accounts.update', { id: account.id, notes: '乙的备注' });
    b.ok('phones.update', { id: phone.id, note: '乙：只接短信' });
    importInto(a, exportFrom(b));
    const conflicts = a.ok('sync.conflicts', {});
    const onNotes = conflicts.find((conflict) => conflict.column === 'notes');
    const onPhone = conflicts.find((conflict) => conflict.entity === 'phone');
    if (!onNotes || !onPhone) throw new Error('expected both conflicts');

    const text = '长'.repeat(300);
    const refused = a.invalid('sync.resolveConflict', { id: onPhone.id, resolution: 'merge', value: text }, [
      'value',
    ]);
    expect(refused.issues).toEqual([expect.objectContaining({ code: 'too_big', maximum: 200 })]);
    expect(
      a
        .ok('sync.conflicts', {})
        .map((open) => open.id)
        .sort(),
    ).toEqual([onNotes.id, onPhone.id].sort());
    a.ok('sync.resolveConflict', { id: onNotes.id, resolution: 'merge', value: text });
    expect(a.ok('accounts.get', { id: account.id }).notes).toBe(text);
  });

  it('replace refuses to bring back a text the field’s edit would refuse; keep still settles it', () => {
    const account = createPerson(a);
    // An app without today's checks wrote notes longer than an edit takes; B's later edit won.
    const conflict = conflictOver(
      (book) => writeUnchecked(book, 'accounts', account.id, { notes: '旧'.repeat(4001) }),
      (book) => book.ok('accounts.update', { id: account.id, notes: '乙的备注' }),
    );
    const refused = a.invalid('sync.resolveConflict', { id: conflict.id, resolution: 'replace' }, ['value']);
    expect(refused.issues).toEqual([expect.objectContaining({ code: 'too_big', maximum: 4000 })]);
    stillOpen(a, conflict);
    expect(a.ok('accounts.get', { id: account.id }).notes).toBe('乙的备注');
    expect(a.ok('sync.resolveConflict', { id: conflict.id, resolution: 'keep' })).toMatchObject({
      resolution: 'keep',
      currentValue: '乙的备注',
    });
  });

  it('a blank name lost by another device is not brought back', () => {
    const account = createPerson(a);
    const conflict = conflictOver(
      (book) => writeUnchecked(book, 'accounts', account.id, { name: '' }),
      (book) => book.ok('accounts.update', { id: account.id, name: '乙起的名字' }),
    );
    a.invalid('sync.resolveConflict', { id: conflict.id, resolution: 'replace' }, ['value']);
    stillOpen(a, conflict);
  });

  it('keep and replace take no text: one given is refused, not ignored', () => {
    const account = createPerson(a);
    const conflict = conflictOver(
      (book) => book.ok('accounts.update', { id: account.id, address: '甲写的地址' }),
      (book) => book.ok('accounts.update', { id: account.id, address: '乙写的地址' }),
    );
    for (const resolution of ['keep', 'replace'] as const) {
      const error = a.invalid('sync.resolveConflict', { id: conflict.id, resolution, value: '别的' }, [
        'value',
      ]);
      expect(error.issues?.[0]?.code).toBe('sync_value_only_with_merge');
    }
    a.invalid('sync.resolveConflict', { id: conflict.id, resolution: 'merge' }, ['value']);
    stillOpen(a, conflict);
    a.ok('sync.resolveConflict', { id: conflict.id, resolution: 'replace' });
    expect(a.ok('accounts.get', { id: account.id }).address).toBe('甲写的地址');
  });
});
