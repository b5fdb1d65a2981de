import { consumptionCategories } from '../../shared/schemas';
import type { ImportRowErrorCode } from '../../shared/types';
import { categoryLabels, type Texts } from '../../shared/labels';
import type { ExportLanguage } from '../exports/table';

/**
 * What a rejects file says is wrong with each row, in the language asked for: the words the
 * Import page uses for the same codes (renderer/i18n `import.rowError`; a test keeps the two
 * equal), since the file is read by the same person who saw the preview.
 */
export const rowErrorTexts: Readonly<Record<ImportRowErrorCode, Texts>> = {
  required: { 'zh-CN': '必填，但为空', en: 'Required, but empty' },
  invalid_period: {
    'zh-CN': '不是账期（如 2026-10 或 2026年10月）',
    en: 'Not a billing month (like 2026-10 or 2026年10月)',
  },
  invalid_category: {
    'zh-CN': '不是已知的业务类别（可用：{{names}}）',
    en: 'Not a known service (accepted: {{names}})',
  },
  invalid_amount: { 'zh-CN': '不是以元为单位的金额', en: 'Not an amount in yuan' },
  invalid_quantity: { 'zh-CN': '不是数量', en: 'Not a quantity' },
  invalid_date: { 'zh-CN': '不是日期（如 2026-10-01 或 2026年10月1日）', en: 'Not a date (like 2026-10-01)' },
  invalid_yes_no: { 'zh-CN': '应为“是”或“否”', en: 'Should be Yes or No' },
  contract_ends_before_start: {
    'zh-CN': '合同结束日期早于开始日期',
    en: 'The contract ends before it starts',
  },
  invalid_customer_no: { 'zh-CN': '不是客户编号', en: 'Not a customer number' },
  invalid_credit_code: {
    'zh-CN': '不是有效的统一社会信用代码',
    en: 'Not a valid unified social credit code',
  },
  invalid_phone: { 'zh-CN': '不是电话号码', en: 'Not a phone number' },
  invalid_kind: { 'zh-CN': '不是客户类型（单位或个人）', en: 'Not a type (organization or person)' },
  invalid_tier: { 'zh-CN': '不是客户等级', en: 'Not a tier' },
  invalid_postcode: { 'zh-CN': '不是邮政编码（6 位数字）', en: 'Not a postcode (6 digits)' },
  too_long: { 'zh-CN': '内容过长', en: 'Too long' },
  invalid_characters: {
    'zh-CN': '含有非文本字符（控制字符，或单行项中的换行）',
    en: 'Holds characters that are not text (control characters, or a line break in a one-line field)',
  },
  unknown_account: { 'zh-CN': '没有客户与之对应', en: 'No account has this' },
  ambiguous_account: { 'zh-CN': '有多个客户与之对应', en: 'More than one account has this' },
  ambiguous_existing: {
    'zh-CN': '该账期、该业务已有多条账单',
    en: 'More than one bill already exists for this month and service',
  },
  duplicate_in_file: { 'zh-CN': '文件前面的行已有相同内容', en: 'Already on an earlier row of the file' },
  customer_no_taken: {
    'zh-CN': '该客户编号属于另一个客户',
    en: 'This customer number belongs to another account',
  },
  kind_mismatch: { 'zh-CN': '该客户已存在，但客户类型不同', en: 'The account exists with another type' },
  credit_code_for_person: { 'zh-CN': '个人客户没有统一社会信用代码', en: 'A person has no credit code' },
};

/** The separator between a list's items, and between a row's problems. */
export const listSeparator: Texts = { 'zh-CN': '、', en: ', ' };
export const problemSeparator: Texts = { 'zh-CN': '；', en: '; ' };

/** The service names a bill may use, as the app names them (each is read back as its category). */
export function categoryNames(language: ExportLanguage): string {
  return consumptionCategories
    .map((category) => categoryLabels[category]?.[language] ?? category)
    .join(listSeparator[language]);
}

/** One row error in words: `{{names}}` filled with the accepted service names. */
export function rowErrorText(code: ImportRowErrorCode, language: ExportLanguage): string {
  return rowErrorTexts[code][language].replace('{{names}}', () => categoryNames(language));
}
