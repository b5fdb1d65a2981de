import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import { csvExportTables, type csvExportLanguages } from '../../../shared/schemas';
import type { CsvExport } from '../../../shared/types';
import { api } from '../../api';
import { useSettings } from '../../stores/settings';
import { DateInput } from '../../components/DateInput';
import { isCalendarDay, parseDateText } from '../../components/dateText';
import { Field } from '../../components/Field';

type ExportTable = (typeof csvExportTables)[number];

/** A typed day as the export takes it: '' for a blank field, null for text that is no day. */
function dayOf(text: string): string | null {
  if (text.trim() === '') return '';
  const day = parseDateText(text, 'date');
  return day !== null && isCalendarDay(day) ? day : null;
}
type ExportLanguage = (typeof csvExportLanguages)[number];

/** Saves the export under its suggested name (a .csv, or a .zip of several). */
function download(result: CsvExport): void {
  const binary = atob(result.contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  const url = URL.createObjectURL(new Blob([bytes], { type: result.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = result.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * CSV export for head office: tables, header language, whose accounts and a date range; the
 * result downloads as a file. Exports too large for a window are refused with a pointer to
 * `fieldbook export-csv` (EXPORT_TOO_LARGE).
 */
export function CsvExportCard() {
  const { t, i18n } = useTranslation();
  const settings = useSettings((state) => state.settings);
  const [tables, setTables] = useState<ReadonlySet<ExportTable>>(new Set(['accounts']));
  const [language, setLanguage] = useState<ExportLanguage>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [mineOnly, setMineOnly] = useState(true);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [purpose, setPurpose] = useState('');
  const [purposeMissing, setPurposeMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Said under the button, not in a toast over the page.
  const [done, setDone] = useState<string | null>(null);
  const [badDates, setBadDates] = useState<ReadonlySet<'from' | 'to'>>(new Set());
  const owner = settings?.actor ?? '';

  const toggle = (table: ExportTable, on: boolean) => {
    const next = new Set(tables);
    if (on) next.add(table);
    else next.delete(table);
    setTables(next);
  };

  const run = async () => {
    setError(null);
    setDone(null);
    if (tables.size === 0) {
      setError(t('csvExport.noTable'));
      return;
    }
    const fromDay = dayOf(from);
    const toDay = dayOf(to);
    const bad = new Set<'from' | 'to'>();
    if (fromDay === null) bad.add('from');
    if (toDay === null) bad.add('to');
    setBadDates(bad);
    setPurposeMissing(purpose.trim() === '');
    if (fromDay === null || toDay === null || purpose.trim() === '') return;
    setBusy(true);
    try {
      const result = await api.exports.csv({
        tables: csvExportTables.filter((table) => tables.has(table)),
        language,
        ...(mineOnly && owner !== '' ? { owner } : {}),
        ...(fromDay ? { from: fromDay } : {}),
        ...(toDay ? { to: toDay } : {}),
        purpose,
      });
      download(result);
      const count = Object.values(result.rows).reduce((sum, rows) => sum + rows, 0);
      setDone(t('csvExport.done', { count }));
    } catch (caught) {
      setError(t(`error.${caught instanceof ApiError ? caught.code : 'INTERNAL'}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card csv-export-card" aria-labelledby="csv-export-title">
      <h2 id="csv-export-title">{t('csvExport.title')}</h2>
      <p className="muted">{t('csvExport.hint')}</p>
      <fieldset>
        <legend>{t('csvExport.tables')}</legend>
        {csvExportTables.map((table) => (
          <label key={table} className="checkbox">
            <input
              type="checkbox"
              checked={tables.has(table)}
              onChange={(event) => toggle(table, event.target.checked)}
            />
            {t(`csvExport.table.${table}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('csvExport.language')}{' '}
        <select
          value={language}
          onChange={(event) => setLanguage(event.target.value === 'en' ? 'en' : 'zh-CN')}
        >
          <option value="zh-CN">简体中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <fieldset>
        <legend>{t('csvExport.scope')}</legend>
        <label className="radio">
          <input
            type="radio"
            name="csv-export-scope"
            checked={mineOnly && owner !== ''}
            disabled={owner === ''}
            onChange={() => setMineOnly(true)}
          />
          {t('csvExport.scopeMine', { owner })}
        </label>
        <label className="radio">
          <input
            type="radio"
            name="csv-export-scope"
            checked={!mineOnly || owner === ''}
            onChange={() => setMineOnly(false)}
          />
          {t('csvExport.scopeAll')}
        </label>
      </fieldset>
      <div className="date-range">
        {(['from', 'to'] as const).map((end) => (
          <Field
            key={end}
            label={t(`csvExport.${end}`)}
            error={badDates.has(end) ? t('form.dateInvalid') : undefined}
          >
            {(control) => (
              <DateInput
                {...control}
                precision="date"
                value={end === 'from' ? from : to}
                onChange={end === 'from' ? setFrom : setTo}
              />
            )}
          </Field>
        ))}
        <p className="muted">{t('csvExport.dateHint')}</p>
      </div>
      <Field
        label={t('csvExport.purpose')}
        hint={t('csvExport.purposeHint')}
        error={purposeMissing ? t('csvExport.purposeNeeded') : undefined}
      >
        {(control) => (
          <input {...control} value={purpose} onChange={(event) => setPurpose(event.target.value)} />
        )}
      </Field>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
        {busy ? t('csvExport.exporting') : t('csvExport.export')}
      </button>
      {done && (
        <p className="import-done" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
