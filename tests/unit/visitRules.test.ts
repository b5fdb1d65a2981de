import { describe, expect, it } from 'vitest';
import { followUpProblems, isPlannedVisit, localDayOf } from '../../shared/domain/visitRules';

describe('followUpProblems', () => {
  const at = '2026-11-20T09:30:00+08:00';
  const day = localDayOf(at);

  it('takes no follow-up, and one due on or after the visit’s own day', () => {
    expect(followUpProblems({ occurredAt: at, followUp: '', followUpDue: null })).toEqual([]);
    expect(followUpProblems({ occurredAt: at, followUp: '回访', followUpDue: day })).toEqual([]);
  });

  it('wants the text of a dated follow-up, and refuses one due before the visit', () => {
    expect(followUpProblems({ occurredAt: at, followUp: '  ', followUpDue: '2099-01-01' })).toEqual([
      { path: 'followUp', key: 'follow_up_text_needed' },
    ]);
    expect(followUpProblems({ occurredAt: at, followUp: '回访', followUpDue: '2026-01-01' })).toEqual([
      { path: 'followUpDue', key: 'follow_up_before_visit' },
    ]);
  });

  it('checks only what is known (an update gives part of the visit)', () => {
    expect(
      followUpProblems({ occurredAt: undefined, followUp: undefined, followUpDue: '2000-01-01' }),
    ).toEqual([]);
  });
});

describe('isPlannedVisit', () => {
  it('is a visit dated after now', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    expect(isPlannedVisit('2026-11-20T10:00:01Z', now)).toBe(true);
    expect(isPlannedVisit('2026-11-20T10:00:00Z', now)).toBe(false);
    expect(isPlannedVisit('not a date', now)).toBe(false);
  });
});
