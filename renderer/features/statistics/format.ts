import { formatYuan, minusSign } from '../../../shared/domain/money';
import { currentLanguage } from '../../i18n';
import type { StatsWindow } from '../../../shared/types';
import type { ChartOption } from '../../components/Chart';

/** Display helpers shared by the statistics views and the account's trend. */

/** `¥1,234.50`, `−¥434,070.87`: the one money format of the screens (CSV keeps plain numbers). */
export const yuan = formatYuan;

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

/** Axis ticks in yuan, in the reader's units: 12万 and 3.5亿, or 120k and 350M; −5万 below zero. */
export function axisYuan(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? minusSign : '';
  if (currentLanguage() === 'zh-CN')
    return sign + (abs >= 1e8 ? `${abs / 1e8}亿` : abs >= 1e4 ? `${abs / 1e4}万` : `${abs}`);
  return sign + (abs >= 1e6 ? `${abs / 1e6}M` : abs >= 1e3 ? `${abs / 1e3}k` : `${abs}`);
}

const monthNamesEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A month tick: `10月` / `Oct`, with the year on a second line at the first tick and at each
 * January, so every month keeps a label that fits and the years still read.
 */
export function monthTick(period: string, first: boolean): string {
  const month = Number(period.slice(5, 7));
  const name = currentLanguage() === 'zh-CN' ? `${month}月` : (monthNamesEn[month - 1] ?? period);
  return first || month === 1 ? `${name}\n${period.slice(0, 4)}` : name;
}

/**
 * A month axis. `every` months get a label (1: all); the others are left out on purpose, on a
 * regular beat that starts at a quarter, never by echarts' overlap check, which drops labels
 * unevenly and without saying so.
 */
export function monthAxis(periods: readonly string[], every = 1): NonNullable<ChartOption['xAxis']> {
  const labelled = (index: number) => {
    const month = Number(periods[index]?.slice(5, 7) ?? 1);
    return every === 1 || (month - 1) % every === 0;
  };
  const firstLabelled = periods.findIndex((_, index) => labelled(index));
  return {
    type: 'category',
    data: [...periods],
    axisTick: { alignWithLabel: true },
    axisLabel: {
      interval: (index: number) => labelled(index),
      formatter: (period: string, index: number) => monthTick(period, index === firstLabelled),
      fontSize: 11,
      lineHeight: 13,
    },
  };
}

/** Bars of an amount by month. */
export function monthlyOption(
  series: readonly { period: string; amountFen: number }[],
  name: string,
): ChartOption {
  return {
    grid: { left: 56, right: 16, top: 16, bottom: 36 },
    tooltip: { trigger: 'axis', valueFormatter: (value) => yuan(Math.round(Number(value) * 100)) },
    xAxis: monthAxis(series.map((month) => month.period)),
    yAxis: { type: 'value', axisLabel: { formatter: axisYuan } },
    series: [
      {
        type: 'bar',
        name,
        data: series.map((month) => toYuan(month.amountFen)),
        itemStyle: { color: '#0b6bcb' },
      },
    ],
  };
}

/** Pixels per bar of a slice chart: every label gets its own line, however many slices. */
const sliceRow = 22;

export const sliceChartHeight = (slices: number) => Math.max(120, slices * sliceRow + 40);

/**
 * Slices (tiers, services, managers, regions) as horizontal bars, largest on top: the labels sit
 * one per line beside their bars, so at any width each one is shown whole.
 */
export function sliceOption(labels: readonly string[], fen: readonly number[], name: string): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (value) => yuan(Math.round(Number(value) * 100)) },
    xAxis: { type: 'value', axisLabel: { formatter: axisYuan }, splitNumber: 3 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [...labels],
      axisLabel: { interval: 0 },
      axisTick: { show: false },
    },
    series: [{ type: 'bar', name, data: fen.map(toYuan), itemStyle: { color: '#0b6bcb' }, barMaxWidth: 16 }],
  };
}
