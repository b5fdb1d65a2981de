import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary, LookupHit } from '../../shared/types';
import { api } from '../api';
import { KindBadge } from './Badges';
import { Highlight } from './Highlight';

/** Choose an account by typing what lookup understands (phone digits, name, pinyin…). */
export function AccountPicker(props: {
  id: string;
  invalid: boolean;
  describedBy: string | undefined;
  excludeId: string;
  value: AccountSummary | null;
  onChange: (account: AccountSummary | null) => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly LookupHit[]>([]);
  const [active, setActive] = useState(0);
  const choose = (hit: LookupHit | undefined) => {
    if (!hit) return;
    props.onChange(hit.account);
    setQuery('');
    setHits([]);
  };
  if (props.value) {
    return (
      <div className="picked">
        <span>{props.value.name}</span> <KindBadge kind={props.value.kind} />{' '}
        <button type="button" className="link" onClick={() => props.onChange(null)}>
          {t('common.edit')}
        </button>
      </div>
    );
  }
  return (
    <div className="picker">
      <input
        id={props.id}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={hits.length > 0 ? `${listId}-${active}` : undefined}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        placeholder={t('form.pickAccount')}
        value={query}
        onChange={(event) => {
          const text = event.target.value;
          setQuery(text);
          setActive(0);
          if (text.trim() === '') return setHits([]);
          void api.lookup.search({ query: text, limit: 8 }).then((result) => {
            setHits(result.hits.filter((hit) => hit.account.id !== props.excludeId));
          });
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, hits.length - 1));
          else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (event.key === 'Enter' && hits.length > 0) choose(hits[active]);
          else return;
          event.preventDefault();
        }}
      />
      {hits.length > 0 && (
        <ul id={listId} role="listbox" className="picker-list">
          {hits.map((hit, index) => (
            <li
              key={hit.account.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(hit);
              }}
            >
              {hit.field === 'name' || hit.field === 'pinyin' || hit.field === 'initials' ? (
                <Highlight text={hit.account.name} start={hit.start} end={hit.end} />
              ) : (
                hit.account.name
              )}{' '}
              <KindBadge kind={hit.account.kind} /> <span className="muted">{hit.account.customerNo}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
