import { useState } from 'react';
import { RevealDialog } from './RevealDialog';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/domain/phone';
import type { AccountDetail, AccountPhone, Anniversary, RelationshipView } from '../../../shared/types';
import { api } from '../../api';
import { hrefFor } from '../../app/router';
import { KindBadge } from '../../components/Badges';
import { useManagerName } from '../../components/managerName';
import { anniversaryDate, dateOnly, dateTime, daysUntil } from './format';
import { AnniversaryForm } from '../forms/AnniversaryForm';
import { PhoneForm } from '../forms/PhoneForm';
import { RelationshipEditForm } from '../forms/RelationshipEditForm';
import { RecordActions, useUndoableDelete } from './RecordActions';
import { TierHistory } from './TierHistory';
import { useRevealed } from '../../stores/revealed';

/** The smaller cards of the account 360° view. */
export function Card(props: {
  title: string;
  action?: { label: string; onClick: () => void };
  children: React.ReactNode;
  id: string;
}) {
  return (
    <section className="card" aria-labelledby={props.id}>
      <header className="card-header">
        <h2 id={props.id}>{props.title}</h2>
        {props.action && (
          <button type="button" onClick={props.action.onClick}>
            + {props.action.label}
          </button>
        )}
      </header>
      {props.children}
    </section>
  );
}

export function ProfileCard({ detail }: { detail: AccountDetail }) {
  const { t } = useTranslation();
  const managerName = useManagerName();
  const a = detail.account;
  const rows: [string, string][] = [
    [t('field.customerNo'), a.customerNo],
    ...(a.kind === 'organization'
      ? ([[t('field.creditCode'), a.creditCode ?? '—']] as [string, string][])
      : []),
    [
      t('field.tier'),
      [
        t(`tier.${a.tier}`),
        a.tierSource === 'suggested' ? t('account.tierSuggested') : t('account.tierByManager'),
        a.tierReason,
      ]
        .filter(Boolean)
        .join(' · '),
    ],
    [t('field.owner'), managerName(a.owner) || '—'],
    [t('field.region'), a.region || '—'],
    [t('field.industry'), a.industry || '—'],
    [t('field.address'), [a.address, a.postcode].filter(Boolean).join(' ') || '—'],
    [t('field.createdAt'), `${dateTime(a.createdAt)} · ${managerName(a.createdBy)}`],
    [t('field.updatedAt'), dateTime(a.updatedAt)],
  ];
  return (
    <Card id="profile-title" title={t('account.profile')}>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {a.notes && <p className="notes">{a.notes}</p>}
      <TierHistory key={`${a.id}-${a.tier}-${a.tierSource}`} accountId={a.id} />
    </Card>
  );
}

