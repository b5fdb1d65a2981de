import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RelationshipType } from '../../shared/types';
import { createOrganization, createPerson, openBook, type Book } from './operations/helpers';
import { content, exportFrom, importInto } from './syncHelpers';

/*
 * Accounts deleted together come back in any order, with the relationships between them, also
 * when the deletes came from another device. Random graphs: undelete.property.test.ts.
 */

let a: Book;
let b: Book;
beforeEach(async () => {
  [a, b] = await Promise.all([openBook(), openBook()]);
});
afterEach(() => {
  for (const book of [a, b]) book.close();
});

const related = (book: Book, id: string) =>
  book
    .ok('accounts.detail', { id })
    .relationships.map((view) => [view.type, view.direction, view.other.id, view.role]);

/** A company, its manager and her husband: employs and family between them. */
function household(book: Book) {
  const company = createOrganization(book);
  const manager = createPerson(book);
  const husband = createPerson(book);
  const relate = (fromId: string, toId: string, type: RelationshipType, role: string) =>
    book.ok('relationships.create', { fromId, toId, type, role });
  relate(company.id, manager.id, 'employs', '总经理');
  relate(manager.id, husband.id, 'family', '配偶');
  return { company: company.id, manager: manager.id, husband: husband.id };
}

describe('undeleting accounts deleted together', () => {
  it('brings back a company and its employee in either order, with the relationship', () => {
    for (const order of ['company first', 'person first'] as const) {
      const { company, manager } = household(a);
      const before = related(a, company);
      a.ok('accounts.delete', { id: company });
      a.ok('accounts.delete', { id: manager });
      const [first, second] = order === 'company first' ? [company, manager] : [manager, company];
      a.ok('accounts.undelete', { id: first });
      // The relationship waits for its other end: nothing shows it yet.
      expect(
        related(a, first).filter(([, , other]) => other === second),
        order,
      ).toEqual([]);
      a.ok('accounts.undelete', { id: second });
      expect(related(a, company), order).toEqual(before);
    }
  });

  it('brings back three accounts and a relationship deleted on its own, in any order', () => {
    const { company, manager, husband } = household(a);
    const snapshot = () => [company, manager, husband].map((id) => related(a, id));
    const before = snapshot();
    const [family] = a.rows("SELECT id FROM relationships WHERE type = 'family'") as { id: string }[];
    a.ok('relationships.delete', { id: family?.id ?? '' });
    for (const id of [manager, husband, company]) a.ok('accounts.delete', { id });
    a.ok('accounts.undelete', { id: husband });
    a.ok('relationships.undelete', { id: family?.id ?? '' });
    a.ok('accounts.undelete', { id: company });
    a.ok('accounts.undelete', { id: manager });
    expect(snapshot()).toEqual(before);
  });

  it('brings them back when the deletes came from another device, and the undeletes travel back', () => {
    const { company, manager, husband } = household(a);
    const before = [company, manager, husband].map((id) => related(a, id));
    importInto(b, exportFrom(a, true));
    // On b: the company is deleted; on a: the manager. Each sees both deletes after one exchange.
    b.ok('accounts.delete', { id: company });
    a.ok('accounts.delete', { id: manager });
    importInto(a, exportFrom(b));
    importInto(b, exportFrom(a));
    for (const book of [a, b]) {
      const deleted = book.rows('SELECT id FROM accounts WHERE deleted = 1 ORDER BY id');
      expect(deleted).toEqual([{ id: company }, { id: manager }].sort((x, y) => x.id.localeCompare(y.id)));
    }
    // a takes the company back first (the person it employs is still deleted), then the manager.
    a.ok('accounts.undelete', { id: company });
    a.ok('accounts.undelete', { id: manager });
    expect([company, manager, husband].map((id) => related(a, id))).toEqual(before);
    importInto(b, exportFrom(a));
    expect([company, manager, husband].map((id) => related(b, id))).toEqual(before);
    expect(content(b)).toEqual(content(a));
  });

  it('brings them back on the device that received both deletes, in the other order', () => {
    const { company, manager, husband } = household(a);
    const before = [company, manager, husband].map((id) => related(a, id));
    importInto(b, exportFrom(a, true));
    b.ok('accounts.delete', { id: company });
    b.ok('accounts.delete', { id: manager });
    importInto(a, exportFrom(b));
    a.ok('accounts.undelete', { id: manager });
    a.ok('accounts.undelete', { id: company });
    expect([company, manager, husband].map((id) => related(a, id))).toEqual(before);
  });

  it('still refuses what became impossible meanwhile: a new parent company, a taken number', () => {
    const parent = createOrganization(a);
    const subsidiary = createOrganization(a);
    a.ok('relationships.create', { fromId: parent.id, toId: subsidiary.id, type: 'holds', role: '' });
    a.ok('accounts.delete', { id: parent.id });
    a.ok('accounts.delete', { id: subsidiary.id });
    a.ok('accounts.undelete', { id: subsidiary.id });
    const other = createOrganization(a);
    a.ok('relationships.create', { fromId: other.id, toId: subsidiary.id, type: 'holds', role: '' });
    a.rejects('accounts.undelete', { id: parent.id }, 'HOLDS_SECOND_PARENT');

    const numbered = createPerson(a, { customerNo: 'HQ0001' });
    a.ok('accounts.delete', { id: numbered.id });
    createPerson(a, { customerNo: 'HQ0001' });
    a.rejects('accounts.undelete', { id: numbered.id }, 'DUPLICATE_CUSTOMER_NO');
  });
});
