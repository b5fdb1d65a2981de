import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities } from '../../db/entities';
import type { AccountKind, RelationshipType } from '../../shared/types';
import { createAccount, openBook, type Book } from './operations/helpers';
import { exportFrom, importInto } from './syncHelpers';

/*
 * Undelete in any order: a random small graph of accounts and relationships (employs, holds,
 * family; whatever the rules accept), random deletes of accounts and relationships (made here,
 * or on another device and synced here), then every delete undone here in a random order.
 * Every undelete succeeds, and every account and relationship is as it was before the deletes,
 * with the customer-group rules intact (one parent at most, no cycle).
 */

interface Edge {
  readonly type: RelationshipType;
  readonly from: number;
  readonly to: number;
}

const edge: fc.Arbitrary<Edge> = fc.record({
  type: fc.constantFrom<RelationshipType>('employs', 'holds', 'family'),
  from: fc.nat({ max: 50 }),
  to: fc.nat({ max: 50 }),
});

const scenario = fc.record({
  kinds: fc.array(fc.constantFrom<AccountKind>('organization', 'person'), { minLength: 2, maxLength: 6 }),
  edges: fc.array(edge, { maxLength: 10 }),
  deletes: fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 10 }),
  undoKeys: fc.array(fc.nat({ max: 1000 }), { minLength: 10, maxLength: 10 }),
  deletedElsewhere: fc.boolean(),
});

type Item = { readonly kind: 'accounts' | 'relationships'; readonly id: string };

let here: Book;
let elsewhere: Book;
beforeAll(async () => {
  [here, elsewhere] = await Promise.all([openBook(), openBook()]);
});
afterAll(() => {
  here.close();
  elsewhere.close();
});

/** The synced columns of these rows (what "as it was" means), local columns aside. */
function rowsOf(book: Book, items: readonly Item[]): unknown[] {
  return items.map(({ kind, id }) => {
    const columns = ['id', ...entities[kind].synced].join(', ');
    return book.rows(`SELECT ${columns} FROM ${kind} WHERE id = ?`, id)[0];
  });
}

/** What the account views show: each account's relationships, as the detail lists them. */
function views(book: Book, accounts: readonly string[]): unknown[] {
  return accounts.map((id) =>
    book
      .ok('accounts.detail', { id })
      .relationships.map((view) => [view.type, view.direction, view.other.id]),
  );
}

/** Live holds edges between live companies: each has at most one parent, and none is its own ancestor. */
function expectCustomerGroupsIntact(book: Book, accounts: readonly string[]): void {
  const parentOf = new Map<string, string>();
  for (const id of accounts) {
    const parents = book
      .ok('accounts.detail', { id })
      .relationships.filter((view) => view.type === 'holds' && view.direction === 'in');
    expect(parents.length, `${id} has ${parents.length} parents`).toBeLessThanOrEqual(1);
    if (parents[0]) parentOf.set(id, parents[0].other.id);
  }
  for (const start of parentOf.keys()) {
    const seen = new Set([start]);
    for (let node = parentOf.get(start); node !== undefined; node = parentOf.get(node)) {
      expect(seen.has(node), `cycle through ${node}`).toBe(false);
      seen.add(node);
    }
  }
}

describe('undelete', () => {
  it('restores any set of deletes, undone in any order, exactly as it was', () => {
    fc.assert(
      fc.property(scenario, ({ kinds, edges, deletes, undoKeys, deletedElsewhere }) => {
        const accounts = kinds.map((kind) => createAccount(here, kind).id);
        const organizations = accounts.filter((_, i) => kinds[i] === 'organization');
        const people = accounts.filter((_, i) => kinds[i] === 'person');
        const relationships: string[] = [];
        for (const { type, from, to } of edges) {
          const [fromPool, toPool] =
            type === 'employs'
              ? [organizations, people]
              : type === 'holds'
                ? [organizations, organizations]
                : [people, people];
          const fromId = fromPool[from % Math.max(1, fromPool.length)];
          const toId = toPool[to % Math.max(1, toPool.length)];
          if (fromId === undefined || toId === undefined) continue;
          // Whatever the rules refuse (a cycle, a second parent, itself, twice) is not in the graph.
          const created = here.raw('relationships.create', { fromId, toId, type, role: `${type}${from}` });
          if (created.ok) relationships.push((created.value as { id: string }).id);
        }
        const items: Item[] = [
          ...accounts.map((id) => ({ kind: 'accounts' as const, id })),
          ...relationships.map((id) => ({ kind: 'relationships' as const, id })),
        ];
        const before = rowsOf(here, items);
        const shownBefore = views(here, accounts);

        const deleted = [...new Set(deletes.map((pick) => items[pick % items.length] as Item))];
        const deleter = deletedElsewhere ? elsewhere : here;
        if (deletedElsewhere) importInto(elsewhere, exportFrom(here));
        for (const { kind, id } of deleted) deleter.ok(`${kind}.delete` as 'accounts.delete', { id });
        if (deletedElsewhere) importInto(here, exportFrom(elsewhere));
        expect(rowsOf(here, deleted).every((row) => (row as { deleted: number }).deleted === 1)).toBe(true);

        const order = deleted
          .map((item, i) => ({ item, key: undoKeys[i] ?? i }))
          .sort((x, y) => x.key - y.key)
          .map(({ item }) => item);
        for (const { kind, id } of order) {
          const result = here.raw(`${kind}.undelete`, { id });
          expect(result, `${kind}.undelete ${id}`).toMatchObject({ ok: true });
        }
        expect(rowsOf(here, items)).toEqual(before);
        expect(views(here, accounts)).toEqual(shownBefore);
        expectCustomerGroupsIntact(here, organizations);
      }),
      { numRuns: 60 },
    );
  });
});
