import type { AnniversaryRule } from './anniversaryRule';

/**
 * When a new or changed anniversary probably repeats one the account already has. A person has
 * one birthday and one wedding day, a company one founding day, per calendar: a second one by
 * the same calendar is a typo or a conflict (many people keep both a lunar and a Gregorian
 * birthday, so the other calendar is no conflict). Contract and custom days may be several, but
 * the same one twice (same kind, name and date) is a repeat.
 */
export interface AnniversaryLike extends AnniversaryRule {
  readonly kind: string;
  readonly label: string;
}

const oncePerCalendar = new Set(['birthday', 'wedding', 'founding']);

export function repeatsAnniversary(candidate: AnniversaryLike, existing: AnniversaryLike): boolean {
  if (candidate.kind !== existing.kind || candidate.calendar !== existing.calendar) return false;
  if (oncePerCalendar.has(candidate.kind)) return true;
  return (
    candidate.label.trim() === existing.label.trim() &&
    candidate.month === existing.month &&
    candidate.day === existing.day &&
    candidate.leapMonth === existing.leapMonth
  );
}
