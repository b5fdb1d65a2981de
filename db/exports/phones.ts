import { internationalPhone } from '../../shared/domain/phone';
import { phoneLabelLabels as phoneLabels } from '../../shared/labels';
import { accountColumns, idColumn, liveAccountIn, type TableExport } from './table';

/** `+86 138 0013 8000`, `+86 754 8812 3456`, `+1 415 555 0100`; Chinese service numbers stay empty. */
const international = (value: unknown): string =>
  typeof value === 'string' ? internationalPhone(value) : '';

export const phonesExport: TableExport = {
  table: 'phones',
  fileName: 'phones.csv',
  batchKey: 'a.rid',
  columns: [
    ...accountColumns('a'),
    { header: { 'zh-CN': '电话号码', en: 'Number' }, sql: 'p.number', format: 'asText' },
    {
      header: { 'zh-CN': '国际格式', en: 'International' },
      sql: 'p.number',
      format: { compute: international, asText: true },
    },
    { header: { 'zh-CN': '类型', en: 'Label' }, sql: 'p.label', format: { labels: phoneLabels } },
    { header: { 'zh-CN': '备注', en: 'Note' }, sql: 'p.note', format: 'text' },
    idColumn('p'),
  ],
  source: (filters) => {
    const live = liveAccountIn('a', filters);
    return {
      sql: `FROM accounts a JOIN account_phones p ON p.account_id = a.id
            WHERE p.deleted = 0 AND ${live.sql}`,
      parameters: live.parameters,
      orderBy: 'a.rid',
    };
  },
};
