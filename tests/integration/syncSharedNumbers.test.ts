import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import type { SyncPreview } from '../../shared/types';
import { createOrganization, createPerson, creditCode, openBook, type Book } from './operations/helpers';
import { bundle, exportFrom, importInto, passphrase } from './syncHelpers';

/*
 * Customer numbers and credit codes are not unique: two laptops can each enter the same one
 * offline. The preview warns of the pairs a file would make (and still imports), and
 * `accounts.sharedNumbers` lists every value live accounts share afterwards.
 */

let a: Book;
let b: Book;
beforeEach(async () => {
  [a, b] = await Promise.all([openBook(), openBook()]);
});
afterEach(() => {
  for (const book of [a, b]) book.close();
});

const preview = (book: Book, file: Buffer): SyncPreview =>
  book.ok('sync.preview', { contentBase64: file.toString('base64'), passphrase });

const newAccountRow = (name: string, customerNo: string, extra: Record<string, string | number> = {}) => ({
  t: 'accounts' as const,
  id: newId(),
  h: `${new Date().toISOString()}-0000-fedcba9876543210`,
  row: { kind: 'person', customer_no: customerNo, name, tier: 'general', status: 'active', ...extra },
});

describe('sync.preview reports shared customer numbers and credit codes', () => {
  it('an account from the file with the number of one in the book: warned, and still imported', () => {
    const mine = createPerson(a, { name: '本机的张三', customerNo: 'HQ0001' });
    const theirs = createPerson(b, { name: '远方的张三', customerNo: 'hq0001' });
    const file = exportFrom(b);
    const seen = preview(a, file);
    expect(seen.sharedNumbers).toEqual([
      {
        kind: 'customerNo',
        value: 'HQ0001',
        incoming: { id: theirs.id, name: '远方的张三', inBook: false },
        other: { id: mine.id, name: '本机的张三', inBook: true },
      },
    ]);
    expect(seen.sharedNumbersTotal).toBe(1);
    expect(seen.totals.new).toBe(1);

    a.ok('sync.import', { contentBase64: file.toString('base64'), passphrase, expectedDigest: seen.digest });
    expect(a.ok('accounts.sharedNumbers', {})).toEqual({
      total: 1,
      groups: [
        {
          kind: 'customerNo',
          value: 'HQ0001',
          accounts: [
            expect.objectContaining({ id: mine.id, name: '本机的张三' }),
            expect.objectContaining({ id: theirs.id, name: '远方的张三' }),
          ],
        },
      ],
    });
    // Seen again in a later file, the pair is already in the book: nothing new to warn of.
    b.ok('accounts.update', { id: theirs.id, notes: '改了备注' });
    expect(preview(a, exportFrom(b)).sharedNumbers).toEqual([]);
  });

  it('two accounts of the same file with one number are one pair; a deleted one is none', () => {
    const first = newAccountRow('甲', 'HQ7');
    const second = newAccountRow('乙', 'HQ7');
    const deleted = newAccountRow('丙', 'HQ7', { deleted: 1 });
    const seen = preview(a, bundle([first, second, deleted]));
    expect(seen.sharedNumbers).toEqual([
      {
        kind: 'customerNo',
        value: 'HQ7',
        incoming: { id: first.id, name: '甲', inBook: false },
        other: { id: second.id, name: '乙', inBook: false },
      },
    ]);
  });

  it('an organization with the credit code of another', () => {
    const code = creditCode('91440300715267260');
    const mine = createOrganization(a, { name: '本机公司', creditCode: code });
    const theirs = createOrganization(b, { name: '远方公司', creditCode: code });
    expect(preview(a, exportFrom(b)).sharedNumbers).toEqual([
      expect.objectContaining({
        kind: 'creditCode',
        value: code,
        incoming: expect.objectContaining({ id: theirs.id }),
        other: expect.objectContaining({ id: mine.id }),
      }),
    ]);
  });

  it('judges the book as the import leaves it: a changed number, a number moved away, deleted accounts', () => {
    const moving = createPerson(a, { customerNo: 'HQ1' });
    const renumbered = createPerson(a, { customerNo: 'HQ2' });
    importInto(b, exportFrom(a));
    // B moves one account off HQ1 and gives HQ1 to a new one: no pair for HQ1.
    b.ok('accounts.update', { id: moving.id, customerNo: 'HQ9' });
    const newcomer = createPerson(b, { customerNo: 'HQ1' });
    // B renumbers another to HQ3, which A meanwhile gave to a new account: a pair of two in the book.
    b.ok('accounts.update', { id: renumbered.id, customerNo: 'HQ3' });
    const taken = createPerson(a, { customerNo: 'HQ3' });
    // A deleted account with B's next number is no pair.
    const gone = createPerson(a, { customerNo: 'HQ4' });
    a.ok('accounts.delete', { id: gone.id });
    createPerson(b, { customerNo: 'HQ4' });

    const seen = preview(a, exportFrom(b));
    expect(seen.sharedNumbers).toEqual([
      {
        kind: 'customerNo',
        value: 'HQ3',
        incoming: expect.objectContaining({ id: renumbered.id, inBook: true }),
        other: expect.objectContaining({ id: taken.id, inBook: true }),
      },
    ]);
    expect(seen.sharedNumbers.some((pair) => pair.incoming.id === newcomer.id)).toBe(false);
  });

  it('a file already imported warns of nothing', () => {
    createPerson(a, { customerNo: 'HQ5' });
    createPerson(b, { customerNo: 'HQ5' });
    const file = exportFrom(b);
    importInto(a, file);
    expect(preview(a, file)).toMatchObject({
      alreadyImported: true,
      sharedNumbers: [],
      sharedNumbersTotal: 0,
    });
  });
});

describe('accounts.sharedNumbers', () => {
  it('lists live accounts sharing a number or a code, numbers first; deleted accounts do not count', () => {
    const code = creditCode('91350100M000100Y4');
    createPerson(a, { customerNo: 'HQ0003' });
    const organization = createOrganization(a, { creditCode: code });
    const twin = createPerson(b, { customerNo: 'HQ0003' });
    const otherOrganization = createOrganization(b, { creditCode: code });
    // HQ0002 too, until one of its two accounts is deleted.
    createPerson(b, { customerNo: 'HQ0002' });
    const deleted = createPerson(a, { customerNo: 'HQ0002' });
    importInto(a, exportFrom(b));
    expect(a.ok('accounts.sharedNumbers', {}).total).toBe(3);
    a.ok('accounts.delete', { id: deleted.id });

    const shared = a.ok('accounts.sharedNumbers', {});
    expect(shared.total).toBe(2);
    expect(shared.groups.map((group) => [group.kind, group.value, group.accounts.length])).toEqual([
      ['customerNo', 'HQ0003', 2],
      ['creditCode', code, 2],
    ]);
    expect(shared.groups[0]?.accounts.map((account) => account.id)).toContain(twin.id);
    expect(shared.groups[1]?.accounts.map((account) => account.id).sort()).toEqual(
      [organization.id, otherOrganization.id].sort(),
    );
    expect(a.ok('accounts.sharedNumbers', { limit: 1 })).toMatchObject({
      total: 2,
      groups: [{ value: 'HQ0003' }],
    });
  });

  it('an empty book has none', () => {
    createPerson(a);
    expect(a.ok('accounts.sharedNumbers', undefined)).toEqual({ total: 0, groups: [] });
  });
});
