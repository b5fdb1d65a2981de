/** Whole yuan from fen for a list column: `¥45,423`, `−¥1,200` (a refund). */
export function wholeYuan(fen: number): string {
  const yuan = Math.round(Math.abs(fen) / 100).toLocaleString('en-US');
  return fen < 0 && yuan !== '0' ? `−¥${yuan}` : `¥${yuan}`;
}
