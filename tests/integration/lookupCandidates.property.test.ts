import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as lookupQueries from '../../db/queries/lookup';
import { lookupStatement } from '../../db/queries/lookup';
import { parseLookupQuery } from '../../shared/domain/lookupQuery';
import { openBook, type Book } from './operations/helpers';

/**
 * The lookup statement returns only the candidates that can be shown (db/queries/lookup.ts).
 * Whatever the book, query, limit and archive filter, the answer — hits in order, their
 * matches and highlights, the total and whether it was capped — must be exactly what ranking
 * every candidate of every branch gave. The reference is the same statement with
 * `keepEveryCandidate`, switched under the handler.
 */
const state = vi.hoisted(() => ({ keepEveryCandidate: false }));

vi.mock('../../db/queries/lookup', async (importOriginal) => {
  const actual = await importOriginal<typeof lookupQueries>();
  return {
    ...actual,
    lookupStatement: (...[parsed, limit, includeArchived]: Parameters<typeof actual.lookupStatement>) =>
      actual.lookupStatement(parsed, limit, includeArchived, {
        keepEveryCandidate: state.keepEveryCandidate,
      }),
  };
});

// Few characters sharing readings and initials, so branches fill up and overlap: 张/章 zhang,
// 三/山/森 s…, 王/汪 wang, 李/黎/林 l…, 芳/方/飞 f…, plus a Latin run.
const characters = ['张', '章', '三', '山', '森', '王', '汪', '李', '黎', '林', '芳', '方', '飞', '华', '海'];
const latinQueries = [
  'z',
  'zs',
  'zh',
  'zha',
  'zhang',
  'zhangsan',
  'ws',
  'wang',
  'l',
  'li',
  'lin',
  'f',
  'fang',
  'hs',
  'sz',
  'k',
  'ibm',
];

let book: Book;

beforeAll(async () => {
  book = await openBook();
  const random = fc.sample(fc.array(fc.nat({ max: characters.length - 1 }), { minLength: 2, maxLength: 4 }), {
    numRuns: 240,
    seed: 7,
  });
  // Whole names that are other names' beginnings, some archived: exact matches that outrank
  // the prefix matches of active accounts.
  const names = [
    '张三',
    '张三',
    '章山',
    '王芳',
    '汪方',
    '李林',
    ...random.map((picks) => picks.map((pick) => characters[pick] ?? '').join('')),
  ];
  for (const [i, picked] of names.entries()) {
    const name = picked + (i % 23 === 0 ? ' IBM' : '');
    // Same names on purpose: many accounts share a name here.
    const kind = i % 3 === 0 ? 'organization' : 'person';
    const account = book.ok('accounts.create', { kind, name, allowDuplicate: true });
    if (i % 4 === 1) book.ok('accounts.archive', { id: account.id });
    if (i % 11 === 2) book.ok('accounts.delete', { id: account.id });
  }
});

afterAll(() => book.close());

/**
 * How many accounts match, straight from the keys with no branch or limit: the total the
 * answer must give (this book is far below the count limit).
 */
function matchingAccounts(text: string, includeArchived: boolean): number {
  const statement = lookupStatement(parseLookupQuery(text), 1, includeArchived);
  if (statement === null) return 0;
  const { nameLo, nameHi, numberLo, numberHi } = statement.parameters;
  const archived = includeArchived ? '' : 'AND archived = 0';
  const status = includeArchived ? '' : "AND status = 'active'";
  const rows = book.rows(
    `SELECT account_rid AS rid FROM search_keys WHERE key >= ? AND key < ? ${archived}
     UNION SELECT rid FROM accounts WHERE customer_no >= ? AND customer_no < ? AND deleted = 0 ${status}`,
    nameLo ?? '',
    nameHi ?? '',
    numberLo ?? '\uffff',
    numberHi ?? '\uffff',
  );
  return rows.length;
}

const query = fc.oneof(
  fc.constantFrom(...latinQueries),
  fc.array(fc.constantFrom(...characters), { minLength: 1, maxLength: 3 }).map((picked) => picked.join('')),
);

describe('lookup candidates', () => {
  it('are found by statements whose limits are in the text, not bound', () => {
    // A bound LIMIT has this SQLite (STAT4) prepare the statement again at every run.
    for (const text of ['zs', '张三', '13800138000', 'K0ABC', 'x'.repeat(30)]) {
      const statement = lookupStatement(parseLookupQuery(text), 30, true);
      expect(statement?.sql).toMatch(/LIMIT 30\b/);
      expect(statement?.sql).not.toMatch(/LIMIT\s*[?:@$]/i);
    }
  });

  it('give the same answer as ranking every candidate', () => {
    fc.assert(
      fc.property(query, fc.integer({ min: 1, max: 8 }), fc.boolean(), (text, limit, includeArchived) => {
        expect(parseLookupQuery(text).kind).not.toBe('empty');
        state.keepEveryCandidate = true;
        const reference = book.ok('lookup.search', { query: text, limit, includeArchived });
        state.keepEveryCandidate = false;
        const trimmed = book.ok('lookup.search', { query: text, limit, includeArchived });
        expect(trimmed).toEqual(reference);
        expect(trimmed).toMatchObject({ total: matchingAccounts(text, includeArchived), totalCapped: false });
        expect(trimmed.hits).toHaveLength(Math.min(limit, trimmed.total));
      }),
      { numRuns: 400, seed: 20261206 },
    );
  });
});
