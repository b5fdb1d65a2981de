/**
 * Money is integer fen (分) everywhere; yuan with two decimals only at the edges (forms,
 * CSV, display). Floats never hold money.
 */
const yuanPattern = /^([-\u2212])?[¥￥]?([-\u2212])?(\d{1,13}|\d{1,3}(?:,\d{3}){1,4})(?:\.(\d{1,2}))?$/;

/**
 * The minus sign money is shown with (U+2212): a hyphen is shorter than the digits and reads as
 * a dash next to them. Display only; CSV files write a plain `-` for spreadsheets to read.
 */
export const minusSign = '\u2212';

/**
 * `"1,234.5"`, `"¥1234.50"` or `"−¥1,234.50"` → fen; `null` when it is not an amount. The sign may
 * be a hyphen or a real minus, before or after the currency sign (what the app shows can be
 * pasted back).
 */
export function parseYuan(text: string): number | null {
  const match = yuanPattern.exec(text.trim());
  if (!match) return null;
  const [, signBefore, signAfter, whole = '0', fraction = ''] = match;
  if (signBefore && signAfter) return null;
  const fen = Number(whole.replace(/,/g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  return (signBefore || signAfter) && fen !== 0 ? -fen : fen;
}

/** 123450 → `"1,234.50"`, −5 → `"−0.05"` (no currency sign; the UI adds it where it helps). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? minusSign : '';
  return `${sign}${unsigned(fen)}`;
}

/**
 * Money for people, in both languages: 123450 → `"¥1,234.50"`, −43407087 → `"−¥434,070.87"`
 * (the sign before the currency, as accountants write it, never `¥-434,070.87`).
 */
export function formatYuan(fen: number): string {
  return `${fen < 0 ? minusSign : ''}¥${unsigned(fen)}`;
}

function unsigned(fen: number): string {
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${whole}.${String(abs % 100).padStart(2, '0')}`;
}