export function PhonesCard({ detail, onAdd }: { detail: AccountDetail; onAdd: () => void }) {
  const { t } = useTranslation();
  const undoable = useUndoableDelete();
  const [editing, setEditing] = useState<AccountPhone | null>(null);
  const revealed = useRevealed(detail.account.id)?.phones ?? null;
  const [revealing, setRevealing] = useState(false);
  const phones = revealed ?? detail.phones;
  return (
    <Card
      id="phones-title"
      title={t('account.phones')}
      action={{ label: t('account.addPhone'), onClick: onAdd }}
    >
      {detail.phones.length === 0 && <p className="muted">{t('common.none')}</p>}
      {detail.phonesMasked && revealed === null && detail.phones.length > 0 && (
        <p className="muted small">
          {t('reveal.masked')}{' '}
          <button type="button" className="link" onClick={() => setRevealing(true)}>
            {t('reveal.open')}
          </button>
        </p>
      )}
      {revealing && <RevealDialog accountId={detail.account.id} onClose={() => setRevealing(false)} />}
      <ul className="plain">
        {phones.map((phone) => (
          <li key={phone.id} className="row">
            <a href={`tel:${phone.number}`} className="phone">
              {formatPhone(phone.number)}
            </a>
            <span className="muted">{t(`phoneLabel.${phone.label}`)}</span>
            {phone.note && <span className="muted">{phone.note}</span>}
            <RecordActions
              name={formatPhone(phone.number)}
              onEdit={() => setEditing(phone)}
              onDelete={() =>
                undoable(
                  () => api.phones.delete({ id: phone.id }),
                  () => api.phones.undelete({ id: phone.id }),
                )
              }
            />
          </li>
        ))}
      </ul>
      {editing && (
        <PhoneForm accountId={detail.account.id} phone={editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}

function relationLabel(view: RelationshipView): string {
  return `relationship.${view.type}${view.direction === 'out' ? 'Out' : 'In'}`;
}

/** Relationships listed before "show all": a group's head has a link to every subsidiary. */
const relationshipsShown = 8;

export function RelationshipsCard({ detail, onAdd }: { detail: AccountDetail; onAdd: () => void }) {
  const { t } = useTranslation();
  const undoable = useUndoableDelete();
  const [editing, setEditing] = useState<RelationshipView | null>(null);
  const [all, setAll] = useState(false);
  const count = detail.relationships.length;
  const many = count > relationshipsShown;
  const shown = many && !all ? detail.relationships.slice(0, relationshipsShown) : detail.relationships;
  return (
    <Card
      id="relationships-title"
      title={t('account.relationships')}
      action={{ label: t('account.addRelationship'), onClick: onAdd }}
    >
      {detail.relationships.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className={many && all ? 'plain relationships-list scroll' : 'plain relationships-list'}>
        {shown.map((view) => (
          <li key={view.id} className="row">
            <span className="relation">{t(relationLabel(view))}</span>
            <a href={hrefFor({ page: 'account', id: view.other.id })}>{view.other.name}</a>
            <KindBadge kind={view.other.kind} />
            {view.role && <span className="muted">{view.role}</span>}
            <RecordActions
              name={view.other.name}
              onEdit={() => setEditing(view)}
              onDelete={() =>
                undoable(
                  () => api.relationships.delete({ id: view.id }),
                  () => api.relationships.undelete({ id: view.id }),
                )
              }
            />
          </li>
        ))}
      </ul>
      {many && (
        <button type="button" className="link show-all" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('account.groupCollapse') : t('account.relationshipsShowAll', { count })}
        </button>
      )}
      {editing && <RelationshipEditForm view={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

const byNextDate = (a: Anniversary, b: Anniversary) => a.next.date.localeCompare(b.next.date);

/** When it next falls, how soon, and (when the year is known) the age or the Nth year. */
function NextDate({ anniversary }: { anniversary: Anniversary }) {
  const { t } = useTranslation();
  const days = daysUntil(anniversary.next.date);
  const years = anniversary.next.years;
  return (
    <span className={days <= 7 ? 'next soon' : 'next muted'}>
      {t('account.nextDate', { date: dateOnly(`${anniversary.next.date}T12:00:00`) })} ·{' '}
      {days === 0 ? t('account.today') : t('account.inDays', { count: days })}
      {years !== null && years > 0
        ? ` · ${t(anniversary.kind === 'birthday' ? 'account.age' : 'account.years', { count: years })}`
        : ''}
    </span>
  );
}

export function AnniversariesCard({ detail, onAdd }: { detail: AccountDetail; onAdd: () => void }) {
  const { t } = useTranslation();
  const undoable = useUndoableDelete();
  const [editing, setEditing] = useState<Anniversary | null>(null);
  const [revealing, setRevealing] = useState(false);
  const revealed = useRevealed(detail.account.id)?.anniversaries ?? null;
  const anniversaries = revealed ?? detail.anniversaries;
  return (
    <Card
      id="anniversaries-title"
      title={t('account.anniversaries')}
      action={{ label: t('account.addAnniversary'), onClick: onAdd }}
    >
      {anniversaries.length === 0 && <p className="muted">{t('common.none')}</p>}
      {revealed === null && detail.anniversaries.some((anniversary) => anniversary.yearMasked) && (
        <p className="muted small">
          {t('reveal.birthYearsMasked')}{' '}
          <button type="button" className="link" onClick={() => setRevealing(true)}>
            {t('reveal.open')}
          </button>
        </p>
      )}
      {revealing && <RevealDialog accountId={detail.account.id} onClose={() => setRevealing(false)} />}
      <ul className="plain">
        {[...anniversaries].sort(byNextDate).map((anniversary) => (
          <li key={anniversary.id} className="row anniversary">
            <span>
              {anniversary.kind === 'custom' ? anniversary.label : t(`anniversaryKind.${anniversary.kind}`)}
            </span>
            <span>{anniversaryDate(anniversary, t(`calendar.${anniversary.calendar}`))}</span>
            <NextDate anniversary={anniversary} />
            {anniversary.note && <span className="muted">{anniversary.note}</span>}
            <RecordActions
              name={`${anniversary.kind === 'custom' ? anniversary.label : t(`anniversaryKind.${anniversary.kind}`)} ${anniversaryDate(anniversary, t(`calendar.${anniversary.calendar}`))}`}
              onEdit={() => setEditing(anniversary)}
              onDelete={() =>
                undoable(
                  () => api.anniversaries.delete({ id: anniversary.id }),
                  () => api.anniversaries.undelete({ id: anniversary.id }),
                )
              }
            />
          </li>
        ))}
      </ul>
      {editing && (
        <AnniversaryForm
          accountId={detail.account.id}
          accountKind={detail.account.kind}
          anniversary={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
