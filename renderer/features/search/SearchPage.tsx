import type { TFunction } from 'i18next';
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/domain/phone';
import type { LookupHit, LookupResult } from '../../../shared/types';
import { hrefFor, navigate } from '../../app/router';
import { kindBadge, statusBadge, tierBadge, type Label } from '../../components/Badges';
import { Highlight } from '../../components/Highlight';
import { useManagerName } from '../../components/managerName';
import { isCurrent, largestPage, morePage, useSearch } from '../../stores/search';

/**
 * The rows' labels (badges, "matched by", "owner"), each looked up once per language: thirty
 * rows ask for the same few, and a lookup through i18next costs more than drawing the row.
 * A new `t` (the language changed) makes a new cache.
 */
function labelCache(t: TFunction): Label {
  const cache = new Map<string, string>();
  return (key) => {
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = t(key)));
    return text;
  };
}

/** What matched, when it is not the name itself: the phone, the number, the code. */
function MatchedValue({ hit, t }: { hit: LookupHit; t: Label }) {
  if (hit.field === 'name' || hit.field === 'pinyin' || hit.field === 'initials' || hit.field === 'id')
    return null;
  // Phones are shown grouped (138 0013 8000, +1 415 555 0100); the match is the same digits,
  // re-located.
  const text = hit.field === 'phone' ? formatPhone(hit.text) : hit.text;
  let start = hit.start;
  let end = hit.end;
  if (hit.field === 'phone') {
    // Ranges count characters of the stored number, whose `+` (a foreign number's) is no digit.
    const digitsBefore = (index: number) => hit.text.slice(0, index).replace(/\D/g, '').length;
    // Where the n-th digit is; the mark runs from the first matched digit to just after the
    // last one, so it never takes in the space between groups.
    const digitIndex = (n: number) => {
      let seen = 0;
      for (let i = 0; i < text.length; i++) {
        if (!/\d/.test(text.charAt(i))) continue;
        if (seen === n) return i;
        seen++;
      }
      return text.length;
    };
    const first = digitsBefore(hit.start);
    const last = digitsBefore(hit.end);
    // A whole number is marked whole, a foreign one's `+` included.
    start = hit.start === 0 ? 0 : digitIndex(first);
    end = last > first ? digitIndex(last - 1) + 1 : start;
  }
  return (
    <span className="matched">
      <span className="muted">{t(`search.matchedBy.${hit.field}`)}</span>{' '}
      <Highlight text={text} start={start} end={end} />
    </span>
  );
}

/**
 * One hit. It holds no hooks: the page's labels, names and `select` come in as props, because a
 * new answer mounts thirty rows at once between a keystroke and its frame, and a hook per row
 * (a translation subscription costs a copy of the i18n instance) made that the largest part.
 * Memoized: a keystroke re-renders the page (the box, the dimming) while the rows wait for
 * their answer, and that render runs while the question is on its way.
 */
const ResultRow = memo(function ResultRow(props: {
  hit: LookupHit;
  selected: boolean;
  index: number;
  t: Label;
  managerName: (code: string) => string;
  select: (index: number) => void;
}) {
  const { hit, selected, index, t, managerName, select } = props;
  const account = hit.account;
  const nameMatched = hit.field === 'name' || hit.field === 'pinyin' || hit.field === 'initials';
  return (
    <li
      role="option"
      id={`result-${index}`}
      aria-selected={selected}
      className={selected ? 'result selected' : 'result'}
    >
      <a href={hrefFor({ page: 'account', id: account.id })} tabIndex={-1} onMouseEnter={() => select(index)}>
        <span className="result-name">
          {nameMatched ? <Highlight text={account.name} start={hit.start} end={hit.end} /> : account.name}
        </span>
        {kindBadge(t, account.kind)}
        {tierBadge(t, account.tier)}
        {statusBadge(t, account.status)}
        <MatchedValue hit={hit} t={t} />
        <span className="result-meta muted">
          {account.customerNo}
          {account.owner ? ` · ${t('field.owner')} ${managerName(account.owner)}` : ''}
          {account.region ? ` · ${account.region}` : ''}
        </span>
      </a>
    </li>
  );
});

/** How many match, and how many of them are listed when the list stops short. */
function ResultCount(props: { result: LookupResult; shown: number; onMore: () => void }) {
  const { t } = useTranslation();
  const limit = useSearch((state) => state.limit);
  const { result, shown } = props;
  if (shown >= result.total && !result.totalCapped) {
    return (
      <p className="muted search-count" aria-live="polite">
        {t('search.results', { count: shown })}
      </p>
    );
  }
  return (
    <p className="muted search-count" aria-live="polite">
      {result.totalCapped
        ? t('search.shownOfAtLeast', { shown, total: result.total })
        : t('search.shownOf', { shown, total: result.total })}{' '}
      {limit < largestPage ? (
        <button type="button" className="link" onClick={props.onMore}>
          {t('search.showMore')}
        </button>
      ) : (
        <span>{t('search.narrowDown')}</span>
      )}
    </p>
  );
}

/** The one box: phone digits, 汉字, pinyin, initials or a number; results while typing. */
export function SearchPage() {
  const { t } = useTranslation();
  const { query, result, selected, limit, setQuery, move, select, choose, showMore } = useSearch();
  const managerName = useManagerName();
  const label = useMemo(() => labelCache(t), [t]);
  const input = useRef<HTMLInputElement>(null);
  // The last query stays, selected, so typing (after Ctrl+K from another screen) replaces it.
  useLayoutEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  // Enter may wait for results; by then the user may have gone elsewhere.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const more = () => {
    showMore();
    // Back to the box, so arrows and Enter go on working.
    input.current?.focus();
  };
  const hits = result?.hits ?? [];
  // Results of an earlier text stay on screen until the new ones arrive, dimmed.
  const stale = result !== null && !isCurrent(result, query);
  return (
    <section className="page search-page" aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <input
        ref={input}
        id="search-box"
        className="search-box"
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={hits.length > 0}
        aria-controls="search-results"
        aria-activedescendant={hits.length > 0 ? `result-${selected}` : undefined}
        aria-autocomplete="list"
        aria-busy={stale}
        placeholder={t('search.placeholder')}
        value={query}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') move(1);
          else if (event.key === 'ArrowUp') move(-1);
          else if (event.key === 'Enter')
            void choose().then((id) => {
              if (id !== null && mounted.current) navigate({ page: 'account', id });
            });
          else return;
          event.preventDefault();
        }}
      />
      <p className="hint">{t('search.hint')}</p>
      {result && !stale && hits.length === 0 && (
        <p className="empty">{t('search.noResults', { query: result.query })}</p>
      )}
      {result && hits.length > 0 && (
        <div className={stale ? 'search-results stale' : 'search-results'}>
          <ResultCount result={result} shown={hits.length} onMore={more} />
          <ul id="search-results" role="listbox" aria-label={t('search.label')} className="results">
            {hits.map((hit, index) => (
              <ResultRow
                key={hit.account.id}
                hit={hit}
                index={index}
                selected={index === selected}
                t={label}
                managerName={managerName}
                select={select}
              />
            ))}
          </ul>
          {!stale && limit < largestPage && (hits.length < result.total || result.totalCapped) && (
            <p className="search-more">
              <button type="button" onClick={more}>
                {t('search.showMoreCount', { count: Math.min(morePage, result.total - hits.length) })}
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
