import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { AuditFacets, AuditListedEntry } from '../../../shared/types';
import { api } from '../../api';
import { currentLanguage } from '../../i18n';
import { useBackups } from '../../stores/backups';
import { ChainVerdict } from '../backups/ChainVerdict';
import { dateTime } from '../account/format';
import { AuditDetail } from './AuditDetail';
import { AuditFilters, noFilters, type AuditFilterValues } from './AuditFilters';
import { actionName, dayStart, recordName } from './format';
import './audit.css';

const pageSize = 100;

type AuditFilterInput = Omit<InputOf<'audit.export'>, 'language'>;

/** The filters as the contract takes them (local days as instants). */
function filterInput(values: AuditFilterValues): AuditFilterInput {
  return {
    ...(values.actor !== '' ? { actor: values.actor } : {}),
    ...(values.action !== '' ? { action: values.action } : {}),
    ...(values.entity !== '' ? { entity: values.entity } : {}),
    ...(values.account ? { accountId: values.account.id } : {}),
    ...(values.from !== '' ? { from: dayStart(values.from) } : {}),
    ...(values.to !== '' ? { to: dayStart(values.to, 1) } : {}),
  };
}

/** Saves the CSV under its suggested name. */
function download(fileName: string, contentBase64: string): void {
  const binary = atob(contentBase64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Verify the chain": the audit log's hash chain intact, or where it first breaks. */
function ChainCheck() {
  const { t } = useTranslation();
  const audit = useBackups((state) => state.audit);
  return (
    <div className="audit-chain">
      <button
        type="button"
        disabled={audit?.state === 'running'}
        onClick={() => void useBackups.getState().verifyAudit()}
      >
        {audit?.state === 'running' ? t('backups.audit.verifying') : t('audit.verify')}
      </button>
      {audit?.state === 'failed' && (
        <span className="form-error" role="alert">
          {t(`error.${audit.error.code}`)}
        </span>
      )}
      {audit?.state === 'done' && <ChainVerdict verdict={audit.verdict} as="span" />}
    </div>
  );
}

/**
 * 审计日志: every change, export and backup, filtered by account, user, action, entity and days,
 * newest first a page at a time; an entry opens before → after; the filtered entries export as
 * CSV (the export itself an entry). Open to everyone on this computer until users have roles.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const [values, setValues] = useState<AuditFilterValues>(noFilters);
  const [facets, setFacets] = useState<AuditFacets | null>(null);
  const [entries, setEntries] = useState<AuditListedEntry[]>([]);
  const [more, setMore] = useState(false);
  const [selected, setSelected] = useState<AuditListedEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<number | null>(null);

  const load = useCallback(
    async (beforeId?: number) => {
      try {
        const page = await api.audit.page({
          ...filterInput(values),
          limit: pageSize,
          ...(beforeId === undefined ? {} : { beforeId }),
        });
        setEntries((shown) => (beforeId === undefined ? [...page.entries] : [...shown, ...page.entries]));
        setMore(page.more);
        setError(null);
      } catch (caught) {
        setError(t(`error.${caught instanceof ApiError ? caught.code : 'INTERNAL'}`));
      }
    },
    [values, t],
  );

  useEffect(() => {
    void api.audit.facets().then(setFacets);
  }, []);
  useEffect(() => {
    setSelected(null);
    void load();
  }, [load]);

  const exportCsv = async () => {
    setExporting(true);
    setExported(null);
    try {
      const result = await api.audit.export({ ...filterInput(values), language: currentLanguage() });
      download(result.fileName, result.contentBase64);
      setExported(result.rows['audit'] ?? 0);
      // The export is an entry of its own: show it when it matches.
      await load();
      setFacets(await api.audit.facets());
    } catch (caught) {
      setError(t(`error.${caught instanceof ApiError ? caught.code : 'INTERNAL'}`));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="page audit-page" aria-labelledby="audit-title">
      <div className="page-header audit-header">
        <h1 id="audit-title">{t('audit.title')}</h1>
        <ChainCheck />
        <button type="button" className="primary" disabled={exporting} onClick={() => void exportCsv()}>
          {exporting ? t('audit.exporting') : t('audit.export')}
        </button>
        {exported !== null && (
          <span role="status" className="muted">
            {t('audit.exported', { count: exported })}
          </span>
        )}
      </div>
      <AuditFilters facets={facets} values={values} onChange={setValues} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className={selected ? 'audit-body with-detail' : 'audit-body'}>
        <div className="list-scroller audit-list">
          <table className="data-table audit-table">
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.column.time')}</th>
                <th scope="col">{t('audit.column.actor')}</th>
                <th scope="col">{t('audit.column.action')}</th>
                <th scope="col">{t('audit.column.entity')}</th>
                <th scope="col">{t('audit.column.account')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr
                  key={entry.id}
                  className={selected?.id === entry.id ? 'selected' : undefined}
                  aria-selected={selected?.id === entry.id}
                  onClick={() => setSelected(entry)}
                >
                  <td className="audit-time">
                    <button type="button" className="link" onClick={() => setSelected(entry)}>
                      {dateTime(entry.at)}
                    </button>
                  </td>
                  <td>{entry.actor}</td>
                  <td>{actionName(entry.action)}</td>
                  <td>{recordName(entry.entity)}</td>
                  <td className="audit-account">{entry.accountName ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {entries.length === 0 && <p className="hint audit-empty">{t('audit.empty')}</p>}
          {more && (
            <p className="search-more">
              <button type="button" onClick={() => void load(entries.at(-1)?.id)}>
                {t('audit.more')}
              </button>
            </p>
          )}
        </div>
        {selected && <AuditDetail entry={selected} onClose={() => setSelected(null)} />}
      </div>
    </section>
  );
}
