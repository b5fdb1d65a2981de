import { toCsv, type CsvColumn } from '../../shared/domain/csv';
import type { AuditListedEntry } from '../../shared/types';

type Language = 'zh-CN' | 'en';

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/** The audit log as head office or an auditor opens it in Excel: one line per entry. */
const columns: readonly {
  readonly header: Record<Language, string>;
  readonly column: CsvColumn<AuditListedEntry>;
}[] = [
  { header: { 'zh-CN': '序号', en: 'Entry' }, column: { header: '', value: (entry) => entry.id } },
  { header: { 'zh-CN': '时间(UTC)', en: 'Time (UTC)' }, column: { header: '', value: (entry) => entry.at } },
  { header: { 'zh-CN': '操作人', en: 'User' }, column: { header: '', value: (entry) => entry.actor } },
  { header: { 'zh-CN': '操作', en: 'Action' }, column: { header: '', value: (entry) => entry.action } },
  { header: { 'zh-CN': '对象', en: 'Entity' }, column: { header: '', value: (entry) => entry.entity } },
  {
    header: { 'zh-CN': '对象ID', en: 'Entity ID' },
    column: { header: '', value: (entry) => entry.entityId },
  },
  {
    header: { 'zh-CN': '客户ID', en: 'Account ID' },
    column: { header: '', value: (entry) => entry.accountId },
  },
  {
    header: { 'zh-CN': '客户名称', en: 'Account name' },
    column: { header: '', value: (entry) => entry.accountName },
  },
  {
    header: { 'zh-CN': '修改前', en: 'Before' },
    column: { header: '', value: (entry) => json(entry.before) },
  },
  { header: { 'zh-CN': '修改后', en: 'After' }, column: { header: '', value: (entry) => json(entry.after) } },
  {
    header: { 'zh-CN': '已抹除', en: 'Erased' },
    column: { header: '', value: (entry) => json(entry.erased) },
  },
];

/** The entries as a CSV file for Excel (UTF-8 with BOM, formula-safe, CRLF). */
export function auditCsv(entries: Iterable<AuditListedEntry>, language: Language): string {
  return toCsv(
    columns.map(({ header, column }) => ({ ...column, header: header[language] })),
    entries,
  );
}
