import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One field of the import and the file column it is read from. A required field says so in
 * words (for screen readers) and with a mark; a mapping the service refused shows why.
 */
export function ColumnSelect(props: {
  label: string;
  headers: readonly string[];
  value: string;
  required: boolean;
  error: string | undefined;
  onChange: (header: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [props.required ? `${id}-required` : null, props.error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {props.label}
        {props.required && (
          <span className="required-mark" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      <select
        id={id}
        value={props.value}
        aria-required={props.required}
        aria-invalid={Boolean(props.error)}
        aria-describedby={describedBy || undefined}
        className={props.value === '' ? 'unmapped' : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{t('import.notImported')}</option>
        {props.headers.map((header, index) => (
          <option key={`${index}-${header}`} value={header}>
            {header}
          </option>
        ))}
      </select>
      {props.required && (
        <small id={`${id}-required`} className="visually-hidden">
          {t('import.required')}
        </small>
      )}
      {props.error && (
        <small id={`${id}-error`} className="error" role="alert">
          {props.error}
        </small>
      )}
    </div>
  );
}
