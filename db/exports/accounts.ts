import {
  accountKindLabels,
  accountStatusLabels as statusLabels,
  tierLabels,
  tierSourceLabels,
} from '../../shared/labels';
import { idColumn, liveAccountIn, type TableExport } from './table';

export const accountsExport: TableExport = {
  table: 'accounts',
  fileName: 'accounts.csv',
  batchKey: 'a.rid',
  columns: [
    { header: { 'zh-CN': '客户编号', en: 'Customer number' }, sql: 'a.customer_no', format: 'asText' },
    { header: { 'zh-CN': '客户名称', en: 'Name' }, sql: 'a.name', format: 'text' },
    { header: { 'zh-CN': '客户类型', en: 'Type' }, sql: 'a.kind', format: { labels: accountKindLabels } },
    {
      header: { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' },
      sql: 'a.credit_code',
      format: 'asText',
    },
    { header: { 'zh-CN': '客户等级', en: 'Tier' }, sql: 'a.tier', format: { labels: tierLabels } },
    {
      header: { 'zh-CN': '等级来源', en: 'Tier from' },
      sql: 'a.tier_source',
      format: { labels: tierSourceLabels },
    },
    { header: { 'zh-CN': '定级原因', en: 'Why this tier' }, sql: 'a.tier_reason', format: 'text' },
    { header: { 'zh-CN': '状态', en: 'Status' }, sql: 'a.status', format: { labels: statusLabels } },
    { header: { 'zh-CN': '客户经理', en: 'Account manager' }, sql: 'a.owner', format: 'text' },
    { header: { 'zh-CN': '区域', en: 'Region' }, sql: 'a.region', format: 'text' },
    { header: { 'zh-CN': '行业', en: 'Industry' }, sql: 'a.industry', format: 'text' },
    { header: { 'zh-CN': '地址', en: 'Address' }, sql: 'a.address', format: 'text' },
    { header: { 'zh-CN': '邮政编码', en: 'Postcode' }, sql: 'a.postcode', format: 'asText' },
    { header: { 'zh-CN': '备注', en: 'Notes' }, sql: 'a.notes', format: 'text' },
    { header: { 'zh-CN': '更新时间', en: 'Updated' }, sql: 'a.updated_at', format: 'dateTime' },
    idColumn('a', { 'zh-CN': '客户ID', en: 'Account ID' }),
  ],
  source: (filters) => {
    const live = liveAccountIn('a', filters);
    return { sql: `FROM accounts a WHERE ${live.sql}`, parameters: live.parameters, orderBy: 'a.rid' };
  },
};
