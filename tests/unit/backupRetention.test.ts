import { addDays, addHours } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { defaultRetention, generationsToKeep, type Generation } from '../../db/backups/retention';

/** A backup every `everyHours` hours for `days` days from a fixed local start: a fake clock. */
function history(days: number, everyHours: number): Generation[] {
  const start = new Date(2026, 0, 1, 9, 0, 0);
  const backups: Generation[] = [];
  for (let at = start; at < addDays(start, days); at = addHours(at, everyHours)) {
    backups.push({ file: at.toISOString(), at });
  }
  return backups;
}

describe('backup generations', () => {
  it('keep the newest of each of the last 7 days, 4 weeks and 12 months, and the newest of all', () => {
    const backups = history(400, 6);
    const keep = generationsToKeep(backups, defaultRetention);
    const kept = backups.filter((backup) => keep.has(backup.file)).map((backup) => backup.at);
    const newest = backups.at(-1)?.at;
    expect(kept.at(-1)).toEqual(newest);
    // 7 days + at most 4 weeks + 12 months, some shared: never more than 23 files.
    expect(kept.length).toBeGreaterThanOrEqual(12);
    expect(kept.length).toBeLessThanOrEqual(23);
    // The last 7 days each keep exactly one backup: their newest.
    const days = new Map<string, Date[]>();
    for (const at of kept) days.set(at.toDateString(), [...(days.get(at.toDateString()) ?? []), at]);
    const lastDays = [...days.keys()].slice(-7);
    for (const day of lastDays) expect(days.get(day)).toHaveLength(1);
    // Twelve months each keep a backup, the oldest the last of its month, eleven months back.
    expect(new Set(kept.map((at) => `${at.getFullYear()}-${at.getMonth()}`)).size).toBe(12);
    const oldest = kept[0] ?? new Date(0);
    expect(oldest.getDate()).toBe(new Date(oldest.getFullYear(), oldest.getMonth() + 1, 0).getDate());
  });

  it('keep everything while there are fewer backups than generations', () => {
    const backups = history(3, 24);
    expect(generationsToKeep(backups, defaultRetention).size).toBe(3);
  });

  it('with every count at zero still keep the newest', () => {
    const backups = history(10, 24);
    expect([...generationsToKeep(backups, { daily: 0, weekly: 0, monthly: 0 })]).toEqual([
      backups.at(-1)?.file,
    ]);
  });

  it('keep the newest backup of a day, not the first', () => {
    const backups = history(1, 6);
    const keep = generationsToKeep(backups, { daily: 1, weekly: 0, monthly: 0 });
    expect([...keep]).toEqual([backups.at(-1)?.file]);
  });
});
