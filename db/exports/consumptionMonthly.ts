import { categoryLabels } from '../../shared/labels';
import { accountColumns, allOf, liveAccountIn, periodRange, type TableExport } from './table';

const months = Array.from({ length: 12 }, (_, index) => index + 1);
const monthValue = `CASE m.n ${months.map((n) => `WHEN ${n} THEN r.m${String(n).padStart(2, '0')}`).join(' ')} END`;
const monthTable = months.map((n) => `SELECT ${n} AS n`).join(' UNION ALL ');

/**
 * The monthly summary, read from the roll-up (account × year × category, a column per month),
 * one line per account, month and service with a non-zero sum; never from raw bills.
 */
export const consumptionMonthlyExport: TableExport = {
  table: 'consumptionMonthly',
  fileName: 'consumption-monthly.csv',
  batchKey: 'a.rid',
  columns: [
    ...accountColumns('a'),
    { header: { 'zh-CN': '月份', en: 'Month' }, sql: `printf('%04d-%02d', r.year, m.n)`, format: 'text' },
    { header: { 'zh-CN': '业务类别', en: 'Service' }, sql: 'r.category', format: { labels: categoryLabels } },
    { header: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' }, sql: monthValue, format: 'money' },
  ],
  source: (filters) => {
    const range = periodRange(filters);
    const key = (period: string) => Number(period.slice(0, 4)) * 100 + Number(period.slice(5, 7));
    const where = allOf(
      liveAccountIn('a', filters),
      { sql: `${monthValue} <> 0`, parameters: [] },
      range.from !== undefined
        ? {
            sql: 'r.year >= ? AND r.year * 100 + m.n >= ?',
            parameters: [Number(range.from.slice(0, 4)), key(range.from)],
          }
        : null,
      range.to !== undefined
        ? {
            sql: 'r.year <= ? AND r.year * 100 + m.n <= ?',
            parameters: [Number(range.to.slice(0, 4)), key(range.to)],
          }
        : null,
    );
    return {
      sql: `FROM accounts a JOIN consumption_rollup r ON r.account_id = a.id CROSS JOIN (${monthTable}) m
            WHERE ${where.sql}`,
      parameters: where.parameters,
    };
  },
};
