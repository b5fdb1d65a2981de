import { relationshipLabels } from '../../shared/labels';
import { accountColumns, accountScope, idColumn, type TableExport } from './table';

/** Live when it and both accounts are; in scope when either account is. */
export const relationshipsExport: TableExport = {
  table: 'relationships',
  fileName: 'relationships.csv',
  batchKey: 'f.rid',
  columns: [
    ...accountColumns('f'),
    {
      header: { 'zh-CN': '关系', en: 'Relationship' },
      sql: 'r.type',
      format: { labels: relationshipLabels },
    },
    {
      header: { 'zh-CN': '关联客户编号', en: 'Related customer number' },
      sql: 't.customer_no',
      format: 'asText',
    },
    { header: { 'zh-CN': '关联客户名称', en: 'Related account name' }, sql: 't.name', format: 'text' },
    { header: { 'zh-CN': '职务/角色', en: 'Role' }, sql: 'r.role', format: 'text' },
    { header: { 'zh-CN': '备注', en: 'Note' }, sql: 'r.note', format: 'text' },
    idColumn('r'),
  ],
  source: (filters) => {
    const from = accountScope('f', filters);
    const to = accountScope('t', filters);
    const scoped = from.sql === '' ? '' : ` AND ((${from.sql}) OR (${to.sql}))`;
    return {
      sql: `FROM relationships r JOIN accounts f ON f.id = r.from_id JOIN accounts t ON t.id = r.to_id
            WHERE r.deleted = 0 AND f.deleted = 0 AND t.deleted = 0${scoped}`,
      orderBy: 'f.rid',
      parameters: [...from.parameters, ...to.parameters],
    };
  },
};
