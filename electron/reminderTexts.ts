import { lunarDayName, lunarMonthName } from '../shared/domain/lunarNames';
import { anniversaryKindLabels } from '../shared/labels';
import type { FollowUpItem, Reminder, RenewalReminder, Settings } from '../shared/types';

/**
 * What main itself says to the user: reminder notifications and the tray menu, in zh-CN and
 * English. The renderer's i18n tables cannot be imported here (layers), and main needs only
 * these few strings; the names of stored values (an anniversary's kind) come from
 * `shared/labels.ts`, as on the screens.
 */
export type Language = NonNullable<Settings['language']>;

/** The user's choice in Settings, else the system's language (Electron's `app.getLocale()`). */
export function resolveLanguage(setting: Settings['language'], systemLocale: string): Language {
  return setting ?? (systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
}

/** Many reminders of one kind at once: how many, how many have passed, and when. */
interface Summary {
  /** Reminders not notified before. */
  readonly total: number;
  /** Of those, how many have passed. */
  readonly missed: number;
  /** The first check after Fieldbook started: what passed was missed while it was closed. */
  readonly atStart: boolean;
}

/** What the reminder engine asks to be shown: anniversaries and follow-ups, one by one or summed up. */
export type ReminderNotice =
  | { readonly kind: 'reminder'; readonly reminder: Reminder }
  | ({ readonly kind: 'summary' } & Summary)
  | { readonly kind: 'followUp'; readonly followUp: FollowUpItem }
  | ({ readonly kind: 'followUpSummary' } & Summary)
  | { readonly kind: 'renewal'; readonly renewal: RenewalReminder }
  | ({ readonly kind: 'renewalSummary' } & Summary)
  /** While the book is locked: how many are due, never whose (a sign-in shows them). */
  | { readonly kind: 'locked'; readonly count: number };

export interface NoticeText {
  readonly title: string;
  readonly body: string;
}

const strings = {
  'zh-CN': {
    title: (kind: string) => `${kind}提醒`,
    lunar: (month: string, day: string) => `农历${month}${day}`,
    gregorian: (month: number, day: number) => `${month}月${day}日`,
    body: (name: string, date: string, kind: string) => `${name} ${date}${kind}`,
    today: '今天',
    tomorrow: '明天',
    inDays: (days: number) => `还有 ${days} 天`,
    daysAgo: (days: number) => `已过 ${days} 天`,
    age: (years: number) => `${years} 岁`,
    years: (years: number) => `${years} 周年`,
    summaryTitle: '纪念日提醒',
    summary: (total: number) => `${total} 个纪念日需要关注`,
    missedWhileClosed: (missed: number) => `，其中 ${missed} 个在 Fieldbook 关闭期间错过`,
    missed: (missed: number) => `，其中 ${missed} 个已过`,
    open: '打开 Fieldbook',
    quit: '退出',
    followUpTitle: '跟进提醒',
    dueToday: '今天到期',
    overdue: (days: number) => `已过期 ${days} 天`,
    followUpSummary: (total: number) => `${total} 项跟进到期`,
    followUpsMissedWhileClosed: (missed: number) => `，其中 ${missed} 项在 Fieldbook 关闭期间到期`,
    followUpsMissed: (missed: number) => `，其中 ${missed} 项已过期`,
    renewalTitle: '合同到期提醒',
    endsToday: '今天到期',
    endsIn: (days: number) => `${days} 天后到期`,
    autoRenews: '自动续约',
    renewalSummary: (total: number) => `${total} 份合同即将到期`,
    lockedTitle: 'Fieldbook 提醒',
    locked: (count: number) => `今天有 ${count} 项提醒，登录后查看`,
  },
  en: {
    title: (kind: string) => `${kind} reminder`,
    lunar: (month: string, day: string) => `lunar month ${month} day ${day}`,
    gregorian: (month: number, day: number) =>
      new Intl.DateTimeFormat('en', { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
        Date.UTC(2000, month - 1, day),
      ),
    body: (name: string, date: string, kind: string) => `${name} · ${kind}, ${date}`,
    today: 'today',
    tomorrow: 'tomorrow',
    inDays: (days: number) => `in ${days} days`,
    daysAgo: (days: number) => (days === 1 ? '1 day ago' : `${days} days ago`),
    age: (years: number) => `turns ${years}`,
    years: (years: number) => (years === 1 ? '1 year' : `${years} years`),
    summaryTitle: 'Anniversary reminders',
    summary: (total: number) => `${total} anniversaries need attention`,
    missedWhileClosed: (missed: number) => `, ${missed} missed while Fieldbook was closed`,
    missed: (missed: number) => `, ${missed} already passed`,
    open: 'Open Fieldbook',
    quit: 'Quit',
    followUpTitle: 'Follow-up due',
    dueToday: 'due today',
    overdue: (days: number) => (days === 1 ? '1 day overdue' : `${days} days overdue`),
    followUpSummary: (total: number) => (total === 1 ? '1 follow-up due' : `${total} follow-ups due`),
    followUpsMissedWhileClosed: (missed: number) => `, ${missed} fell due while Fieldbook was closed`,
    followUpsMissed: (missed: number) => `, ${missed} overdue`,
    renewalTitle: 'Contract ending',
    endsToday: 'ends today',
    endsIn: (days: number) => (days === 1 ? 'ends tomorrow' : `ends in ${days} days`),
    autoRenews: 'renews automatically',
    renewalSummary: (total: number) =>
      total === 1 ? '1 contract ending soon' : `${total} contracts ending soon`,
    lockedTitle: 'Fieldbook reminders',
    locked: (count: number) =>
      count === 1
        ? '1 reminder due today: sign in to see it'
        : `${count} reminders due today: sign in to see them`,
  },
} as const;

function kindName(reminder: Reminder, language: Language): string {
  const { kind, label } = reminder.occurrence.anniversary;
  // The schema requires a custom anniversary's name (入职纪念日).
  return kind === 'custom' ? label : anniversaryKindLabels[kind][language];
}

/** The rule's date as people say it: 农历八月十五 for a lunar rule, the calendar date otherwise. */
function dateText(reminder: Reminder, language: Language): string {
  const { anniversary, date } = reminder.occurrence;
  const text = strings[language];
  if (anniversary.calendar === 'lunar') {
    return language === 'zh-CN'
      ? text.lunar(lunarMonthName(anniversary.month, anniversary.leapMonth), lunarDayName(anniversary.day))
      : text.lunar(`${anniversary.leapMonth ? 'leap ' : ''}${anniversary.month}`, String(anniversary.day));
  }
  const [, month = 1, day = 1] = date.split('-').map(Number);
  return text.gregorian(month, day);
}

function whenText(daysLeft: number, language: Language): string {
  const text = strings[language];
  if (daysLeft < 0) return text.daysAgo(-daysLeft);
  if (daysLeft === 0) return text.today;
  if (daysLeft === 1) return text.tomorrow;
  return text.inDays(daysLeft);
}

/** 「生日提醒」王芳 农历八月十五生日 · 还有 7 天 · 49 岁 */
export function reminderText(reminder: Reminder, language: Language): NoticeText {
  const text = strings[language];
  const { occurrence } = reminder;
  const kind = kindName(reminder, language);
  const bodyKind = language === 'en' && occurrence.anniversary.kind !== 'custom' ? kind.toLowerCase() : kind;
  const parts = [
    text.body(occurrence.account.name, dateText(reminder, language), bodyKind),
    whenText(occurrence.daysLeft, language),
  ];
  if (occurrence.years !== null && occurrence.years > 0) {
    parts.push(
      occurrence.anniversary.kind === 'birthday' ? text.age(occurrence.years) : text.years(occurrence.years),
    );
  }
  return { title: text.title(kind), body: parts.join(' · ') };
}

/** One notification for many: "N anniversaries need attention, M missed while Fieldbook was closed". */
export function summaryText(
  notice: Extract<ReminderNotice, { kind: 'summary' }>,
  language: Language,
): NoticeText {
  const text = strings[language];
  const missed =
    notice.missed === 0
      ? ''
      : notice.atStart
        ? text.missedWhileClosed(notice.missed)
        : text.missed(notice.missed);
  return { title: text.summaryTitle, body: `${text.summary(notice.total)}${missed}` };
}

/** The longest follow-up text a notification shows; the agenda has the rest. */
const followUpTextLength = 80;

/** 「跟进提醒」汕头市金海湾酒店 · 申请集团优惠折扣 · 今天到期 */
export function followUpText(item: FollowUpItem, language: Language): NoticeText {
  const text = strings[language];
  // A follow-up date stored without its text (older books) names the visit instead.
  const what = (item.visit.followUp || item.visit.content).replace(/\s+/g, ' ');
  const short = what.length > followUpTextLength ? `${what.slice(0, followUpTextLength - 1)}…` : what;
  const when = item.daysLeft < 0 ? text.overdue(-item.daysLeft) : text.dueToday;
  return { title: text.followUpTitle, body: [item.account.name, short, when].join(' · ') };
}

/** "N follow-ups due, M fell due while Fieldbook was closed". */
export function followUpSummaryText(summary: Summary, language: Language): NoticeText {
  const text = strings[language];
  const missed =
    summary.missed === 0
      ? ''
      : summary.atStart
        ? text.followUpsMissedWhileClosed(summary.missed)
        : text.followUpsMissed(summary.missed);
  return { title: text.followUpTitle, body: `${text.followUpSummary(summary.total)}${missed}` };
}

/** 「合同到期提醒」汕头市金海湾酒店 · HT-2026-001 · 20 天后到期 */
export function renewalText(renewal: RenewalReminder, language: Language): NoticeText {
  const text = strings[language];
  const when = renewal.daysLeft === 0 ? text.endsToday : text.endsIn(renewal.daysLeft);
  const parts = [renewal.account.name, renewal.contract.number, when];
  if (renewal.contract.autoRenew) parts.push(text.autoRenews);
  return { title: text.renewalTitle, body: parts.join(' · ') };
}

export function noticeText(notice: ReminderNotice, language: Language): NoticeText {
  switch (notice.kind) {
    case 'reminder':
      return reminderText(notice.reminder, language);
    case 'summary':
      return summaryText(notice, language);
    case 'followUp':
      return followUpText(notice.followUp, language);
    case 'followUpSummary':
      return followUpSummaryText(notice, language);
    case 'renewal':
      return renewalText(notice.renewal, language);
    case 'renewalSummary':
      return { title: strings[language].renewalTitle, body: strings[language].renewalSummary(notice.total) };
    case 'locked':
      return { title: strings[language].lockedTitle, body: strings[language].locked(notice.count) };
  }
}

export function trayMenuText(language: Language): { readonly open: string; readonly quit: string } {
  return { open: strings[language].open, quit: strings[language].quit };
}
