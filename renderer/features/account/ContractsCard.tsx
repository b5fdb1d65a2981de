import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../shared/domain/money';
import type { AccountDetail, Contract } from '../../../shared/types';
import { api } from '../../api';
import { ContractForm } from '../forms/ContractForm';
import { Card } from './Cards';
import { RecordActions, useUndoableDelete } from './RecordActions';

/** Days from today (local) to a plain day. */
function daysUntil(day: string): number {
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((Date.parse(`${day}T00:00:00Z`) - today) / 86_400_000);
}

/** The account's contracts (合同), the one ending first first, with how long each still runs. */
export function ContractsCard({ detail }: { detail: AccountDetail }) {
  const { t } = useTranslation();
  const undoable = useUndoableDelete();
  const [editing, setEditing] = useState<Contract | 'new' | null>(null);
  return (
    <Card
      id="contracts-title"
      title={t('contract.title')}
      action={{ label: t('contract.add'), onClick: () => setEditing('new') }}
    >
      {detail.contracts.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className="plain">
        {detail.contracts.map((contract) => {
          const left = daysUntil(contract.endDate);
          return (
            <li key={contract.id} className="row contract">
              <span>{contract.number}</span>
              <span>{t(`category.${contract.service}`)}</span>
              <span className="muted">
                {contract.startDate} – {contract.endDate}
              </span>
              <span>{t('contract.perMonth', { value: formatYuan(contract.monthlyFen) })}</span>
              <span className={left >= 0 && left <= 30 ? 'warning' : 'muted'}>
                {left < 0 ? t('contract.ended') : t('contract.endsIn', { count: left })}
                {contract.autoRenew ? ` · ${t('contract.autoRenews')}` : ''}
              </span>
              {contract.notes && <span className="muted">{contract.notes}</span>}
              <RecordActions
                name={contract.number}
                onEdit={() => setEditing(contract)}
                onDelete={() =>
                  undoable(
                    () => api.contracts.delete({ id: contract.id }),
                    () => api.contracts.undelete({ id: contract.id }),
                  )
                }
              />
            </li>
          );
        })}
      </ul>
      {editing && (
        <ContractForm
          accountId={detail.account.id}
          {...(editing === 'new' ? {} : { contract: editing })}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
