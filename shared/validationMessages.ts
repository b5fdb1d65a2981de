/**
 * Messages for the rules the schemas and handlers add beyond zod's own checks, by stable key.
 * The API reports the key as the issue's `code`; the UI shows the text in the user's language.
 */
export const validationMessages = {
  invalid_credit_code: {
    en: 'Not a valid unified social credit code (18 characters with a check character)',
    'zh-CN': '统一社会信用代码无效（应为18位，且校验位正确）',
  },
  invalid_customer_no: {
    en: 'A customer number is 1–32 letters or digits',
    'zh-CN': '客户编号应为1–32位字母或数字',
  },
  invalid_phone: {
    en: 'Not a phone number (mobile, landline with area code, 400/800/95xxx, or + country code and number)',
    'zh-CN': '不是有效的电话号码（手机、带区号的固话、400/800/95xxx，或以“+国家代码”开头的境外号码）',
  },
  manager_code_needed: { en: 'Enter your manager code', 'zh-CN': '请填写工号' },
  invalid_manager_code: {
    en: 'A manager code is letters, digits, dots, dashes or underscores',
    'zh-CN': '工号只能包含字母、数字、点、横线或下划线',
  },
  password_too_short: {
    en: 'A password has at least 8 characters',
    'zh-CN': '密码至少8个字符',
  },
  passwords_differ: {
    en: 'The two passwords differ',
    'zh-CN': '两次输入的密码不一致',
  },
  not_a_supervisor: {
    en: 'Not a supervisor of this book',
    'zh-CN': '不是本账本的主管',
  },
  invalid_characters: {
    en: 'Contains characters that are not text (control characters, or a line break in a one-line field)',
    'zh-CN': '含有非文本字符（控制字符，或单行项中的换行）',
  },
  snooze_not_future: { en: 'Snooze until a day after today', 'zh-CN': '请推迟到今天之后的日期' },
  date_out_of_range: { en: 'Choose a date between 1901 and 2099', 'zh-CN': '请选择1901年至2099年之间的日期' },
  visit_content_needed: {
    en: 'Say what was done: it is recorded as a visit',
    'zh-CN': '请填写所做的事：将记为一条服务记录',
  },
  tier_apply_nothing: {
    en: 'Choose the accounts, or all whose tier follows suggestions',
    'zh-CN': '请选择客户，或选择全部按建议定级的客户',
  },
  phone_repeated: { en: 'This number is entered twice', 'zh-CN': '该号码重复填写' },
  invalid_postcode: { en: 'A postcode has 6 digits', 'zh-CN': '邮政编码应为6位数字' },
  invalid_period: { en: 'A billing month looks like 2026-11', 'zh-CN': '账期格式应为 2026-11' },
  period_range_reversed: {
    en: 'The first month must not be after the last',
    'zh-CN': '起始月份不能晚于结束月份',
  },
  date_range_reversed: {
    en: 'The first day must not be after the last',
    'zh-CN': '起始日期不能晚于结束日期',
  },
  abc_bounds_reversed: {
    en: 'Class B must end after class A',
    'zh-CN': 'B 类的累计占比上限应高于 A 类',
  },
  credit_code_for_person: {
    en: 'Only organizations have a credit code',
    'zh-CN': '只有单位客户才有统一社会信用代码',
  },
  follow_up_before_visit: {
    en: 'A follow-up cannot be due before the visit',
    'zh-CN': '跟进期限不能早于服务日期',
  },
  follow_up_text_needed: {
    en: 'Say what to follow up, or clear the due date',
    'zh-CN': '请填写跟进内容，或清除跟进期限',
  },
  invalid_date: { en: 'Write the date like 2026-11-27', 'zh-CN': '日期格式应为 2026-11-27' },
  invalid_date_time: {
    en: 'Write the date and time like 2026-11-27 14:30',
    'zh-CN': '日期时间格式应为 2026-11-27 14:30',
  },
  custom_needs_label: { en: 'Give the custom anniversary a name', 'zh-CN': '请填写自定义纪念日名称' },
  contract_ends_before_start: {
    en: 'The contract cannot end before it starts',
    'zh-CN': '合同结束日期不能早于开始日期',
  },
  gregorian_day_out_of_range: { en: 'That month has no such day', 'zh-CN': '该月没有这一天' },
  gregorian_leap_flag: { en: 'Only lunar dates have leap months', 'zh-CN': '只有农历日期才有闰月' },
  gregorian_date_missing_in_year: {
    en: 'That year has no such date (not a leap year)',
    'zh-CN': '该年没有这一天（非闰年）',
  },
  lunar_day_out_of_range: { en: 'A lunar month has at most 30 days', 'zh-CN': '农历月最多30天' },
  lunar_leap_month_missing_in_year: {
    en: 'That lunar year has no such leap month',
    'zh-CN': '该农历年没有这个闰月',
  },
  lunar_day_missing_in_year: {
    en: 'That lunar month has only 29 days in that year',
    'zh-CN': '该农历月当年只有29天',
  },
  invalid_base64: {
    en: 'The file did not arrive intact (not base64)',
    'zh-CN': '文件传输不完整（不是 base64）',
  },
  import_column_missing: { en: 'The file has no column of that name', 'zh-CN': '文件中没有这一列' },
  import_field_required: { en: 'Choose the column for this field', 'zh-CN': '请为此项选择一列' },
  import_field_not_for_kind: {
    en: 'This field is not imported for this kind of file',
    'zh-CN': '此类文件不导入这一项',
  },
  sync_passphrase_short: {
    en: 'The team passphrase has at least 8 characters',
    'zh-CN': '团队口令至少 8 个字符',
  },
  sync_new_passphrase_short: {
    en: 'A new team passphrase has at least 12 characters',
    'zh-CN': '新的团队口令至少 12 个字符',
  },
  sync_merge_needs_value: { en: 'Enter the merged text', 'zh-CN': '请填写合并后的内容' },
  sync_value_only_with_merge: {
    en: 'Only a merge by hand takes a text',
    'zh-CN': '只有手动合并才需要填写内容',
  },
  // The agenda (待办): follow-ups and planned visits.
  no_follow_up: { en: 'This visit has no follow-up', 'zh-CN': '这条服务记录没有后续跟进' },
  follow_up_due_too_early: {
    en: "Choose today or a later day, not before the visit's own day",
    'zh-CN': '请选择今天或以后的日期，且不早于这次服务的日期',
  },
  not_planned_visit: {
    en: 'This visit is not planned: its time has passed',
    'zh-CN': '这次服务不是计划中的：时间已经过了',
  },
  plan_not_future: {
    en: 'Choose a day on which the planned time is still ahead',
    'zh-CN': '请选择计划时间尚未到的日期',
  },
  // Handing accounts over (人员调动交接).
  handover_same_manager: {
    en: 'Choose a manager other than the one handing over',
    'zh-CN': '请选择另一位客户经理接手',
  },
  handover_nothing_selected: {
    en: 'No account of that manager matches: nothing to hand over',
    'zh-CN': '该客户经理名下没有符合条件的客户，无可交接',
  },
} as const satisfies Record<string, { en: string; 'zh-CN': string }>;

export type ValidationMessageKey = keyof typeof validationMessages;

export function isValidationMessageKey(key: string): key is ValidationMessageKey {
  return Object.hasOwn(validationMessages, key);
}
