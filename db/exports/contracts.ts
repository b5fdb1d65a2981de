import { categoryLabels, yesNoLabels } from '../../shared/labels';
import { accountColumns, allOf, idColumn, liveAccountIn, type TableExport } from './table';

/**
 * Every live contract of a live account; the day filters pick contracts by their end day
 * (head office asks "what ends this quarter"). The headers are the ones the contracts import
 * reads back.
 */
export const contractsExport: TableExport = {
  table: 'contracts',
  fileName: 'contracts.csv',
  batchKey: 'a.rid',
  columns: [
    ...accountColumns('a'),
    { header: { 'zh-CN': '合同编号', en: 'Contract number' }, sql: 'k.number', format: 'asText' },
    { header: { 'zh-CN': '业务类别', en: 'Service' }, sql: 'k.service', format: { labels: categoryLabels } },
    { header: { 'zh-CN': '开始日期', en: 'Start date' }, sql: 'k.start_date', format: 'text' },
    { header: { 'zh-CN': '结束日期', en: 'End date' }, sql: 'k.end_date', format: 'text' },
    { header: { 'zh-CN': '月费（元）', en: 'Monthly value (yuan)' }, sql: 'k.monthly_fen', format: 'money' },
    {
      header: { 'zh-CN': '自动续约', en: 'Auto-renewal' },
      sql: 'k.auto_renew',
      format: { labels: yesNoLabels },
    },
    { header: { 'zh-CN': '备注', en: 'Notes' }, sql: 'k.notes', format: 'text' },
    idColumn('k'),
  ],
  source: (filters) => {
    const where = allOf(
      { sql: 'k.deleted = 0', parameters: [] },
      liveAccountIn('a', filters),
      filters.from !== undefined ? { sql: 'k.end_date >= ?', parameters: [filters.from] } : null,
      filters.to !== undefined ? { sql: 'k.end_date <= ?', parameters: [filters.to] } : null,
    );
    return {
      sql: `FROM accounts a JOIN contracts k ON k.account_id = a.id WHERE ${where.sql}`,
      parameters: where.parameters,
      orderBy: 'k.end_date, k.number',
    };
  },
};
