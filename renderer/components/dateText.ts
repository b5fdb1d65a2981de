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
  // 2026-11-27, 2026/11/27, 2026.11.27, 2026年11月27日, with one-digit months and days.
  date: /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/,
  datetime: /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+|T)(\d{1,2})\s*[:：]\s*(\d{2})$/,
  month: /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/,
};

/**
 * The canonical value of typed text (`2026-11-27`, `2026-11-27T14:30`, `2026-11`), or null when
 * it is not one. Whether such a day exists is the schema's to say.
 */
export function parseDateText(text: string, precision: DatePrecision): string | null {
  const match = patterns[precision].exec(text.trim());
  if (!match) return null;
  const [, year = '', month = '', day = '', hour = '', minute = ''] = match;
  if (precision === 'month') return `${year}-${pad(month)}`;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return precision === 'date' ? date : `${date}T${pad(hour)}:${minute}`;
}

/** How a canonical value is shown for editing: the `T` of a date-time as a space. */
export function dateText(value: string): string {
  return value.replace('T', ' ');
}
