import { formatFen } from '../../../shared/domain/money';
import { currentLanguage } from '../../i18n';
import type { StatsWindow } from '../../../shared/types';
import type { ChartOption } from '../../components/Chart';

/** Display helpers shared by the statistics views and the account's trend. */
export const yuan = (fen: number) => `¥${formatFen(fen)}`;

/** 0.253 → `25.3%`. */
export const percent = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)}%`;

/** A change as `▲ 12.5%` / `▼ 3.0%`, or `—` when there is no base to compare with. */
export function change(fraction: number | null): string {
  if (fraction === null) return '—';
  return `${fraction >= 0 ? '▲' : '▼'} ${percent(Math.abs(fraction))}`;
}

export const changeClass = (fraction: number | null) =>
  fraction === null ? '' : fraction >= 0 ? 'up' : 'down';

export function windowLabel(window: StatsWindow): string {
  return window.from === window.to ? window.from : `${window.from} – ${window.to}`;
}

/** Fen as yuan for a chart axis (charts plot numbers; the table keeps exact fen). */
const toYuan = (fen: number) => fen / 100;

/** Axis ticks in yuan, in the reader's units: 12万 and 3.5亿, or 120k and 350M. */
export function axisYuan(value: number): string {
  const abs = Math.abs(value);
  if (currentLanguage() === 'zh-CN')
    return abs >= 1e8 ? `${value / 1e8}亿` : abs >= 1e4 ? `${value / 1e4}万` : `${value}`;
  return abs >= 1e6 ? `${value / 1e6}M` : abs >= 1e3 ? `${value / 1e3}k` : `${value}`;
}

/** Bars of an amount by label (months, owners, tiers…). */
export function barOption(labels: readonly string[], fen: readonly number[], name: string): ChartOption {
  return {
    grid: { left: 56, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (value) => yuan(Math.round(Number(value) * 100)) },
    xAxis: { type: 'category', data: [...labels], axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: axisYuan } },
    series: [{ type: 'bar', name, data: fen.map(toYuan), itemStyle: { color: '#0b6bcb' } }],
  };
}

/** The monthly series of a trend: bars of each month with the months' labels shortened. */
export function monthlyOption(
  series: readonly { period: string; amountFen: number }[],
  name: string,
): ChartOption {
  return barOption(
    series.map((month) => month.period),
    series.map((month) => month.amountFen),
    name,
  );
}
