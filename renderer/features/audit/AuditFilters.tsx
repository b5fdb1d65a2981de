import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFacets } from '../../../shared/types';
import { api } from '../../api';
import { DateInput } from '../../components/DateInput';
import { parseDateText } from '../../components/dateText';
import { Field } from '../../components/Field';
import { actionName, recordName } from './format';

/** What the page filters by: days are local `YYYY-MM-DD`, '' for no filter. */
export interface AuditFilterValues {
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly account: { readonly id: string; readonly name: string } | null;
  readonly from: string;
  readonly to: string;
}

export const noFilters: AuditFilterValues = {
  actor: '',
  action: '',
  entity: '',
  account: null,
  from: '',
  to: '',
};

/** An account found by name, phone or number as one types (the lookup's best matches). */
function AccountFilter({
  value,
  onChange,
}: {
  value: AuditFilterValues['account'];
  onChange: (account: AuditFilterValues['account']) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value?.name ?? '');
  const [options, setOptions] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => setText(value?.name ?? ''), [value]);
  useEffect(() => {
    if (text.trim() === '' || text === value?.name) return;
    let current = true;
    void api.lookup.search({ query: text, limit: 8 }).then((result) => {
      if (current) setOptions(result.hits.map((hit) => ({ id: hit.account.id, name: hit.account.name })));
    });
    return () => {
      current = false;
    };
  }, [text, value]);
  const choose = (typed: string) => {
    setText(typed);
    if (typed.trim() === '') onChange(null);
    const chosen = options.find((option) => option.name === typed);
    if (chosen) onChange(chosen);
  };
  return (
    <label>
      {t('audit.filter.account')}
      <input
        type="search"
        list="audit-accounts"
        value={text}
        placeholder={t('audit.filter.accountHint')}
        onChange={(event) => choose(event.target.value)}
      />
      <datalist id="audit-accounts">
        {options.map((option) => (
          <option key={option.id} value={option.name} />
        ))}
      </datalist>
    </label>
  );
}

/**
 * A day typed as the app's other date fields take it (the shared DateInput, in the UI's
 * language): the filter changes once the text is a day, or is cleared when it is empty.
 */
function DayFilter({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (day: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  // Only a change from outside (Clear filters) replaces what is being typed: a typed text
  // that reads as the filter's day stays as typed.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (parseDateText(text, 'date') !== value) setText(value);
  }
  const unreadable = text.trim() !== '' && parseDateText(text, 'date') === null;
  return (
    <Field label={label} error={unreadable ? t('form.dateInvalid') : undefined}>
      {(control) => (
        <DateInput
          {...control}
          precision="date"
          value={text}
          onChange={(typed) => {
            setText(typed);
            const day = parseDateText(typed, 'date');
            if (typed.trim() === '') onChange('');
            else if (day !== null) onChange(day);
          }}
        />
      )}
    </Field>
  );
}

export function AuditFilters({
  facets,
  values,
  onChange,
}: {
  facets: AuditFacets | null;
  values: AuditFilterValues;
  onChange: (values: AuditFilterValues) => void;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof AuditFilterValues>(key: K, value: AuditFilterValues[K]) =>
    onChange({ ...values, [key]: value });
  const choice = (
    key: 'actor' | 'action' | 'entity',
    options: readonly string[],
    label: (value: string) => string,
  ) => (
    <label>
      {t(`audit.filter.${key}`)}
      <select
        aria-label={t(`audit.filter.${key}`)}
        value={values[key]}
        onChange={(event) => set(key, event.target.value)}
      >
        <option value="">{t('audit.filter.all')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {label(option)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="filters list-filters audit-filters">
      <AccountFilter value={values.account} onChange={(account) => set('account', account)} />
      {choice('actor', facets?.actors ?? [], (actor) => actor)}
      {choice('action', facets?.actions ?? [], actionName)}
      {choice('entity', facets?.entities ?? [], recordName)}
      <DayFilter label={t('audit.filter.from')} value={values.from} onChange={(day) => set('from', day)} />
      <DayFilter label={t('audit.filter.to')} value={values.to} onChange={(day) => set('to', day)} />
      <button type="button" className="link clear-filters" onClick={() => onChange(noFilters)}>
        {t('audit.filter.clear')}
      </button>
    </div>
  );
}
