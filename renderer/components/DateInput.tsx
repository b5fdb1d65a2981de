import { format } from 'date-fns';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, dateLocale } from '../i18n';
import { dateText, parseDateText, type DatePrecision } from './dateText';

const nativeType = { date: 'date', datetime: 'datetime-local', month: 'month' } as const;

/** The typed date spelled out in the UI's language, so the user sees it was read right. */
function reading(value: string, precision: DatePrecision): string {
  const canonical = parseDateText(value, precision);
  if (!canonical) return '';
  const date = new Date(precision === 'month' ? `${canonical}-01T12:00` : `${canonical.slice(0, 16)}`);
  if (Number.isNaN(date.getTime())) return '';
  const chinese = currentLanguage() === 'zh-CN';
  const pattern = {
    date: 'PPPP',
    datetime: 'PPPP HH:mm',
    month: chinese ? 'yyyy年M月' : 'LLLL yyyy',
  }[precision];
  return format(date, pattern, { locale: dateLocale() });
}

/**
 * A date (or date and time, or month) typed as `2026-11-27` (`/`, `.` and 年月日 are read too),
 * with the date spelled out beside it in the UI's language, and a button that opens the
 * system's calendar to pick one. Native date inputs show their text in the operating system's
 * language whatever the page's, so the text here is ours; the calendar popup is the system's.
 * `value` is the text as typed; `parseDateText` gives the canonical value.
 */
export function DateInput(props: {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  value: string;
  onChange: (text: string) => void;
  precision: DatePrecision;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const picker = useRef<HTMLInputElement>(null);
  const { value, onChange, precision, ...control } = props;
  const canonical = parseDateText(value, precision) ?? '';
  const spelled = reading(value, precision);
  return (
    <span className="date-input">
      <input
        {...control}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t(`form.datePlaceholder.${precision}`)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        // Written out in the one form both languages read once the field is left: what is
        // shown is what is used.
        onBlur={() => {
          if (canonical !== '' && dateText(canonical) !== value) onChange(dateText(canonical));
        }}
      />
      <button
        type="button"
        className="icon-button"
        aria-label={t('form.pickDate')}
        title={t('form.pickDate')}
        onClick={() => {
          try {
            picker.current?.showPicker();
          } catch {
            // No calendar here (an old engine, or no user gesture): typing still works.
          }
        }}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" />
        </svg>
      </button>
      <input
        ref={picker}
        className="date-input-picker"
        type={nativeType[precision]}
        tabIndex={-1}
        aria-hidden="true"
        value={canonical}
        onChange={(event) => {
          if (event.target.value) onChange(dateText(event.target.value));
        }}
      />
      {spelled && <span className="date-input-reading">{spelled}</span>}
    </span>
  );
}
