import { categoryLabels } from '../../shared/labels';
import { accountColumns, allOf, idColumn, liveAccountIn, periodRange, type TableExport } from './table';

/** Every live bill of a live account: 5 million rows at head office, streamed. */
export const consumptionExport: TableExport = {
  table: 'consumption',
  fileName: 'consumption.csv',
  batchKey: 'a.rid',
  columns: [
    ...accountColumns('a'),
    { header: { 'zh-CN': '账期', en: 'Month' }, sql: 'c.period', format: 'text' },
    { header: { 'zh-CN': '业务类别', en: 'Service' }, sql: 'c.category', format: { labels: categoryLabels } },
    { header: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' }, sql: 'c.amount_fen', format: 'money' },
    { header: { 'zh-CN': '数量', en: 'Quantity' }, sql: 'c.quantity', format: 'number' },
    { header: { 'zh-CN': '来源', en: 'Source' }, sql: 'c.source', format: 'text' },
    { header: { 'zh-CN': '备注', en: 'Note' }, sql: 'c.note', format: 'text' },
    idColumn('c'),
  ],
  source: (filters) => {
    const range = periodRange(filters);
    const where = allOf(
      { sql: 'c.deleted = 0', parameters: [] },
      liveAccountIn('a', filters),
      range.from !== undefined ? { sql: 'c.period >= ?', parameters: [range.from] } : null,
      range.to !== undefined ? { sql: 'c.period <= ?', parameters: [range.to] } : null,
    );
    // No ORDER BY: accounts drive the join through consumption's (account_id, period) index, so
    // rows come by account and month without sorting 5 million of them.
    return {
      sql: `FROM accounts a JOIN consumption c ON c.account_id = a.id WHERE ${where.sql}`,
      parameters: where.parameters,
    };
  },
};
