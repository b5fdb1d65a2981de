import { visitKindLabels } from '../../shared/labels';
import { accountColumns, allOf, idColumn, instantRange, liveAccountIn, type TableExport } from './table';

export const visitsExport: TableExport = {
  table: 'visits',
  fileName: 'visits.csv',
  batchKey: 'a.rid',
  columns: [
    ...accountColumns('a'),
    { header: { 'zh-CN': '时间', en: 'When' }, sql: 'v.occurred_at', format: 'dateTime' },
    { header: { 'zh-CN': '方式', en: 'Kind' }, sql: 'v.kind', format: { labels: visitKindLabels } },
    { header: { 'zh-CN': '参与人', en: 'Participants' }, sql: 'v.participants', format: 'text' },
    { header: { 'zh-CN': '内容', en: 'Content' }, sql: 'v.content', format: 'text' },
    { header: { 'zh-CN': '客户反馈', en: 'Feedback' }, sql: 'v.feedback', format: 'text' },
    { header: { 'zh-CN': '后续跟进', en: 'Follow-up' }, sql: 'v.follow_up', format: 'text' },
    { header: { 'zh-CN': '跟进期限', en: 'Follow-up due' }, sql: 'v.follow_up_due', format: 'text' },
    // Empty while the follow-up is open (or the visit has none).
    {
      header: { 'zh-CN': '跟进完成时间', en: 'Follow-up done' },
      sql: 'v.follow_up_done_at',
      format: 'dateTime',
    },
    { header: { 'zh-CN': '客户经理', en: 'Manager' }, sql: 'v.manager', format: 'text' },
    idColumn('v'),
  ],
  source: (filters) => {
    const range = instantRange(filters);
    const where = allOf(
      { sql: 'v.deleted = 0', parameters: [] },
      liveAccountIn('a', filters),
      range.from !== undefined ? { sql: 'v.occurred_at >= ?', parameters: [range.from] } : null,
      range.before !== undefined ? { sql: 'v.occurred_at < ?', parameters: [range.before] } : null,
    );
    return {
      sql: `FROM accounts a JOIN visits v ON v.account_id = a.id WHERE ${where.sql}`,
      parameters: where.parameters,
      orderBy: 'a.rid, v.occurred_at',
    };
  },
};
