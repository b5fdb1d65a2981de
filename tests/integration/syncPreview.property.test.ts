import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { isRowOp, type SyncOp } from '../../db/sync/ops';
import { entities } from '../../db/entities';
import { ApiError } from '../../shared/errors';
import { openBook, type Book } from './operations/helpers';
import { open } from '../../db/sync/apply';
import { previewBundle } from '../../db/sync/preview';
import { bundle, exportFrom, importChecked, importInto, passphrase } from './syncHelpers';

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

describe('sync preview and the CHECK constraints', () => {
  it('refuses every value a CHECK of a synced column refuses, as the import does', async () => {
    // The preview planned alone writes nothing, so the CHECKs never run: the column rules
    // (db/entities) must refuse all they refuse. Every CHECK'd column of every synced table.
    const source = await openBook();
    const target = await openBook();
    try {
      const account = source.ok('accounts.create', { kind: 'person', name: '检查' });
      source.ok('anniversaries.create', {
        accountId: account.id,
        kind: 'birthday',
        calendar: 'lunar',
        month: 8,
        day: 15,
      });
      source.ok('contracts.create', {
        accountId: account.id,
        number: 'HT-1',
        service: 'data',
        startDate: '2026-01-01',
        endDate: '2027-12-31',
        monthlyFen: 100_000,
      });
      const opened = open(exportFrom(source, true), passphrase);
      const rows = [...opened.chunks()].flat().filter(isRowOp);
      let tried = 0;
      for (const table of Object.keys(entities)) {
        const sql = String(
          target.rows('SELECT sql FROM sqlite_master WHERE name = ?', table)[0]?.['sql'] ?? '',
        );
        const checked = [...sql.matchAll(/^\s*,?\s*(\w+) [A-Z]+ [^,\n]*CHECK/gm)].map(
          (match) => match[1] ?? '',
        );
        const model = rows.find((op) => op.t === table);
        for (const column of checked) {
          if (!model || !entities[model.t].synced.includes(column)) continue;
          for (const value of ['robot', '', 2, -1, 13, 32, 0.5, 1.5]) {
            const op: SyncOp = { ...model, id: newId(), row: { ...model.row, [column]: value } };
            const file = bundle([...rows.filter((other) => other.t === 'accounts'), op]);
            const previewed = code(() => previewBundle(target.fieldbook.db, file, passphrase));
            const imported = code(() => importInto(target, file));
            expect(previewed, `${table}.${column} = ${JSON.stringify(value)}`).toBe(imported);
            tried += 1;
          }
        }
      }
      expect(tried).toBeGreaterThan(60);
    } finally {
      source.close();
      target.close();
    }
  }, 60_000);
});
