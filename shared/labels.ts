import type {
  AccountKind,
  AccountStatus,
  AnniversaryKind,
  AppLanguage,
  CalendarKind,
  ConsumptionCategory,
  PhoneLabel,
  RelationshipType,
  Tier,
  TierSource,
  VisitKind,
} from './types';

/**
 * The names of stored values (tiers, services, kinds…) in each language the app speaks, once:
 * the screens (spread into the locale tables), the CSV export's cells and the desktop reminders'
 * texts all read them here. Each set is typed by its enum, so a value added to an enum without
 * its names fails to compile.
 */

/** A text in each language. */
export type Texts = Readonly<Record<AppLanguage, string>>;

/** Stored keys → their names. */
export type Labels<K extends string> = Readonly<Record<K, Texts>>;

export const tierLabels: Labels<Tier> = {
  strategic: { 'zh-CN': '战略客户', en: 'Strategic' },
  partner: { 'zh-CN': '伙伴客户', en: 'Partner' },
  commercial: { 'zh-CN': '商业客户', en: 'Commercial' },
  general: { 'zh-CN': '一般价值客户', en: 'General' },
};

export const tierSourceLabels: Labels<TierSource> = {
  manager: { 'zh-CN': '客户经理设定', en: 'Set by a manager' },
  suggested: { 'zh-CN': '按建议', en: 'From the suggestion' },
};

export const accountKindLabels: Labels<AccountKind> = {
  organization: { 'zh-CN': '单位', en: 'Organization' },
  person: { 'zh-CN': '个人', en: 'Person' },
};

export const accountStatusLabels: Labels<AccountStatus> = {
  active: { 'zh-CN': '正常', en: 'Active' },
  archived: { 'zh-CN': '已归档', en: 'Archived' },
};

export const phoneLabelLabels: Labels<PhoneLabel> = {
  mobile: { 'zh-CN': '手机', en: 'Mobile' },
  office: { 'zh-CN': '办公', en: 'Office' },
  home: { 'zh-CN': '住宅', en: 'Home' },
  fax: { 'zh-CN': '传真', en: 'Fax' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const relationshipLabels: Labels<RelationshipType> = {
  employs: { 'zh-CN': '任职', en: 'Employment' },
  holds: { 'zh-CN': '控股（母公司）', en: 'Holding (parent company)' },
  family: { 'zh-CN': '家庭成员', en: 'Family' },
  other: { 'zh-CN': '其他关系', en: 'Other' },
};

export const visitKindLabels: Labels<VisitKind> = {
  onsite: { 'zh-CN': '上门走访', en: 'On-site visit' },
  walk_in: { 'zh-CN': '客户来访', en: 'Customer came in' },
  phone: { 'zh-CN': '电话沟通', en: 'Phone call' },
  online: { 'zh-CN': '线上沟通', en: 'Online' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
  suggestion: { 'zh-CN': '建议', en: 'Suggestion' },
  marketing: { 'zh-CN': '营销活动', en: 'Marketing activity' },
  greeting: { 'zh-CN': '发送祝福', en: 'Greeting sent' },
  gift: { 'zh-CN': '赠送礼品', en: 'Gift sent' },
};

export const anniversaryKindLabels: Labels<AnniversaryKind> = {
  birthday: { 'zh-CN': '生日', en: 'Birthday' },
  wedding: { 'zh-CN': '结婚纪念日', en: 'Wedding anniversary' },
  founding: { 'zh-CN': '司庆', en: 'Founding day' },
  contract: { 'zh-CN': '签约纪念日', en: 'Contract anniversary' },
  custom: { 'zh-CN': '自定义', en: 'Custom' },
};

export const calendarLabels: Labels<CalendarKind> = {
  gregorian: { 'zh-CN': '公历', en: 'Gregorian' },
  lunar: { 'zh-CN': '农历', en: 'Lunar' },
};

export const categoryLabels: Labels<ConsumptionCategory> = {
  voice: { 'zh-CN': '语音', en: 'Voice' },
  data: { 'zh-CN': '流量', en: 'Mobile data' },
  broadband: { 'zh-CN': '宽带', en: 'Broadband' },
  leased_line: { 'zh-CN': '专线', en: 'Leased line' },
  cloud: { 'zh-CN': '云服务', en: 'Cloud' },
  idc: { 'zh-CN': 'IDC', en: 'IDC' },
  iot: { 'zh-CN': '物联网', en: 'IoT' },
  sms: { 'zh-CN': '短信', en: 'SMS' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** A stored flag (0/1) as a cell says it. */
export const yesNoLabels: Labels<'0' | '1'> = {
  '1': { 'zh-CN': '是', en: 'Yes' },
  '0': { 'zh-CN': '否', en: 'No' },
};

/** One language's names of a set: `{ strategic: '战略客户', … }`, to spread into a locale table. */
export function labelsIn<K extends string>(labels: Labels<K>, language: AppLanguage): Record<K, string> {
  return Object.fromEntries(
    Object.entries<Texts>(labels).map(([key, texts]) => [key, texts[language]]),
  ) as Record<K, string>;
}
