import { useEffect, useState } from 'react';
import { useSignedInUser } from '../../stores/session';
import { useTranslation } from 'react-i18next';
import { tiers } from '../../../shared/schemas/common';
import { ApiError } from '../../../shared/errors';
import { localDayOf } from '../../../shared/domain/visitRules';
import type { HandoverManager, HandoverReport, Tier } from '../../../shared/types';
import { api } from '../../api';
import { hrefFor } from '../../app/router';
import { TierBadge } from '../../components/Badges';
import { downloadCsv } from '../../components/ChartPanel';
import { useManagerName } from '../../components/managerName';
import { issueMessage } from '../../i18n';
import { anniversariesText, handoverCsv, handoverFileName, renewalsText } from './reportCsv';
import './handover.css';

type Step =
  { readonly kind: 'choose' } | { readonly kind: 'preview' | 'done'; readonly report: HandoverReport };

function errorText(error: unknown, t: (key: string) => string): string {
  if (!(error instanceof ApiError)) return t('error.INTERNAL');
  const issue = error.issues?.[0];
  return error.code === 'VALIDATION_FAILED' && issue ? issueMessage(issue) : t(`error.${error.code}`);
}

/** The report: totals, then one row per account; printable as it stands (handover.css). */
function Report({ report }: { report: HandoverReport }) {
  const { t } = useTranslation();
  const managerName = useManagerName();
  return (
    <div className="handover-report">
      <p>
        {t('handover.fromTo', {
          from: managerName(report.from),
          to: managerName(report.to),
          day: report.today,
        })}
      </p>
      <div className="handover-summary" aria-label={t('handover.summary')}>
        <span>
          <strong>{report.accounts}</strong>
          {t('handover.accounts', { count: report.accounts })}
        </span>
        <span>
          <strong>{report.openFollowUps}</strong>
          {t('handover.followUps', { count: report.openFollowUps })}
        </span>
        <span>
          <strong>{report.anniversaries}</strong>
          {t('handover.anniversaries', { count: report.anniversaries })}
        </span>
        <span>
          <strong>{report.renewals}</strong>
          {t('handover.renewals', { count: report.renewals })}
        </span>
      </div>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t('handover.caption')}</caption>
          <thead>
            <tr>
              <th>{t('handover.col.customerNo')}</th>
              <th>{t('handover.col.name')}</th>
              <th>{t('handover.col.tier')}</th>
              <th>{t('handover.col.lastVisit')}</th>
              <th className="numeric">{t('handover.col.followUps')}</th>
              <th>{t('handover.col.anniversaries')}</th>
              <th>{t('handover.col.renewals')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.accountId}>
                <td>{row.customerNo}</td>
                <td className="wrap">
                  <a href={hrefFor({ page: 'account', id: row.accountId })}>{row.name}</a>
                </td>
                <td>
                  <TierBadge tier={row.tier} />
                </td>
                <td>{row.lastVisitAt ? localDayOf(row.lastVisitAt) : t('handover.never')}</td>
                <td className="numeric">{row.openFollowUps}</td>
                <td className="wrap">{anniversariesText(row, t)}</td>
                <td className="wrap">{renewalsText(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * Handing one manager's accounts to another (人员调动交接): choose who hands over to whom and
 * which accounts, see what would move, confirm; then the report to download or print.
 */
export function HandoverPage() {
  const { t } = useTranslation();
  const managerName = useManagerName();
  const [managers, setManagers] = useState<readonly HandoverManager[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [chosenTiers, setChosenTiers] = useState<readonly Tier[]>([]);
  const [region, setRegion] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [disableLeaver, setDisableLeaver] = useState(false);
  // Only a book with users has sign-ins to end.
  const signedIn = useSignedInUser() !== null;
  useEffect(() => {
    void api.accounts.handoverManagers().then(setManagers);
  }, []);

  const input = {
    from: from.trim(),
    to: to.trim(),
    ...(chosenTiers.length > 0 ? { tiers: [...chosenTiers] } : {}),
    ...(region.trim() !== '' ? { region: region.trim() } : {}),
  };
  const run = async (confirm: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const report = confirm
        ? await api.accounts.handover({ ...input, disableLeaver: signedIn && disableLeaver })
        : await api.accounts.handoverPreview(input);
      setStep({ kind: confirm ? 'done' : 'preview', report });
      if (confirm) void api.accounts.handoverManagers().then(setManagers);
    } catch (caught) {
      setError(errorText(caught, t));
    } finally {
      setBusy(false);
    }
  };
  // Any change of the choice sends the user back to a fresh preview.
  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setStep({ kind: 'choose' });
      setError(null);
    };
  const toggleTier = (tier: Tier) =>
    change(setChosenTiers)(
      chosenTiers.includes(tier) ? chosenTiers.filter((x) => x !== tier) : [...chosenTiers, tier],
    );

  return (
    <section className="page handover-page" aria-labelledby="handover-title">
      <header className="page-header">
        <h1 id="handover-title">{step.kind === 'done' ? t('handover.reportTitle') : t('handover.title')}</h1>
        <a href={hrefFor({ page: 'accounts' })} className="handover-back">
          {t('handover.back')}
        </a>
      </header>
      <p className="hint handover-intro">{t('handover.intro')}</p>
      <form
        className="handover-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(false);
        }}
      >
        <datalist id="handover-managers">
          {managers.map((manager) => (
            <option key={manager.code} value={manager.code}>
              {t('handover.managerOption', { name: managerName(manager.code), count: manager.accounts })}
            </option>
          ))}
        </datalist>
        <label>
          {t('handover.from')}
          <input
            list="handover-managers"
            value={from}
            onChange={(e) => change(setFrom)(e.target.value)}
            required
          />
        </label>
        <label>
          {t('handover.to')}
          <input
            list="handover-managers"
            value={to}
            onChange={(e) => change(setTo)(e.target.value)}
            required
          />
        </label>
        <fieldset>
          <legend className="visually-hidden">{t('handover.tiers')}</legend>
          <span>{t('handover.tiers')}</span>
          {tiers.map((tier) => (
            <label key={tier}>
              <input type="checkbox" checked={chosenTiers.includes(tier)} onChange={() => toggleTier(tier)} />
              {t(`tier.${tier}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('handover.region')}
          <input
            value={region}
            onChange={(e) => change(setRegion)(e.target.value)}
            placeholder={t('handover.anyRegion')}
          />
        </label>
        <button type="submit" disabled={busy || step.kind === 'done'}>
          {t('handover.preview')}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {step.kind !== 'choose' && <Report report={step.report} />}
      {step.kind === 'preview' && (
        <div className="handover-actions">
          {signedIn && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={disableLeaver}
                onChange={(event) => setDisableLeaver(event.target.checked)}
              />
              {t('handover.disableLeaver', { from: managerName(step.report.from) })}
            </label>
          )}
          <button type="button" className="primary" disabled={busy} onClick={() => void run(true)}>
            {t('handover.confirm', { count: step.report.accounts, to: managerName(step.report.to) })}
          </button>
        </div>
      )}
      {step.kind === 'done' && (
        <div className="handover-actions">
          <p role="status">
            {t('handover.done', { count: step.report.accounts, to: managerName(step.report.to) })}
          </p>
          <button
            type="button"
            onClick={() => downloadCsv(handoverFileName(step.report), handoverCsv(step.report, t))}
          >
            {t('handover.downloadCsv')}
          </button>
          <button type="button" onClick={() => window.print()}>
            {t('handover.print')}
          </button>
          <button type="button" className="link" onClick={() => setStep({ kind: 'choose' })}>
            {t('handover.another')}
          </button>
        </div>
      )}
    </section>
  );
}
