/**
 * A day typed by hand, read in the forms people write one whatever their computer's language:
 * `2026-11-05`, `2026/11/5`, `2026.11.5`, `20261105`, `2026年11月5日` (full-width digits too).
 * The browser's own date field shows its days in the operating system's language ("11/05/2026"
 * in the Chinese UI, and neither the page's nor the field's `lang` changes that in Chromium),
 * so the Sync page takes days as text in the one form both languages read: `YYYY-MM-DD`.
 *
 * Returns that form, '' for a blank field, or null for text that is not a day of the calendar.
 */
const dayPattern = /^(\d{4})(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$/;

export function readDateText(text: string): string | null {
  const plain = text.normalize('NFKC').trim();
  if (plain === '') return '';
  const match = dayPattern.exec(plain);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2] ?? match[4]);
  const day = Number(match[3] ?? match[5]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
