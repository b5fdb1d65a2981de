/**
 * Money is integer fen (分) everywhere; yuan with two decimals only at the edges (forms,
 * CSV, display). Floats never hold money.
 */
const yuanPattern = /^(-)?(\d{1,13}|\d{1,3}(?:,\d{3}){1,4})(?:\.(\d{1,2}))?$/;

/** `"1,234.5"` or `"¥1234.50"` → 123450; `null` when it is not an amount. */
export function parseYuan(text: string): number | null {
  const match = yuanPattern.exec(text.trim().replace(/^[¥￥]/, ''));
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const fen = Number(whole.replace(/,/g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  return sign && fen !== 0 ? -fen : fen;
}

/** 123450 → `"1,234.50"` (no currency sign; the UI adds it where it helps). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
