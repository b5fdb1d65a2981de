import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { dateLocale } from '../i18n';

/** Whole local calendar days from `iso`'s day to today's (a visit at 23:00 yesterday: 1). */
export function daysSince(iso: string, now: Date = new Date()): number {
  const then = new Date(iso);
  const day = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  return Math.max(0, Math.round((day(now) - day(then)) / 86_400_000));
}

/** "today", "yesterday", "12 days ago" or "never", in the user's language. */
export function useLastContactText(): (at: string | null) => string {
  const { t } = useTranslation();
  return (at) => {
    if (at === null) return t('contact.never');
    const days = daysSince(at);
    return days === 0
      ? t('contact.today')
      : days === 1
        ? t('contact.yesterday')
        : t('contact.daysAgo', { count: days });
  };
}

/** The last contact of an account, its date and time on hover. */
export function LastContact({ at, className }: { at: string | null; className?: string }) {
  const text = useLastContactText();
  return (
    <span
      className={className}
      title={at === null ? undefined : format(new Date(at), 'PPp', { locale: dateLocale() })}
    >
      {text(at)}
    </span>
  );
}
