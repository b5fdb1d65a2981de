import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncManifest, SyncRefusal, SyncScopeOutcome } from '../../../shared/types';
import { api } from '../../api';
import { useUsers } from '../../stores/users';
import { entityName } from './format';

/** Users' names by code, as this book knows them (none in a book without users). */
const useUserNames = () => useUsers((state) => state.names);

/** A user as people know them: the name with the code, or the code alone. */
function UserName({ code, names }: { code: string; names: Readonly<Record<string, string>> }) {
  const name = names[code.toLowerCase()];
  return name === undefined ? code : `${name} (${code})`;
}

/**
 * Who wrote the file, for whom and why (items of the preview's facts): a signed file names its
 * exporter, and a head-office file the user it was written for.
 */
export function SignerFacts({ manifest }: { manifest: SyncManifest }) {
  const { t } = useTranslation();
  const names = useUserNames();
  return (
    <>
      <div>
        <dt>{t('sync.scope.signedBy')}</dt>
        <dd>
          {manifest.exporter === undefined ? (
            <span className="muted">{t('sync.scope.unsigned')}</span>
          ) : (
            <UserName code={manifest.exporter} names={names} />
          )}
        </dd>
      </div>
      {manifest.recipient !== undefined && (
        <div>
          <dt>{t('sync.scope.recipient')}</dt>
          <dd>
            <UserName code={manifest.recipient} names={names} />
          </dd>
        </div>
      )}
      {manifest.purpose !== undefined && (
        <div>
          <dt>{t('sync.scope.purpose')}</dt>
          <dd className="sync-purpose">{manifest.purpose}</dd>
        </div>
      )}
    </>
  );
}

/**
 * Names of the refused changes' accounts this book holds and the user may see; the others are
 * shown by the start of their id (an account of the file only, or outside the user's accounts).
 */
function useAccountNames(refused: readonly SyncRefusal[]): Readonly<Record<string, string>> {
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});
  const key = refused.map((refusal) => refusal.accountId ?? '').join(',');
  useEffect(() => {
    let current = true;
    const ids = [...new Set(key.split(','))].filter((id) => id !== '');
    void Promise.all(
      ids.map((id) =>
        api.accounts.get({ id }).then(
          (account) => [id, account.name] as const,
          () => null,
        ),
      ),
    ).then((found) => {
      if (current) setNames(Object.fromEntries(found.filter((entry) => entry !== null)));
    });
    return () => {
      current = false;
    };
  }, [key]);
  return names;
}

function RefusedList({ outcome, when }: { outcome: SyncScopeOutcome; when: 'preview' | 'import' }) {
  const { t } = useTranslation();
  const id = useId();
  const names = useAccountNames(outcome.refused);
  const hidden = outcome.refusedTotal - outcome.refused.length;
  return (
    <section className="sync-warning sync-refused" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {t(when === 'preview' ? 'sync.scope.refused' : 'sync.scope.refusedDone', {
          count: outcome.refusedTotal,
        })}
      </h4>
      {outcome.refused.length > 0 && (
        <div className="table-scroll sync-refused-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('sync.scope.refusedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sync.scope.entity')}</th>
                <th scope="col">{t('sync.scope.account')}</th>
                <th scope="col">{t('sync.scope.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.refused.map((refusal) => (
                <tr key={`${refusal.entity}-${refusal.rowId}-${refusal.reason}`}>
                  <td>
                    {refusal.entity === 'user'
                      ? t('sync.scope.user', { code: refusal.rowId })
                      : t(`sync.scope.kinds.${refusal.entity}`, { defaultValue: entityName(refusal.entity) })}
                  </td>
                  <td>
                    {refusal.accountId === null
                      ? '—'
                      : (names[refusal.accountId] ?? <code>{refusal.accountId.slice(0, 8)}</code>)}
                  </td>
                  <td>{t(`sync.scope.reasons.${refusal.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hidden > 0 && <p>{t('sync.scope.more', { count: hidden })}</p>}
    </section>
  );
}

/**
 * What of a file this book leaves out (records of accounts that are not the user's), drops
 * (accounts handed to someone else) and refuses (changes its signer had no right to make):
 * said before the import, so nothing leaves the book unannounced, and again after it.
 */
export function ScopeNotes({ outcome, when }: { outcome: SyncScopeOutcome; when: 'preview' | 'import' }) {
  const { t } = useTranslation();
  const done = when === 'import';
  return (
    <>
      {outcome.outsideScope > 0 && (
        <p className="sync-note sync-outside">
          {t(done ? 'sync.scope.outsideDone' : 'sync.scope.outside', { count: outcome.outsideScope })}
        </p>
      )}
      {outcome.leaving > 0 && (
        <p className="sync-warning sync-leaving" role={done ? undefined : 'status'}>
          {t(done ? 'sync.scope.leavingDone' : 'sync.scope.leaving', { count: outcome.leaving })}
        </p>
      )}
      {outcome.refusedTotal > 0 && <RefusedList outcome={outcome} when={when} />}
    </>
  );
}
