import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOp, rowOpSchema } from '../../db/sync/ops';

/*
 * `checkOp` takes plain row ops by a hand-written check before the zod schema (an import reads a
 * million of them). The hand check must never accept what the schema refuses: for candidates
 * built near the valid shape (each part valid or subtly not), whatever `checkOp` accepts as a
 * row op the schema accepts too, and it returns the same op.
 */

const clocks = [
  '2026-11-27T08:00:00.000Z-0000-0123456789abcdef',
  '2026-11-27T08:00:00.000Z-00A1-fedcba9876543210',
  '2026-11-27T08:00:00.000Z-00a1-fedcba9876543210',
  '2026-11-27T08:00:00.000Z-0000-0123456789ABCDEF',
  '2026-02-30T08:00:00.000Z-0000-0123456789abcdef',
  '2026-11-27T08:00:00.000Z-0000-0123456789abcdef ',
  '1999-12-31T23:59:59.999Z-0000-0123456789abcdef',
  '2026-11-27T08:00:00.000Z-0000-0123456789abcde',
  '2026-11-27T08:00:00.000Z-0000-0123456789abcdef\n',
  '',
];
const clock = fc.oneof(fc.constantFrom(...clocks), fc.string());
const id = fc.oneof(
  fc.constant('01937a5d-ff33-755c-a25a-4416570d8662'),
  fc.constant('01937A5D-FF33-755C-A25A-4416570D8662'),
  fc.constant('01937a5d-ff33-755c-a25a-4416570d866'),
  fc.constant('01937a5d-ff33-755c-a25a-4416570d8662\n'),
  fc.uuid(),
  fc.string(),
);
const value = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);
const column = fc.constantFrom('name', 'notes', 'amount_fen', 'period', 'hlc', 'seq', '__proto__', 'x');
const record = <T>(of: fc.Arbitrary<T>) =>
  fc.oneof(fc.dictionary(column, of, { maxKeys: 4 }), fc.constant(null), fc.constant([]), fc.string());
const candidate = fc.record(
  {
    t: fc.oneof(fc.constantFrom('accounts', 'consumption', 'visits', 'sync_ops', 'Accounts'), fc.integer()),
    id,
    h: clock,
    row: record(value),
    f: record(clock),
    c: column,
    extra: value,
  },
  { requiredKeys: [] },
);

/** The candidate as it would come from `JSON.parse` (own `__proto__` keys and all). */
const asDecoded = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

describe('checkOp', () => {
  it('property: a row op it accepts is one the schema accepts, unchanged', () => {
    fc.assert(
      fc.property(candidate, (built) => {
        const decoded = asDecoded(built);
        const checked = checkOp(decoded);
        if (!checked.ok || !('row' in checked.op)) return;
        const parsed = rowOpSchema.safeParse(decoded);
        expect(parsed.success).toBe(true);
        expect(checked.op).toEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses what the hand check could let through: a bad clock, key, value or column', () => {
    const good = {
      t: 'accounts',
      id: '01937a5d-ff33-755c-a25a-4416570d8662',
      h: clocks[0],
      row: { name: '曾小贤', notes: null },
      f: { name: clocks[1] },
    };
    expect(checkOp(good).ok).toBe(true);
    // The remembered time part of a clock does not vouch for the rest of another clock.
    expect(checkOp({ ...good, h: clocks[2] }).ok).toBe(false);
    expect(checkOp({ ...good, f: { name: clocks[3] } }).ok).toBe(false);
    expect(checkOp({ ...good, h: clocks[4] }).ok).toBe(false);
    expect(checkOp({ ...good, h: clocks[5] }).ok).toBe(false);
    expect(checkOp({ ...good, id: '01937A5D-FF33-755C-A25A-4416570D8662' }).ok).toBe(false);
    expect(checkOp({ ...good, t: 'sync_ops' }).ok).toBe(false);
    expect(checkOp({ ...good, row: { name: Number.NaN } }).ok).toBe(false);
    expect(checkOp({ ...good, row: { name: [] } }).ok).toBe(false);
    expect(checkOp({ ...good, row: [] }).ok).toBe(false);
    expect(checkOp({ ...good, extra: 1 }).ok).toBe(false);
    expect(checkOp({ ...good, row: { hlc: clocks[0] } }).ok).toBe(false);
    expect(checkOp({ ...good, f: { notes: clocks[0], nickname: clocks[0] } }).ok).toBe(false);
    expect(checkOp(asDecoded(JSON.parse('{"__proto__":1}'))).ok).toBe(false);
    expect(
      checkOp(JSON.parse(JSON.stringify({ ...good, row: { name: 'x' } }).replace('"name"', '"__proto__"')))
        .ok,
    ).toBe(false);
  });
});
