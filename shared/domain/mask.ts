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
