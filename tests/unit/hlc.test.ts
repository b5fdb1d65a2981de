import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clockLimit,
  formatHlc,
  isAhead,
  isHlc,
  minHlcMillis,
  parseHlc,
  receiveHlc,
  tickHlc,
  type Hlc,
} from '../../shared/domain/hlc';

const node = '0123456789abcdef';
const otherNode = 'fedcba9876543210';
const t = Date.UTC(2026, 10, 27, 8);
/** Leaves room for one overflow into the next millisecond within year 9999. */
const maxMillis = Date.UTC(9999, 11, 31, 23, 59, 59, 998);

const hexNode = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 16 });
const hlc: fc.Arbitrary<Hlc> = fc.record({
  millis: fc.integer({ min: minHlcMillis, max: maxMillis }),
  counter: fc.integer({ min: 0, max: 0xffff }),
  node: hexNode,
});
/** Clocks that sit close together, so ties in millis and counters are common. */
const nearbyHlc: fc.Arbitrary<Hlc> = fc.record({
  millis: fc.integer({ min: t, max: t + 3 }),
  counter: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0xfffd, max: 0xffff })),
  node: fc.constantFrom(node, otherNode),
});

const compareTuples = (a: Hlc, b: Hlc) =>
  Math.sign(a.millis - b.millis) ||
  Math.sign(a.counter - b.counter) ||
  (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('hybrid logical clock', () => {
  it('formats as ISO time, hex counter and node', () => {
    expect(formatHlc({ millis: t, counter: 0, node })).toBe('2026-11-27T08:00:00.000Z-0000-0123456789abcdef');
    expect(formatHlc({ millis: t + 5, counter: 0xab, node })).toBe(
      '2026-11-27T08:00:00.005Z-00AB-0123456789abcdef',
    );
  });

  it('parses what it formats, and nothing else', () => {
    expect(parseHlc('2026-11-27T08:00:00.005Z-00AB-0123456789abcdef')).toEqual({
      millis: t + 5,
      counter: 0xab,
      node,
    });
    for (const bad of [
      '',
      '2026-11-27T08:00:00.005Z-00ab-0123456789abcdef',
      '2026-11-27T08:00:00.005Z-00AB-0123456789ABCDEF',
      '2026-11-27T08:00:00Z-0000-0123456789abcdef',
      '2026-11-27T08:00:00.000Z-0000-0123456789abcde',
      // Outside the years 2000 to 9999, or no such day.
      '1999-12-31T23:59:59.999Z-0000-0123456789abcdef',
      '+010000-01-01T00:00:00.000Z-0000-0123456789abcdef',
      '2026-02-30T08:00:00.000Z-0000-0123456789abcdef',
      '2026-13-01T08:00:00.000Z-0000-0123456789abcdef',
    ]) {
      expect(isHlc(bad)).toBe(false);
      expect(() => parseHlc(bad)).toThrow(RangeError);
    }
  });

  it('compares clocks with a limit of wall time plus drift', () => {
    const limit = clockLimit(t, 24 * 3_600_000);
    expect(limit).toBe('2026-11-28T08:00:00.000Z');
    expect(isAhead('2026-11-28T08:00:00.000Z-FFFF-ffffffffffffffff', limit)).toBe(false);
    expect(isAhead('2026-11-28T08:00:00.001Z-0000-0000000000000000', limit)).toBe(true);
    expect(isAhead('9999-12-31T23:59:59.999Z-FFFF-ffffffffffffffff', limit)).toBe(true);
    expect(clockLimit(Date.UTC(9999, 11, 31), 48 * 3_600_000)).toBe('9999-12-31T23:59:59.999Z');
  });

  it('property: format and parse round-trip', () => {
    fc.assert(
      fc.property(hlc, (clock) => {
        const text = formatHlc(clock);
        expect(isHlc(text)).toBe(true);
        expect(parseHlc(text)).toEqual(clock);
      }),
    );
  });

  it('property: string order equals (millis, counter, node) order', () => {
    fc.assert(
      fc.property(fc.oneof(hlc, nearbyHlc), fc.oneof(hlc, nearbyHlc), (a, b) => {
        expect(compareStrings(formatHlc(a), formatHlc(b))).toBe(compareTuples(a, b));
      }),
    );
  });

  describe('tickHlc', () => {
    it('takes the wall clock when it has moved on', () => {
      expect(tickHlc({ millis: t, counter: 7, node }, t + 1)).toEqual({ millis: t + 1, counter: 0, node });
    });

    it('counts events within one millisecond', () => {
      expect(tickHlc({ millis: t, counter: 7, node }, t)).toEqual({ millis: t, counter: 8, node });
    });

    it('never goes backwards when the wall clock does', () => {
      expect(tickHlc({ millis: t, counter: 7, node }, t - 60_000)).toEqual({ millis: t, counter: 8, node });
    });

    it('moves to the next millisecond when the counter is full', () => {
      expect(tickHlc({ millis: t, counter: 0xffff, node }, t)).toEqual({ millis: t + 1, counter: 0, node });
      expect(tickHlc({ millis: t, counter: 0xffff, node }, t - 5)).toEqual({
        millis: t + 1,
        counter: 0,
        node,
      });
    });

    it('property: any sequence of wall-clock readings gives strictly increasing clocks', () => {
      fc.assert(
        fc.property(
          nearbyHlc,
          fc.array(fc.integer({ min: t - 2, max: t + 5 }), { minLength: 1, maxLength: 40 }),
          (start, readings) => {
            let last = start;
            for (const reading of readings) {
              const next = tickHlc(last, reading);
              expect(formatHlc(next) > formatHlc(last)).toBe(true);
              expect(next.node).toBe(start.node);
              last = next;
            }
          },
        ),
      );
    });
  });

  describe('receiveHlc', () => {
    it('is later than a remote clock from the future', () => {
      const local = { millis: t, counter: 3, node };
      const remote = { millis: t + 1000, counter: 9, node: otherNode };
      expect(receiveHlc(local, remote, t)).toEqual({ millis: t + 1000, counter: 10, node });
    });

    it('overflows into the next millisecond', () => {
      const local = { millis: t, counter: 0xffff, node };
      const remote = { millis: t, counter: 0xfffe, node: otherNode };
      expect(receiveHlc(local, remote, t)).toEqual({ millis: t + 1, counter: 0, node });
    });

    it('property: the result is later than both clocks and not before the wall clock', () => {
      fc.assert(
        fc.property(
          fc.oneof(nearbyHlc, hlc),
          fc.oneof(nearbyHlc, hlc),
          fc.integer({ min: t - 2, max: t + 5 }),
          (local, remote, now) => {
            const next = receiveHlc(local, remote, now);
            expect(formatHlc(next) > formatHlc(local)).toBe(true);
            expect(formatHlc(next) > formatHlc(remote)).toBe(true);
            expect(next.millis).toBeGreaterThanOrEqual(now);
            expect(next.node).toBe(local.node);
            expect(next.counter).toBeLessThanOrEqual(0xffff);
          },
        ),
      );
    });
  });
});
