import { format } from 'date-fns';

/**
 * Which backups to keep: generations, as a grandfather-father-son rotation does it. The newest
 * backup of each of the last `daily` days that have one, of each of the last `weekly` ISO weeks
 * and of each of the last `monthly` months is kept; so is the newest backup of all. Days, weeks
 * and months are the computer's local calendar (a manager's "yesterday").
 */
export interface RetentionPolicy {
  readonly daily: number;
  readonly weekly: number;
  readonly monthly: number;
}

export const defaultRetention: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

export interface Generation {
  readonly file: string;
  readonly at: Date;
}

/** The files among `backups` that the policy keeps; the rest may be removed. */
export function generationsToKeep(backups: readonly Generation[], policy: RetentionPolicy): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>();
  const newest = newestFirst[0];
  if (newest) keep.add(newest.file);
  const periods: readonly [pattern: string, count: number][] = [
    ['yyyy-MM-dd', policy.daily],
    ["RRRR-'W'II", policy.weekly],
    ['yyyy-MM', policy.monthly],
  ];
  for (const [pattern, count] of periods) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= count) break;
      const period = format(backup.at, pattern);
      if (seen.has(period)) continue;
      seen.add(period);
      keep.add(backup.file);
    }
  }
  return keep;
}
