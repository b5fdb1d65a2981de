import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import type { SyncOp } from '../../db/sync/ops';
import { ApiError } from '../../shared/errors';
import { openBook, type Book } from './operations/helpers';
import { bundle, importChecked } from './syncHelpers';

/*
 * "Preview equals import" on files made by hand, as a relay or a faulty device could write them:
 * rows named in several ops (so, at `importChecked`'s 3 ops a chunk, in several chunks), field
 * ops beside row ops, older and newer clocks from two devices, values that conflict, rows this
 * book lacks. For each file: the preview's counts are the import's, or both refuse it with the
 * same code; at 3 ops a chunk the plan alone, where it answers, is the import rolled back. The
 * property meets both ways of previewing (alone, and the import rolled back).
 */

const nodes = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'] as const;
const texts = ['一', '二', '三'] as const;

type OpSpec =
  | {
      readonly k: 'row';
      readonly row: number;
      readonly ms: number;
      readonly n: number;
      readonly text: number;
    }
  | {
      readonly k: 'field';
      readonly row: number;
      readonly ms: number;
      readonly n: number;
      readonly text: number;
    };

const opSpec: fc.Arbitrary<OpSpec> = fc.record({
  k: fc.constantFrom('row' as const, 'field' as const),
  row: fc.nat({ max: 5 }),
  ms: fc.integer({ min: -200_000, max: 5_000 }),
  n: fc.nat({ max: 1 }),
  text: fc.nat({ max: 2 }),
});

let book: Book;
let existing: string[] = [];
let serial = 0;
const paths = { alone: 0, import: 0, refused: 0 };

beforeAll(async () => {
  book = await openBook();
});
afterAll(() => book.close());

function code(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
}

describe('sync preview', () => {
  it('property: on files naming rows again, the preview says what the import does', () => {
    fc.assert(
      fc.property(fc.array(opSpec, { minLength: 1, maxLength: 14 }), (specs) => {
        // Three rows this book has (edited here, so their notes have clocks of their own), three it lacks.
        existing = [0, 1, 2].map(() => {
          serial += 1;
          const account = book.ok('accounts.create', {
            kind: 'person',
            name: `客户${serial}`,
            notes: '本机',
          });
          book.ok('accounts.update', { id: account.id, notes: '本机改' });
          return account.id;
        });
        const fresh = [newId(), newId(), newId()];
        const ids = [...existing, ...fresh];
        const now = Date.now();
        const named = new Set<string>();
        const ops: SyncOp[] = specs.map((spec, index): SyncOp => {
          let id = ids[spec.row] ?? '';
          const counter = index.toString(16).toUpperCase().padStart(4, '0');
          const h = `${new Date(now + spec.ms).toISOString()}-${counter}-${nodes[spec.n]}`;
          const text = texts[spec.text] ?? '';
          if (spec.k === 'field') {
            // Mostly at a row the book or the file has; now and then at one neither has (refused).
            if (spec.row >= 3 && !named.has(id) && spec.ms % 7 !== 0) id = existing[spec.row - 3] ?? id;
            return { t: 'accounts', id, c: 'notes', v: text, h };
          }
          named.add(id);
          const whole = {
            kind: 'person',
            customer_no: `HQ${spec.row}${serial}`,
            name: text,
            tier: 'general',
            status: 'active',
            notes: text,
          };
          return { t: 'accounts', id, h, row: spec.row >= 3 ? whole : { notes: text, name: text } };
        });
        const file = bundle(ops);
        let alone = false;
        const refused = code(() => {
          alone = importChecked(book, file).alone;
        });
        // A refusal was the import's and the preview's alike (importChecked compares them).
        if (refused !== null) paths.refused += 1;
        else paths[alone ? 'alone' : 'import'] += 1;
      }),
      { numRuns: 120 },
    );
    expect(paths.alone).toBeGreaterThan(10);
    expect(paths.import).toBeGreaterThan(10);
    expect(paths.refused).toBeGreaterThan(0);
  }, 120_000);
});
