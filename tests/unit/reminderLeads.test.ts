import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tiers } from '../../shared/schemas';
import { defaultLeadDays, dueLead } from '../../shared/domain/reminders';

// Lead lists as settings accept them: up to six whole days, 0–365, in any order, maybe repeated.
const leads = fc.array(fc.integer({ min: 0, max: 365 }), { maxLength: 6 });
const daysLeft = fc.oneof(fc.integer({ min: -400, max: 400 }), fc.integer({ min: -2, max: 31 }));

describe('dueLead, property', () => {
  it('is null exactly when every lead is still ahead (all < daysLeft)', () => {
    fc.assert(
      fc.property(leads, daysLeft, (leads, daysLeft) => {
        expect(dueLead(leads, daysLeft) === null).toBe(leads.every((lead) => lead < daysLeft));
      }),
      { numRuns: 2000 },
    );
  });

  it('otherwise is the smallest lead that has been reached', () => {
    fc.assert(
      fc.property(leads, daysLeft, (leads, daysLeft) => {
        const due = dueLead(leads, daysLeft);
        if (due === null) return;
        expect(leads).toContain(due);
        expect(due).toBeGreaterThanOrEqual(daysLeft);
        for (const lead of leads) if (lead >= daysLeft) expect(lead).toBeGreaterThanOrEqual(due);
      }),
      { numRuns: 2000 },
    );
  });

  it('on the day and after it (missed) is the shortest lead', () => {
    fc.assert(
      fc.property(leads, fc.integer({ min: -400, max: 0 }), (leads, daysLeft) => {
        expect(dueLead(leads, daysLeft)).toBe(leads.length === 0 ? null : Math.min(...leads));
      }),
      { numRuns: 1000 },
    );
  });

  it('does not depend on the order of the leads', () => {
    fc.assert(
      fc.property(leads, daysLeft, (leads, daysLeft) => {
        expect(dueLead([...leads].reverse(), daysLeft)).toBe(dueLead(leads, daysLeft));
        expect(
          dueLead(
            [...leads].sort((a, b) => a - b),
            daysLeft,
          ),
        ).toBe(dueLead(leads, daysLeft));
      }),
      { numRuns: 500 },
    );
  });

  it('moves to shorter leads as the day approaches, never back', () => {
    fc.assert(
      fc.property(leads, daysLeft, (leads, daysLeft) => {
        const today = dueLead(leads, daysLeft);
        const tomorrow = dueLead(leads, daysLeft - 1);
        if (today !== null) expect(tomorrow).not.toBeNull();
        if (today !== null && tomorrow !== null) expect(tomorrow).toBeLessThanOrEqual(today);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('dueLead with the default leads', () => {
  it('has leads for every tier, each 0–365, with a reminder on the day', () => {
    for (const tier of tiers) {
      const leads = defaultLeadDays[tier];
      expect(leads, tier).toContain(0);
      for (const lead of leads) expect(Number.isInteger(lead) && lead >= 0 && lead <= 365, tier).toBe(true);
    }
  });

  it.each([
    ['strategic', 31, null],
    ['strategic', 30, 30],
    ['strategic', 8, 30],
    ['strategic', 7, 7],
    ['strategic', 2, 7],
    ['strategic', 1, 1],
    ['strategic', 0, 0],
    ['strategic', -3, 0],
    ['partner', 8, null],
    ['partner', 7, 7],
    ['partner', 1, 1],
    ['commercial', 4, null],
    ['commercial', 3, 3],
    ['commercial', 1, 3],
    ['commercial', 0, 0],
    ['general', 1, null],
    ['general', 0, 0],
    ['general', -1, 0],
  ] as const)('%s, %i days left: lead %s', (tier, daysLeft, expected) => {
    expect(dueLead(defaultLeadDays[tier], daysLeft)).toBe(expected);
  });

  it('no leads: never due', () => {
    for (const daysLeft of [-5, 0, 5]) expect(dueLead([], daysLeft)).toBeNull();
  });
});
