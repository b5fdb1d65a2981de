/**
 * Dates typed as text, in the form every reader of either language understands: `2026-11-27`,
 * `2026-11-27 14:30`, `2026-11`. Native date controls draw their text in the operating
 * system's language whatever the page's (an English Windows shows "November 2026" inside the
 * Chinese UI, and Chromium ignores `lang` there), so the forms use these instead.
 */
export type DatePrecision = 'date' | 'datetime' | 'month';

function pad(value: string): string {
  return value.padStart(2, '0');
}

const patterns: Record<DatePrecision, RegExp> = {
  // 2026-11-27, 2026/11/27, 2026.11.27, 2026年11月27日, with one-digit months and days; 20261127.
  date: /^(\d{4})(?:\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$/,
  datetime: /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+|T)(\d{1,2})\s*[:：]\s*(\d{2})$/,
  month: /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/,
};

/**
 * The canonical value of typed text (`2026-11-27`, `2026-11-27T14:30`, `2026-11`), or null when
 * it is not one. Whether such a day exists is the schema's to say.
 */
export function parseDateText(text: string, precision: DatePrecision): string | null {
  // Full-width digits and signs (a Chinese input method's) read as ASCII.
  const match = patterns[precision].exec(text.normalize('NFKC').trim());
  if (!match) return null;
  if (precision === 'month') return `${match[1] ?? ''}-${pad(match[2] ?? '')}`;
  if (precision === 'date') {
    const [, year = '', month = '', day = '', compactMonth = '', compactDay = ''] = match;
    return `${year}-${pad(month || compactMonth)}-${pad(day || compactDay)}`;
  }
  const [, year = '', month = '', day = '', hour = '', minute = ''] = match;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${minute}`;
}

/** Whether a canonical `YYYY-MM-DD` is a day of the calendar (no 30 February). */
export function isCalendarDay(date: string): boolean {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/** How a canonical value is shown for editing: the `T` of a date-time as a space. */
export function dateText(value: string): string {
  return value.replace('T', ' ');
}
