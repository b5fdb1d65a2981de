import { useMay } from '../../stores/session';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDetail } from '../../../shared/types';
import { api } from '../../api';
import { navigate } from '../../app/router';
import { KindBadge, StatusBadge, TierBadge } from '../../components/Badges';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLastContactText } from '../../components/LastContact';
import { useAccounts } from '../../stores/account';
import { useToast } from '../../stores/toast';
import { AccountForm } from '../forms/AccountForm';
import { AnniversaryForm } from '../forms/AnniversaryForm';
import { ConsumptionForm } from '../forms/ConsumptionForm';
import { PhoneForm } from '../forms/PhoneForm';
import { RelationshipForm } from '../forms/RelationshipForm';
import { VisitForm } from '../forms/VisitForm';
import { VisitsCard } from './ActivityCards';
import { ConsumptionCard } from './ConsumptionCard';
import { ContractsCard } from './ContractsCard';
import { AnniversariesCard, PhonesCard, ProfileCard, RelationshipsCard } from './Cards';
import { GroupCard } from './GroupCard';
import { MoreMenu } from './MoreMenu';
import { EraseDialog, useExportPersonalData } from './PersonalData';

type OpenDialog =
  | 'edit'
  | 'phone'
  | 'relationship'
  | 'visit'
  | 'consumption'
  | 'anniversary'
  | 'archive'
  | 'delete'
  | 'erase'
  | null;

function Header({ detail, open }: { detail: AccountDetail; open: (dialog: OpenDialog) => void }) {
  const { t } = useTranslation();
  const lastContact = useLastContactText();
  const exportPersonalData = useExportPersonalData();
  const may = useMay();
  const account = detail.account;
  const archived = account.status === 'archived';
  return (
    <header className="account-header">
      <div>
        <h1 id="account-title">{account.name}</h1>
        <p className="badges">
          <KindBadge kind={account.kind} />
          <TierBadge tier={account.tier} />
          <StatusBadge status={account.status} />
          <span className="muted">{account.customerNo}</span>
          <span className="muted last-contact">
            {t('account.lastContact', { when: lastContact(detail.lastContactAt) })}
          </span>
        </p>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => open('visit')}>
          {t('account.logVisit')}
        </button>
        <button type="button" onClick={() => open('edit')}>
          {t('common.edit')}
        </button>
        {archived ? (
          <button type="button" onClick={() => void api.accounts.restore({ id: account.id })}>
            {t('account.restore')}
          </button>
        ) : (
          <button type="button" onClick={() => open('archive')}>
            {t('account.archive')}
          </button>
        )}
        <button type="button" className="danger" onClick={() => open('delete')}>
          {t('common.delete')}
        </button>
        <MoreMenu
          items={[
            { label: t('erasure.export'), onSelect: () => void exportPersonalData(account) },
            ...(may('admin')
              ? [{ label: t('erasure.open'), onSelect: () => open('erase'), danger: true }]
              : []),
          ]}
        />
      </div>
    </header>
  );
}

function Dialogs({
  detail,
  dialog,
  close,
}: {
  detail: AccountDetail;
  dialog: OpenDialog;
  close: () => void;
}) {
  const { t } = useTranslation();
  const show = useToast((state) => state.show);
  const account = detail.account;
  switch (dialog) {
    case 'edit':
      return <AccountForm account={account} onClose={close} onSaved={close} />;
    case 'phone':
      return <PhoneForm accountId={account.id} onClose={close} />;
    case 'relationship':
      return <RelationshipForm accountId={account.id} accountKind={account.kind} onClose={close} />;
    case 'visit':
      return <VisitForm accountId={account.id} onClose={close} />;
    case 'consumption':
      return <ConsumptionForm accountId={account.id} onClose={close} />;
    case 'anniversary':
      return <AnniversaryForm accountId={account.id} accountKind={account.kind} onClose={close} />;
    case 'archive':
      return (
        <ConfirmDialog
          title={t('account.archive')}
          message={t('account.archiveConfirm', { name: account.name })}
          onConfirm={() => void api.accounts.archive({ id: account.id })}
          onClose={close}
        />
      );
    case 'delete':
      return (
        <ConfirmDialog
          title={t('common.delete')}
          message={t('account.deleteConfirm', { name: account.name })}
          onConfirm={() =>
            void api.accounts.delete({ id: account.id }).then(() => {
              navigate({ page: 'search' });
              show({
                message: `${t('common.deleted')}: ${account.name}`,
                actionLabel: t('common.undo'),
                action: () =>
                  void api.accounts
                    .undelete({ id: account.id })
                    .then(() => navigate({ page: 'account', id: account.id })),
              });
            })
          }
          onClose={close}
        />
      );
    case 'erase':
      return <EraseDialog account={account} onClose={close} />;
    case null:
      return null;
  }
}

/** Everything about one account on one screen; every piece of work one or two clicks away. */
export function AccountPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const entry = useAccounts((state) => state.entries[id]);
  const load = useAccounts((state) => state.load);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  useEffect(() => void load(id), [id, load]);
  if (entry?.error) {
    return (
      <section className="page">
        <p className="empty">
          {entry.error.code === 'ACCOUNT_DELETED' ? t('account.deletedAccount') : t('account.notFound')}
        </p>
        {entry.error.code === 'ACCOUNT_DELETED' && (
          <button type="button" onClick={() => void api.accounts.undelete({ id }).then(() => load(id))}>
            {t('account.undelete')}
          </button>
        )}
      </section>
    );
  }
  const detail = entry?.detail;
  if (!detail) return <p className="page muted">{t('common.loading')}</p>;
  return (
    <section className="page account-page" aria-labelledby="account-title">
      <Header detail={detail} open={setDialog} />
      {detail.account.status === 'archived' && <p className="notice">{t('account.archivedNotice')}</p>}
      <div className="cards">
        <div className="column">
          <ProfileCard detail={detail} />
          <PhonesCard detail={detail} onAdd={() => setDialog('phone')} />
          <RelationshipsCard detail={detail} onAdd={() => setDialog('relationship')} />
          <AnniversariesCard detail={detail} onAdd={() => setDialog('anniversary')} />
          <GroupCard detail={detail} />
        </div>
        <div className="column">
          <ConsumptionCard detail={detail} onAdd={() => setDialog('consumption')} />
          <ContractsCard detail={detail} />
          <VisitsCard detail={detail} onAdd={() => setDialog('visit')} />
        </div>
      </div>
      <Dialogs detail={detail} dialog={dialog} close={() => setDialog(null)} />
    </section>
  );
}
