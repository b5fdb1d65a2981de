import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaBucket, AgendaBucketList, AgendaItem } from '../../../shared/types';
import { agendaKey } from '../../stores/agenda';
import { AgendaItemView, type AgendaAction } from './AgendaItemView';

/**
 * Overdue items shown before "show all": a backlog (every follow-up of an upgraded book is open)
 * must not push today's work off the screen.
 */
const overdueShown = 3;

/** A backlog worth clearing at once: more overdue items than are shown, two follow-ups or more. */
function showBulk(followUps: number, items: readonly AgendaItem[] | null): boolean {
  return followUps >= 2 && items !== null && items.length > overdueShown;
}

/** One part of the agenda (overdue, today, the next days): its count, its items, or why empty. */
export function AgendaSection(props: {
  bucket: AgendaBucket;
  list: AgendaBucketList | null;
  pending: readonly string[];
  today: string;
  onAct: (item: AgendaItem, action: AgendaAction, row: HTMLLIElement | null) => void;
  /** Overdue: how many are follow-ups, and marking them all done (a backlog, after an upgrade). */
  bulk?: { readonly followUps: number; readonly onCompleteAll: () => void } | undefined;
}) {
  const { t } = useTranslation();
  const { bucket, list } = props;
  const titleId = `agenda-${bucket}`;
  const items = list?.items.filter((item) => !props.pending.includes(agendaKey(item))) ?? null;
  const hidden = list === null || items === null ? 0 : list.items.length - items.length;
  const total = list === null ? null : list.total - hidden;
  const [expanded, setExpanded] = useState(false);
  const collapsed = bucket === 'overdue' && !expanded && items !== null && items.length > overdueShown;
  const shown = collapsed ? items.slice(0, overdueShown) : items;
  return (
    <section className={`card agenda-bucket agenda-${bucket}`} aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId} tabIndex={-1}>
          {t(`agenda.bucket.${bucket}`)}
          {total !== null && total > 0 && <span className="agenda-count">{total}</span>}
        </h2>
        {list && items && !collapsed && list.total > list.items.length && (
          <span className="muted">{t('agenda.shownOf', { shown: items.length, total })}</span>
        )}
      </header>
      {items === null && <p className="muted">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="muted">{t(`agenda.empty.${bucket}`)}</p>}
      {shown && shown.length > 0 && (
        <ul className="plain agenda-list" aria-labelledby={titleId}>
          {shown.map((item) => (
            <AgendaItemView key={agendaKey(item)} item={item} today={props.today} onAct={props.onAct} />
          ))}
        </ul>
      )}
      {(collapsed || (props.bulk && showBulk(props.bulk.followUps, items))) && (
        <div className="agenda-more">
          {collapsed && (
            <button type="button" className="link" onClick={() => setExpanded(true)}>
              {t('agenda.showAll', { count: total ?? items.length })}
            </button>
          )}
          {props.bulk && showBulk(props.bulk.followUps, items) && (
            <button type="button" className="link" onClick={props.bulk.onCompleteAll}>
              {t('agenda.completeAll', { count: props.bulk.followUps })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
