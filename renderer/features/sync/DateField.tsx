import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { readDateText } from './dateText';

/**
 * A day as text (`2026-11-05`; see `readDateText`), in place of the browser's date field,
 * which speaks the operating system's language whatever the UI's. Written out in full when
 * the field is left, so what is shown is what is used.
 */
export function DateField(props: {
  label: string;
  value: string;
  invalid: boolean;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <span className="date-field">
      <label htmlFor={id}>{props.label}</label>{' '}
      <input
        id={id}
        type="text"
        className="date-text"
        value={props.value}
        placeholder={t('csvExport.datePlaceholder')}
        aria-invalid={props.invalid}
        aria-describedby={props.invalid ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
        onBlur={() => {
          const day = readDateText(props.value);
          if (day !== null && day !== props.value) props.onChange(day);
        }}
      />
      {props.invalid && (
        <small id={`${id}-error`} className="error">
          {t('csvExport.dateInvalid')}
        </small>
      )}
    </span>
  );
}
