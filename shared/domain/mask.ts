import type { Anniversary, AnniversaryOnDate, AnniversaryRecord } from '../types';
/**
 * A phone number as a role without need sees it (138****8000): the first three and the last
 * four digits kept, every other character a star, so its length — and a lookup's highlight of
 * its end — stay as they were.
 */
export function maskPhone(number: string): string {
  const chars = Array.from(number);
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const head = chars.length >= 8 ? 3 : 0;
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - 4) + chars.slice(-4).join('');
}

/**
 * A birthday as a role without need sees it: the day stays (a greeting needs it), the year — the
 * person's age — does not. Other anniversaries are not personal data of that kind.
 */
export function maskBirthYear<T extends AnniversaryRecord>(anniversary: T): T {
  if (anniversary.kind !== 'birthday' || anniversary.year === null) return anniversary;
  const masked = { ...anniversary, year: null, yearMasked: true as const };
  return 'next' in anniversary
    ? { ...masked, next: { ...(anniversary as unknown as Anniversary).next, years: null } }
    : masked;
}

/** An anniversary of a list, its birth year masked (`maskBirthYear`), and its age with it. */
export function maskOnDate(row: AnniversaryOnDate): AnniversaryOnDate {
  const anniversary = maskBirthYear(row.anniversary);
  return anniversary === row.anniversary ? row : { ...row, anniversary, years: null, milestone: false };
}
